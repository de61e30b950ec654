import type { z } from 'zod';
import { zodProblems } from '../../../shared/validate.js';
import type { Ctx } from '../../context.js';
import type { Stage } from '../../funnel/stages.js';
import type { Pipeline } from '../pipelines.js';
import type { ObjectType, PropertyDefinition } from '../properties.js';
import type { SegmentDef } from '../../workspace/segment-list.js';
import type { ImportObject } from './header-aliases.js';
import type { Found, ReferenceLookup } from './reference-lookup.js';
import { parseDateOnly, parseDateTime, type DateOrder, type Parsed } from './value-parsers.js';

/** What every row of one import shares: read once before the first row. */
export interface ImportEnv {
  ctx: Ctx;
  dateOrder: DateOrder;
  /** Erased people's emails are admitted (they consented again); otherwise each is a problem. */
  consentAgain: boolean;
  properties: Map<string, PropertyDefinition>;
  /** Normalised stage label → stage, so renamed stages ("Hot lead") import too. */
  stageLabels: Map<string, Stage>;
  pipelines: Pipeline[];
  /** The workspace's company segments, which segment cells must name. */
  segments: SegmentDef[];
  refs: ReferenceLookup;
  /** The system the file's ids belong to (--external-source, else read from its id headers, else "import"). */
  externalSource: string;
  /** Reference id field → rows whose cell named several ids (HubSpot's "Associated Contact IDs"): the first is linked. */
  severalIds: Map<string, number>;
}

/** One data row after its cells were parsed: field → value; `bad` once any problem was reported. */
export interface Draft {
  row: number;
  values: Record<string, unknown>;
  properties: Record<string, unknown>;
  bad: boolean;
}

export type Report = (draft: Draft, field: string, problem: string) => void;

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  kept_stage: number;
}

/**
 * How one object is imported: how each field's cell is parsed (pure), then per batch how
 * references are resolved and the domain's own schema and rules are applied, and how the
 * valid rows are written.
 */
export interface RowImporter<Row> {
  object: ImportObject;
  propertyObject: ObjectType | null;
  /** Field → cell parser; a field not listed is text, trimmed by the domain schema. */
  parsers: Record<string, (raw: string, env: ImportEnv) => Parsed<unknown>>;
  /** Field names the domain schema uses that a column of another name feeds (owner_id ← owner). */
  fieldColumns?: Record<string, string>;
  /** Resolves references and validates; returns the rows to write (only for drafts left good). */
  prepare(env: ImportEnv, drafts: Draft[], report: Report): Promise<Row[]>;
  write(ctx: Ctx, rows: Row[]): Promise<WriteCounts>;
}

/** The domain schema on a built input; every issue is reported against its column. */
export function validateRow<S extends z.ZodType>(schema: S, input: unknown, draft: Draft, report: Report): z.output<S> | null {
  const res = schema.safeParse(input);
  if (res.success) return res.data;
  for (const p of zodProblems(res.error)) report(draft, p.field, p.problem);
  return null;
}

/** Input fields without undefined values, so absent columns stay absent for the strict schemas. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  // A loop rather than fromEntries(entries().filter()): this runs for every row of every import.
  const out: Record<string, unknown> = {};
  for (const k in values) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

/** Date cells read in the order the import was told (--date-format). */
export const dateTimeCell = (raw: string, env: ImportEnv): Parsed<Date> => parseDateTime(raw, env.dateOrder);
export const dateCell = (raw: string, env: ImportEnv): Parsed<string> => parseDateOnly(raw, env.dateOrder);

/** The string cells of one field across a batch, for one look-up query. */
export function cellValues(drafts: readonly Draft[], field: string): string[] {
  return drafts.map((d) => d.values[field]).filter((v): v is string => typeof v === 'string');
}

/** The id a reference cell resolved to; reports the problem when it did not resolve. */
export function resolved(found: Map<string, Found>, value: unknown, draft: Draft, field: string, report: Report): number | undefined {
  if (typeof value !== 'string') return undefined;
  const f = found.get(value)!;
  if ('problem' in f) {
    report(draft, field, f.problem);
    return undefined;
  }
  return f.id;
}
