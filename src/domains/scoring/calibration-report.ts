import type { Db } from '../../db/client.js';
import type { ReportWindow } from '../reports/report-window.js';
import { calibrate, proposeMqlClauses, type ActionCount, type BehaviourConditionInput, type CalibrationOptions } from './calibration-stats.js';
import { frequencyThresholds, thresholdAction } from './calibration-frequency.js';
import { calibrateProperties } from './calibration-properties.js';
import { calibrationActionsSql, calibrationBaselineSql, calibrationFrequencySql } from './queries/calibration-actions.js';

/** The MQL condition an asset action stands for: the event that touches that kind of asset. */
const assetEvent: Record<string, string> = { page: 'page', form: 'Form Submitted', cta: 'CTA Clicked', content: 'Content Downloaded', webinar: 'Webinar Registered' };

/**
 * The guide's closed-loop calibration, automatic: for contacts created in the window, every
 * action's close rate with its 95 % interval, lift over the average, suggested points, flags for
 * the actions well above average (proposed as MQL clauses), and the page-view and download
 * thresholds that best separate customers from the rest; the same for every value (or numeric
 * quintile) of every contact and company property.
 */
export async function calibrationReport(db: Db, w: ReportWindow, opts: CalibrationOptions = {}) {
  const params = [w.from, w.to];
  const [[baseline], rows, histograms] = await Promise.all([
    db.query<{ contacts: number; customers: number }>(calibrationBaselineSql, params),
    db.query<{ kind: 'event' | 'asset' | 'campaign'; key: string; label: string; asset_kind: string | null; contacts: number; customers: number }>(calibrationActionsSql, params),
    db.query<{ action: 'pages' | 'downloads'; count: number; customer: boolean; contacts: number }>(calibrationFrequencySql, params),
  ]);
  const actions: ActionCount[] = rows.map((r) => {
    const a: ActionCount = { key: r.key, kind: r.kind, label: r.label, contacts: r.contacts, customers: r.customers };
    if (r.kind === 'asset' && r.asset_kind && assetEvent[r.asset_kind]) {
      a.condition = { kind: 'behaviour', event: assetEvent[r.asset_kind]!, asset: r.key.slice(r.asset_kind.length + 1) } as BehaviourConditionInput;
    }
    return a;
  });
  const frequency = {
    pages: frequencyThresholds(histograms.filter((c) => c.action === 'pages'), opts),
    downloads: frequencyThresholds(histograms.filter((c) => c.action === 'downloads'), opts),
  };
  for (const [result, event, label] of [[frequency.pages, 'page', 'Page views'], [frequency.downloads, 'Content Downloaded', 'Downloads']] as const) {
    const a = thresholdAction(result, { event }, undefined);
    if (a) actions.push({ ...a, label: `${label} ≥ ${a.condition!.minCount}` });
  }
  const result = calibrate(actions, baseline!, opts);
  // Who the contacts were, as well as what they did: imported histories carry their signal there.
  const properties = await calibrateProperties(db, w, baseline!, opts);
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    ...result,
    properties,
    proposals: proposeMqlClauses(result),
    frequency: {
      pages: { recommended: frequency.pages.recommendedK, rule: frequency.pages.rule, candidates: frequency.pages.candidates.slice(0, 30) },
      downloads: { recommended: frequency.downloads.recommendedK, rule: frequency.downloads.rule, candidates: frequency.downloads.candidates.slice(0, 30) },
    },
  };
}
