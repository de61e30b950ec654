import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { actorCan, type RecordScope } from '../domains/auth/record-scope.js';
import type { Permission } from '../domains/auth/roles.js';
import { systemActor, type Actor } from '../domains/context.js';
import { escapeFormula } from '../domains/crm/csv-export/formula-escape.js';
import { dayOf } from '../domains/reports/report-window.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { Cell } from '../shared/report-cells.js';
import { parseInput } from '../shared/validate.js';
import { assets, attribution, campaigns, funnel, funnelBreakdownReport, marketing, sources, speedToLeadReport } from './marketing-reports.js';
import { marketingSla, mqlScoresReport, mqlValue, planner, waterfall } from './planning-reports.js';
import type { AppliedWindow, ReportDefinition, Rows } from './report-definition.js';
import { checkWindow } from './report-params.js';
import { leadQuality, mqlDefinition } from './lead-quality-reports.js';
import { attempts, handoffs, leads, sales, salesDashboardReport, sla, winLoss } from './sales-reports.js';
import { calibration, model, quadrants } from './scoring-reports.js';
import { nurture, suppressions } from './audience-reports.js';

export type { AppliedWindow, ReportDefinition, Rows } from './report-definition.js';

/**
 * Every report once, for every way it is read: GET /api/reports/<name> (its data), GET
 * /api/reports/<name>/csv and `revloop report <name>` (its rows), all from its one parameter
 * schema — the API's query string, the CLI's flags, the OpenAPI document and docs/api.md. A
 * parameter a report does not take is refused by name everywhere. Each definition lives with its
 * family (marketing-, sales-, planning-, scoring-reports.ts); add a parameter to its schema there.
 */
export const reports: Record<string, ReportDefinition> = {
  sources,
  assets,
  marketing,
  campaigns,
  attribution,
  funnel,
  'funnel-breakdown': funnelBreakdownReport,
  sales,
  sla,
  leads,
  'sales-dashboard': salesDashboardReport,
  attempts,
  handoffs,
  'mql-value': mqlValue,
  'marketing-sla': marketingSla,
  waterfall,
  planner,
  calibration,
  model,
  quadrants,
  'lead-quality': leadQuality,
  'mql-definition': mqlDefinition,
  'win-loss': winLoss,
  'speed-to-lead': speedToLeadReport,
  'mql-scores': mqlScoresReport,
  suppressions,
  nurture,
};

/** Paths that name a report differently, kept working: each answers as the report it names. */
export const reportAliases: Record<string, string> = { 'lead-waterfall': 'waterfall' };

export const reportNames = () => Object.keys(reports);

/** A report by name; 400 naming the known ones when there is no such report. */
export function reportDefinition(name: string): ReportDefinition {
  const report = Object.hasOwn(reports, name) ? reports[name] : undefined;
  if (!report) {
    throw new AppError('validation_failed', `There is no report "${name}"; try one of ${reportNames().join(', ')}.`, { errors: [{ field: 'name', problem: `must be one of ${reportNames().join(', ')}` }] });
  }
  return report;
}

/** The CLI's schema of a report: its parameters plus the ones only the CLI takes. */
export function cliParamsSchema(report: ReportDefinition): z.ZodType<Record<string, unknown>> {
  if (!report.cliParams) return report.params;
  const base = report.params as unknown as z.ZodObject;
  return z.strictObject({ ...base.shape, ...report.cliParams.shape }).superRefine((v, ctx) => checkWindow(v as never, ctx));
}

export interface RunReportOptions {
  /** The reader (default the system): their record scope and permissions shape lists and costs. */
  actor?: Actor;
  scope?: RecordScope | null;
  /** The CLI: its own parameters are taken too. */
  cli?: boolean;
  /** Whole lists (CSV, CLI; the default) rather than the API's first page. */
  complete?: boolean;
}

export interface ReportResult {
  window: AppliedWindow | null;
  zone: string;
  /** As the API answers it; an object answer carries the applied `window`. */
  data: unknown;
  rows: Rows;
}

/** The applied window as an answer states it: instants (to excluded), the zone, and the month when one was asked. */
export const windowJson = (w: AppliedWindow) => ({ from: w.from.toISOString(), to: w.to.toISOString(), zone: w.zone, month: w.month });

/** Runs a report by name on raw parameters (text or parsed), checked against its schema: 400 naming what is wrong. */
export async function runReport(db: Db, clock: Clock, name: string, raw: Record<string, unknown> = {}, opts: RunReportOptions = {}): Promise<ReportResult> {
  const report = reportDefinition(name);
  const params = parseInput(opts.cli ? cliParamsSchema(report) : report.params, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  const zone = await reportZone(db);
  const now = clock.now();
  const window = report.window?.(params, now, zone) ?? null;
  const actor = opts.actor ?? systemActor;
  const { data, rows } = await report.run(
    { db, clock, zone, actor, scope: opts.scope ?? null, can: (p: Permission) => actorCan(actor, p), complete: opts.complete ?? true, window },
    params,
  );
  const stated = window && data && typeof data === 'object' && !Array.isArray(data) ? { ...data, window: windowJson(window) } : data;
  return { window, zone, data: stated, rows };
}

/** What a report covered, for a header or a file name: `2018-01-01 to 2018-12-31` (days in its zone), or `as of` now. */
export function windowLabel(window: AppliedWindow | null, now: Date, zone: string): { text: string; file: string } {
  if (!window) return { text: `as of ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`, file: `as-of-${dayOf(now, zone)}` };
  const first = dayOf(window.from, zone);
  const last = dayOf(new Date(window.to.getTime() - 1), zone);
  return { text: `${first} to ${last} (${zone})`, file: `${first}-to-${last}` };
}

/**
 * A report's table as CSV, safe to open in a spreadsheet (no cell runs as a formula), with its
 * figures as numbers: a share is written as a ratio between 0 and 1 (0.125, not "12.5%"; its
 * column's name says it is a rate or a share), a missing figure as a blank cell. The header is
 * the same whatever the data, so a file can be read by a script month after month.
 */
export function rowsToCsv(rows: Rows): string {
  const keys = rows.length ? Object.keys(rows[0]!) : [];
  const cell = (v: unknown) => (v instanceof Cell ? v.value ?? '' : typeof v === 'string' ? escapeFormula(v) : v);
  return stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [k, cell(r[k])]))), { header: true });
}
