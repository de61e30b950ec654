import type { FitOp, MqlCondition, Quadrant, ScoringModel } from './api-types';
import { formatNumber, humanize } from './format';

/** The next step for each quadrant of the fit × interest matrix. */
export const quadrantSteps: Record<Quadrant, string> = {
  hot: 'MQL: hand to sales, follow up within the SLA',
  nurture: 'Good fit, little interest: marketing nurtures',
  fan: 'Interested, poor fit: a light sales check',
  suppress: 'Poor fit and no interest: remove from the communication flow',
};

/** Points are decayed by the half-life, so they carry fractions; one decimal is enough to read them. */
export function formatPoints(points: number, signed = true): string {
  const n = Math.round(Number(points) * 10) / 10;
  const s = formatNumber(n);
  return signed && n > 0 ? `+${s}` : s;
}

/** How the condition builder names each property test. */
export const propertyOpLabels: Record<FitOp, string> = {
  equals: 'is',
  in: 'is one of',
  matches: 'matches the pattern',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  exists: 'is set or empty',
};

/** What each kind of MQL condition tests, as the builder offers them. */
export const conditionKindLabels: Record<MqlCondition['kind'], string> = { property: 'Field', score: 'Score', behaviour: 'Activity' };

/** "company.employees" → "Company employees". */
export function fieldLabel(field: string): string {
  return humanize(field.replace(/\./g, ' '));
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function describeTest(field: string, op: FitOp, value: unknown): string {
  const f = fieldLabel(field);
  switch (op) {
    case 'equals':
      return `${f} is ${formatValue(value)}`;
    case 'in':
      return `${f} is one of ${formatValue(value)}`;
    case 'matches':
      return `${f} matches /${String(value)}/`;
    case 'gt':
      return `${f} > ${formatValue(value)}`;
    case 'gte':
      return `${f} ≥ ${formatValue(value)}`;
    case 'lt':
      return `${f} < ${formatValue(value)}`;
    case 'lte':
      return `${f} ≤ ${formatValue(value)}`;
    case 'between':
      return Array.isArray(value) && value.length === 2 ? `${f} between ${formatValue(value[0])} and ${formatValue(value[1])}` : `${f} between ${formatValue(value)}`;
    case 'exists':
      return value === false ? `${f} is empty` : `${f} is set`;
    default:
      return `${f} ${String(op)} ${formatValue(value)}`;
  }
}

function where(r: { asset?: string; campaign?: string }): string {
  return `${r.asset ? ` on ${r.asset}` : ''}${r.campaign ? ` in campaign ${r.campaign}` : ''}`;
}

export function describeInterestRule(r: ScoringModel['interest'][number]): string {
  return `Each “${r.event}”${where(r)}${r.maxTimes ? `, counted up to ${formatNumber(r.maxTimes)} times` : ''}`;
}

export function describeFrequencyRule(r: ScoringModel['frequency'][number]): string {
  return `At least ${formatNumber(r.minCount)} × “${r.event}”${where(r)} ${r.withinDays ? `within ${formatNumber(r.withinDays)} days` : 'ever'}`;
}

/** A stored MQL condition, or one as a user (or a calibration proposal) writes it: a behaviour's minCount may be left out (once). */
type ConditionAsWritten = MqlCondition | (Omit<Extract<MqlCondition, { kind: 'behaviour' }>, 'minCount'> & { minCount?: number });

export function describeCondition(c: ConditionAsWritten): string {
  switch (c.kind) {
    case 'property':
      return describeTest(c.field, c.op, c.value);
    case 'score':
      return `${humanize(c.score)} score ${c.op === 'gte' ? '≥' : '≤'} ${formatNumber(c.value)}`;
    case 'behaviour': {
      const times = c.minCount && c.minCount > 1 ? `at least ${formatNumber(c.minCount)} times` : 'at least once';
      return `“${c.event}”${where(c)} ${times}${c.withinDays ? ` in the last ${formatNumber(c.withinDays)} days` : ''}`;
    }
    default:
      return JSON.stringify(c);
  }
}

/**
 * The rule or clause a validation path such as `fit[1].value` points into, by its label, so an
 * error names what the user called it rather than only its position in the JSON.
 */
export function ruleAt(root: unknown, path: string): string | null {
  const steps = path.match(/[^.[\]]+/g) ?? [];
  let node: unknown = root;
  let found: string | null = null;
  for (const step of steps) {
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[step];
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const n = node as Record<string, unknown>;
      const name = typeof n.label === 'string' ? n.label : typeof n.id === 'string' ? n.id : null;
      if (name) found = name;
    }
  }
  return found;
}
