import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Actor } from '../domains/context.js';
import type { RecordScope } from '../domains/auth/record-scope.js';
import type { Permission } from '../domains/auth/roles.js';
import { addMonths, monthBounds, monthOf, reportWindow, type ReportWindow } from '../domains/reports/report-window.js';
import type { Clock } from '../shared/clock.js';

/** A report as a flat table: the terminal's table and the CSV file. */
export type Rows = Record<string, unknown>[];

/** The window a report applied, stated with its answer (JSON `window`, the CLI's header, the CSV's name). */
export interface AppliedWindow extends ReportWindow {
  zone: string;
  /** The month asked for, or the running month a monthly report defaulted to; null for other windows. */
  month: string | null;
}

export interface ReportContext {
  db: Db;
  clock: Clock;
  /** The workspace's time zone: report days and months are its. */
  zone: string;
  actor: Actor;
  /** The reader's record scope, for reports that list records rather than count them (null: everything). */
  scope: RecordScope | null;
  can(permission: Permission): boolean;
  /** true for the CSV file and the CLI: a paged list comes whole unless a limit was asked for. */
  complete: boolean;
  /** What `window` of the definition gave; null for reports without one. */
  window: AppliedWindow | null;
}

type WindowParams = { month?: string; from?: string; to?: string };

/**
 * One report: its parameters (one zod schema for every way it is read), the window those
 * parameters mean, and what it answers (data for the API) and prints (rows for CSV and terminal).
 */
export interface ReportDefinition<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  /** One line: what the report says (the report list, the CLI help, docs/api.md). */
  summary: string;
  params: S;
  /** Parameters only the CLI takes, added to `params` there (a GET never writes: model's --train). */
  cliParams?: z.ZodObject;
  /** Of the parsed parameters, in the workspace zone; absent: the report has no window (as of now). */
  window?: (p: z.output<S>, now: Date, zone: string) => AppliedWindow | null;
  /** Lists that page: the API answers `limit` rows (default 100) and `next_cursor`. */
  paged?: boolean;
  /**
   * What the JSON route answers (its response schema: OpenAPI, and the web app's generated types).
   * Fields it does not list are left out of the answer; an object answer also gets its `window`.
   */
  data?: z.ZodType;
  run(ctx: ReportContext, p: z.output<S>): Promise<{ data: unknown; rows: Rows }>;
}

/** Type-checks a definition against its own schema, then forgets the schema's type for the registry. */
export const defineReport = <S extends z.ZodType<Record<string, unknown>>>(d: ReportDefinition<S>): ReportDefinition => d as unknown as ReportDefinition;

const applied = (w: ReportWindow, zone: string, month: string | null = null): AppliedWindow => ({ ...w, zone, month });

/** month, or from/to days, else the last `days` days up to now. */
export const lastDays = (days: number) => (p: WindowParams, now: Date, zone: string) => applied(reportWindow(p, now, days, zone), zone, p.month ?? null);

/** month, or from/to days, else the running month. */
export const runningMonth = (p: WindowParams, now: Date, zone: string) => {
  if (p.from || p.to) return applied(reportWindow(p, now, 30, zone), zone);
  const month = p.month ?? monthOf(now, zone);
  return applied(monthBounds(month, zone), zone, month);
};

/** month, or from/to days, else the `months` whole months before the running one. */
export const monthsBefore = (months: number) => (p: WindowParams, now: Date, zone: string) => {
  if (p.month || p.from || p.to) return applied(reportWindow(p, now, 30, zone), zone, p.month ?? null);
  const running = monthOf(now, zone);
  return applied({ from: monthBounds(addMonths(running, -months), zone).from, to: monthBounds(running, zone).from }, zone);
};
