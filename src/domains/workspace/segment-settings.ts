import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { activeScoringModel } from '../scoring/scoring-settings.js';
import { activeRoutingRules } from '../sla/routing-rules.js';
import { activeSlaPolicies } from '../sla/sla-policies.js';
import { listSegments, sizedByEmployees, type SegmentDef } from './segment-list.js';

// Editing the workspace's company segments (Settings, PUT /api/settings/segments, the CLI's
// `workspace --segments`): add, relabel, reorder, remove. Keys never change once records carry
// them; a segment still in use is not removed (the answer says how many records use it).

const keyPattern = /^[a-z][a-z0-9_]{0,59}$/;

export const segmentsInput = z.strictObject({
  segments: z
    .array(
      z.strictObject({
        /** Left out for a new segment: made from the label (lower_snake_case). */
        key: z.string({ error: 'must be a text' }).trim().regex(keyPattern, 'must be lower_snake_case: a letter, then letters, digits or _ (at most 60)').optional(),
        label: z.string({ error: 'must be a text' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
      }),
      { error: 'must be a list of {key, label}' },
    )
    .min(1, 'must list at least one segment')
    .max(500, 'must list at most 500 segments'),
});

/** The list with how many companies and deals carry each segment (what GET and PUT /api/settings/segments answer). */
export const segmentSettingsOut = z.object({
  segments: z.array(z.object({ key: z.string(), label: z.string(), companies: z.number().int(), deals: z.number().int() })),
  /** Whether a company without a segment gets one from its head count (the default keys are all there). */
  sized_by_employees: z.boolean(),
});
export type SegmentSettings = z.infer<typeof segmentSettingsOut>;

/** The list in order, with how many companies and deals carry each segment. */
export async function segmentSettings(db: Db): Promise<SegmentSettings> {
  const [list, companies, deals] = await Promise.all([
    listSegments(db),
    db.query<{ segment: string; n: number }>('SELECT segment, count(*)::int AS n FROM companies WHERE segment IS NOT NULL GROUP BY segment'),
    db.query<{ segment: string; n: number }>('SELECT segment, count(*)::int AS n FROM deals WHERE segment IS NOT NULL GROUP BY segment'),
  ]);
  const count = (rows: { segment: string; n: number }[], key: string) => rows.find((r) => r.segment === key)?.n ?? 0;
  return {
    segments: list.map((s) => ({ ...s, companies: count(companies, s.key), deals: count(deals, s.key) })),
    sized_by_employees: sizedByEmployees(list),
  };
}

/** "Public sector" → public_sector, "Öffentlich" → offentlich; a key that would not start with a letter gets `s_`. */
export function keyFromLabel(label: string): string {
  const slug = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(slug) ? slug : `s_${slug}`;
  return key.slice(0, 56).replace(/_+$/, '') || 's';
}

/**
 * Replaces the list with `input.segments`, in that order. Refused with a 400: keys or labels used
 * twice, and removing a segment that companies, deals, SLA policies, routing rules or fit rules
 * still name (move or change them first).
 */
export async function saveSegments(db: Db, input: unknown, by?: Auditor): Promise<SegmentSettings> {
  const v = parseInput(segmentsInput, input);
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  const labels = new Map<string, number>();
  v.segments.forEach((s, i) => {
    if (s.key !== undefined) {
      if (keys.has(s.key)) problems.push({ field: `segments.${i}.key`, problem: `"${s.key}" is used by an earlier segment; keys must be unique` });
      keys.add(s.key);
    }
    const l = s.label.toLowerCase();
    if (labels.has(l)) problems.push({ field: `segments.${i}.label`, problem: `"${s.label}" is the label of segment ${labels.get(l)! + 1}; labels must be unique` });
    else labels.set(l, i);
  });
  if (problems.length) throw invalid(problems);
  // New segments take a key from their label, never one an explicit key holds.
  const list: SegmentDef[] = v.segments.map((s) => {
    if (s.key !== undefined) return { key: s.key, label: s.label };
    const base = keyFromLabel(s.label);
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base}_${n}`;
    keys.add(key);
    return { key, label: s.label };
  });

  await db.tx(async (tx) => {
    // One editor at a time: two saves must not both think a removed segment is unused.
    await tx.query('LOCK TABLE company_segments IN SHARE ROW EXCLUSIVE MODE');
    const before = await listSegments(tx);
    const removed = before.filter((b) => !keys.has(b.key)).map((b) => b.key);
    if (removed.length) {
      const inUse = await usesOf(tx, removed);
      if (inUse.length) throw invalid(inUse.map((problem) => ({ field: 'segments', problem })));
    }
    await tx.query('DELETE FROM company_segments');
    await tx.query(
      'INSERT INTO company_segments (key, label, position) SELECT k, l, p FROM unnest($1::text[], $2::text[], $3::int[]) AS u(k, l, p)',
      [list.map((s) => s.key), list.map((s) => s.label), list.map((_, i) => i + 1)],
    );
    await auditChange(tx, by, { action: 'settings.segments', objectType: 'setting', objectId: 'segments', details: { segments: list.map((s) => s.key), removed } });
  });
  return segmentSettings(db);
}

/** Why each of `keys` cannot go: `cannot remove small: used by 12 companies, 3 deals and SLA policy "SMB"; …`. */
async function usesOf(db: Db, keys: string[]): Promise<string[]> {
  const [companies, deals, policies, routing, model] = await Promise.all([
    db.query<{ segment: string; n: number }>('SELECT segment, count(*)::int AS n FROM companies WHERE segment = ANY($1::text[]) GROUP BY segment', [keys]),
    db.query<{ segment: string; n: number }>('SELECT segment, count(*)::int AS n FROM deals WHERE segment = ANY($1::text[]) GROUP BY segment', [keys]),
    activeSlaPolicies(db),
    activeRoutingRules(db),
    activeScoringModel(db),
  ]);
  // A routing or fit rule testing company.segment against a removed key would silently never match again.
  const names = (c: { field: string; op: string; value: unknown }, key: string) =>
    c.field === 'company.segment' && (c.op === 'equals' || c.op === 'in') && [c.value].flat().some((v) => String(v).toLowerCase() === key);
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  return keys.flatMap((key) => {
    const uses: string[] = [];
    const c = companies.find((r) => r.segment === key)?.n ?? 0;
    const d = deals.find((r) => r.segment === key)?.n ?? 0;
    const p = policies.policies.filter((x) => x.match.segments?.some((s) => s.toLowerCase() === key)).map((x) => `"${x.name}"`);
    if (c) uses.push(plural(c, 'company', 'companies'));
    if (d) uses.push(plural(d, 'deal', 'deals'));
    if (p.length) uses.push(`${p.length === 1 ? 'SLA policy' : 'SLA policies'} ${p.join(', ')}`);
    const r = routing.rules.filter((x) => x.conditions.some((c) => names(c, key))).map((x) => `"${x.name}"`);
    if (r.length) uses.push(`${r.length === 1 ? 'routing rule' : 'routing rules'} ${r.join(', ')}`);
    const f = model.value.fit.filter((x) => names(x, key)).map((x) => `"${x.label}"`);
    if (f.length) uses.push(`${f.length === 1 ? 'fit rule' : 'fit rules'} ${f.join(', ')}`);
    if (!uses.length) return [];
    const list = uses.length > 1 ? `${uses.slice(0, -1).join(', ')} and ${uses[uses.length - 1]}` : uses[0];
    return [`cannot remove ${key}: used by ${list}; move them to another segment (or change the rules) first`];
  });
}

/**
 * The CLI's `--segments "enterprise, mid_market, Public sector, gov=Government"`: an item that is a
 * key or a label of the current list keeps that segment; `key=Label` sets both; any other text is
 * the label of a new segment.
 */
export function segmentsFromText(text: string, current: readonly SegmentDef[]): { key?: string; label: string }[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((item) => {
    const eq = item.indexOf('=');
    if (eq > 0) return { key: item.slice(0, eq).trim(), label: item.slice(eq + 1).trim() };
    const known = current.find((s) => s.key === item || s.label.toLowerCase() === item.toLowerCase());
    return known ? { key: known.key, label: known.label } : { label: item };
  });
}
