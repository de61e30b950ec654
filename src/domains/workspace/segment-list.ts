import type { Db } from '../../db/client.js';
import { invalid, type FieldProblem } from '../../shared/errors.js';

/**
 * The workspace's company segments (migration 0016): what companies and deals may carry in
 * `segment`, in the order lists show them. Keys are stored on records and never change; labels
 * are what people read. Editing the list is segment-settings.ts; this module only reads it, so
 * the CRM and the SLA policies can check values without depending on the settings code.
 */
export interface SegmentDef {
  key: string;
  label: string;
}

/** The list a new workspace starts with; segmentForEmployees (crm/companies.ts) cuts companies into these. */
export const defaultSegments: readonly SegmentDef[] = [
  { key: 'enterprise', label: 'Enterprise' },
  { key: 'mid_market', label: 'Mid-market' },
  { key: 'small', label: 'Small' },
];

export async function listSegments(db: Db): Promise<SegmentDef[]> {
  return db.query<SegmentDef>('SELECT key, label FROM company_segments ORDER BY position, key');
}

/** Why `value` cannot be a segment (null when it can): the problem names every allowed key. */
export function segmentProblem(list: readonly SegmentDef[], value: string): string | null {
  if (list.some((s) => s.key === value)) return null;
  return `must be one of ${list.map((s) => s.key).join(', ')}${list.some((s) => s.label.toLowerCase() === value.trim().toLowerCase()) ? ` (the key, not the label "${value}")` : ''}`;
}

/** A 400 naming `field` when `value` is not one of the workspace's segment keys; null and undefined pass. */
export async function assertSegment(db: Db, value: string | null | undefined, field = 'segment'): Promise<void> {
  if (value === null || value === undefined) return;
  const problem = segmentProblem(await listSegments(db), value);
  if (problem) throw invalid([{ field, problem }]);
}

/** Each value of `values` that is not a segment key, as a problem of its own field. */
export async function segmentProblems(db: Db, values: { field: string; value: string }[]): Promise<FieldProblem[]> {
  if (!values.length) return [];
  const list = await listSegments(db);
  return values.flatMap(({ field, value }) => {
    const problem = segmentProblem(list, value);
    return problem ? [{ field, problem }] : [];
  });
}

/**
 * Head count decides a segment only while the list still holds the three default keys: the
 * <100 / <1,000 cut means nothing to a workspace that segments by region or product line.
 */
export function sizedByEmployees(list: readonly SegmentDef[]): boolean {
  return defaultSegments.every((d) => list.some((s) => s.key === d.key));
}

