import type { Db } from '../../db/client.js';
import type { ReportWindow } from '../reports/report-window.js';
import { calibrate, proposeMqlClauses, type ActionCount, type BehaviourConditionInput, type CalibrationOptions } from './calibration-stats.js';
import { type ContactFrequency, frequencyThresholds, thresholdAction } from './calibration-frequency.js';
import { calibratePropertyCounts, countPropertyValues } from './calibration-properties.js';
import { calibrationCountsSql, type CalibrationCountRow } from './queries/calibration-actions.js';
import { wholeDayParams } from './queries/customer-cohort.js';

/** The MQL condition an asset action stands for: the event that touches that kind of asset. */
const assetEvent: Record<string, string> = { page: 'page', form: 'Form Submitted', cta: 'CTA Clicked', content: 'Content Downloaded', webinar: 'Webinar Registered' };

const histogram = (rows: readonly CalibrationCountRow[], section: 'pages' | 'downloads'): ContactFrequency[] =>
  rows.filter((r) => r.section === section).map((r) => ({ count: r.count!, customer: r.customer!, contacts: r.contacts }));

/**
 * The guide's closed-loop calibration, automatic: for contacts created in the window, every
 * action's close rate with its 95 % interval, lift over the average, suggested points, flags for
 * the actions well above average (proposed as MQL clauses), and the page-view and download
 * thresholds that best separate customers from the rest; the same for every value (or numeric
 * quintile) of every contact and company property.
 */
export async function calibrationReport(db: Db, w: ReportWindow, opts: CalibrationOptions = {}) {
  // What the contacts did, and who they were (imported histories carry their signal there): both
  // statements at once, on a server each on a connection of its own.
  const [counts, propertyGroups] = await Promise.all([db.query<CalibrationCountRow>(calibrationCountsSql, wholeDayParams(w)), countPropertyValues(db, w)]);
  const baseline = counts.find((r) => r.section === 'baseline')!;
  const actions: ActionCount[] = [];
  for (const r of counts) {
    if (r.section === 'event' || r.section === 'asset' || r.section === 'campaign') {
      const a: ActionCount = { key: r.key!, kind: r.section, label: r.label!, contacts: r.contacts, customers: r.customers! };
      if (r.section === 'asset' && r.asset_kind && assetEvent[r.asset_kind]) {
        a.condition = { kind: 'behaviour', event: assetEvent[r.asset_kind]!, asset: r.key!.slice(r.asset_kind.length + 1) } as BehaviourConditionInput;
      }
      actions.push(a);
    }
  }
  const frequency = {
    pages: frequencyThresholds(histogram(counts, 'pages'), opts),
    downloads: frequencyThresholds(histogram(counts, 'downloads'), opts),
  };
  for (const [result, event, label] of [[frequency.pages, 'page', 'Page views'], [frequency.downloads, 'Content Downloaded', 'Downloads']] as const) {
    const a = thresholdAction(result, { event }, undefined);
    if (a) actions.push({ ...a, label: `${label} ≥ ${a.condition!.minCount}` });
  }
  const cohort = { contacts: baseline.contacts, customers: baseline.customers! };
  const result = calibrate(actions, cohort, opts);
  const properties = calibratePropertyCounts(propertyGroups, cohort, opts);
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
