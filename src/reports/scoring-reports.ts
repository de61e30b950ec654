import { z } from 'zod';
import { calibrationReport } from '../domains/scoring/calibration-report.js';
import { latestModelReport, trainAndApply } from '../domains/scoring/predictive-training.js';
import { quadrantReport } from '../domains/scoring/score-contacts.js';
import { AppError, invalid } from '../shared/errors.js';
import { defineReport, lastDays, type Rows } from './report-definition.js';
import { reportParams, windowShape } from './report-params.js';
import { calibrationReportData, modelReportData, quadrantsReportData } from './scoring-report-data.js';
import { num, pct } from '../shared/report-cells.js';

export const calibration = defineReport({
  summary: 'Closed-loop calibration of contacts created in the window (default the last 365 days): every action\'s close rate with its 95 % interval, lift, suggested points and flags, the page-view and download thresholds, and the same for every value (or numeric quintile) of every contact and company property.',
  data: calibrationReportData,
  params: reportParams(windowShape),
  window: lastDays(365),
  async run(ctx) {
    const data = await calibrationReport(ctx.db, ctx.window!);
    const rows = data.actions.map((a) => ({
      action: `${a.kind}: ${a.label}`, contacts: a.contacts, customers: a.customers, close_rate: pct(a.closeRate),
      ci95: a.ci ? `${pct(a.ci[0])}–${pct(a.ci[1])}` : '—', lift: num(a.lift, 2), points: a.suggestedPoints, flag: a.flag,
    }));
    // The properties section: one row per value (or numeric quintile) of each property.
    for (const v of data.properties) {
      rows.push({
        action: `property: ${v.propertyLabel} = ${v.label}`, contacts: v.contacts, customers: v.customers, close_rate: pct(v.closeRate),
        ci95: v.ci ? `${pct(v.ci[0])}–${pct(v.ci[1])}` : '—', lift: num(v.lift, 2), points: v.suggestedPoints, flag: v.flag,
      });
    }
    return { data, rows };
  },
});

const trainWindow = lastDays(730);

export const model = defineReport({
  summary: 'The latest predictive model: held-out AUC, Brier score, calibration table and the features left out as leakage. The CLI trains a new one first with --train, on contacts created in the window (default the last 730 days).',
  data: modelReportData,
  params: reportParams({}),
  // A GET never writes: training is the CLI's --train (or POST /api/scoring/predictive/train).
  cliParams: z.strictObject({ train: z.boolean().optional().describe('train a new model first, on contacts created in the window'), ...windowShape }),
  window: (p, now, zone) => {
    const q = p as { train?: boolean; month?: string; from?: string; to?: string };
    const given = (['month', 'from', 'to'] as const).filter((k) => q[k] !== undefined);
    if (!q.train && given.length) throw invalid(given.map((field) => ({ field, problem: 'is the window to train on: only with train' })));
    return q.train ? trainWindow(q, now, zone) : null;
  },
  async run(ctx, p) {
    const q = p as { train?: boolean };
    const data = q.train ? await trainAndApply({ db: ctx.db, clock: ctx.clock, actor: ctx.actor }, ctx.window!) : await latestModelReport(ctx.db);
    if (!data) throw new AppError('not_found', 'No predictive model has been trained yet: POST /api/scoring/predictive/train (or revloop report model --train).');
    const e = data.evaluation as { auc: number; brier: number; n_train: number; n_test: number; positives_test: number; calibration: { bucket: string; predicted_mean: number | null; observed_rate: number | null; n: number }[] };
    const rows: Rows = e.calibration.map((b) => ({ bucket: b.bucket, contacts: b.n, predicted: pct(b.predicted_mean), observed: pct(b.observed_rate) }));
    // Older models were stored before leakage was looked for: no such lines for them.
    const notes = data.evaluation as { leakage?: { label?: string; feature: string; reason: string }[]; set_aside?: { label?: string; feature: string; contacts: number }[]; warnings?: string[] };
    const note = (text: string) => ({ bucket: text, contacts: '', predicted: '', observed: '' });
    rows.unshift(
      note(`AUC ${e.auc.toFixed(3)} · Brier ${e.brier.toFixed(4)} · held out ${e.n_test} (${e.positives_test} customers) · trained on ${e.n_train}`),
      ...(notes.warnings ?? []).map((w) => note(`warning: ${w}`)),
      ...(notes.leakage ?? []).map((l) => note(`leakage, left out: ${l.label ?? l.feature} — ${l.reason}`)),
      ...(notes.set_aside ?? []).map((a) => note(`written after the prediction moment, set aside: ${a.label ?? a.feature} (${a.contacts} contacts)`)),
    );
    return { data, rows };
  },
});

export const quadrants = defineReport({
  summary: 'Now: contacts by quadrant of fit × interest (hot, nurture, fan, suppress) and the thresholds that place them.',
  data: quadrantsReportData,
  params: reportParams({}),
  async run(ctx) {
    const data = await quadrantReport(ctx.db);
    return { data, rows: Object.entries(data.counts).map(([quadrant, contacts]) => ({ quadrant, contacts, share: pct(data.scored ? contacts / data.scored : null) })) };
  },
});
