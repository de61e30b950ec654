import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import type { Channel } from '../channels/channel-names.js';
import type { SqlParam } from '../funnel/queries/first-stage-moment.js';
import { listProperties, type PropertyDefinition } from '../crm/properties.js';
import { listSegments } from '../workspace/segment-list.js';

// One way to split a report by a property of its contacts (PRODUCT.md §6; issue 12): the funnel
// breakdown, the sales cycle and win/loss, MQL values and the attempts analysis all take the same
// `dimension` parameter, group by the same SQL and say the same labels, so "(none)" and
// "Unspecified" mean one thing everywhere.

/** What a blank value (no segment, no industry, a property left empty) is grouped and shown as, in every report. */
export const NO_VALUE = '(none)';
/**
 * The MQL type of an MQL that has none — imported MQLs, MQLs set by hand: one key in every report
 * (funnel breakdown, MQL values, the marketing SLA, the sales report, the attempts analysis).
 * People read it as "Unspecified" (dimensionValueLabel). It is still an MQL: counted as one.
 */
export const UNSPECIFIED_MQL_TYPE = 'unspecified';
/** In a split by MQL type: contacts that never became an MQL (no MQL moment and no type). */
export const NEVER_AN_MQL = '(never an MQL)';

/** SQL: the MQL type of an MQL (contacts alias `contact`), UNSPECIFIED_MQL_TYPE when it has none. */
export function mqlTypeSql(contact: string): string {
  return `COALESCE(NULLIF(btrim(${alias(contact)}.mql_type), ''), '${UNSPECIFIED_MQL_TYPE}')`;
}

/** The dimensions every report knows, besides properties; `month` (the contact's cohort month) only where a report has cohorts. */
export const builtinDimensions = ['month', 'channel', 'source_detail', 'segment', 'industry', 'country', 'mql_type'] as const;
export type BuiltinDimension = (typeof builtinDimensions)[number];

const builtinLabels: Record<BuiltinDimension, string> = {
  month: 'Cohort month',
  channel: 'Original channel',
  source_detail: 'Original source detail',
  segment: 'Company segment',
  industry: 'Industry',
  country: 'Country',
  mql_type: 'MQL type',
};

/** The tables a report's query has at hand, by alias. */
export interface DimensionSqlContext {
  /** Alias of `contacts`. */
  contact: string;
  /** Alias of `companies` (the contact's company, or a deal's). */
  company: string;
  /** An expression read before the company's segment: a deal's own (the sales report). */
  segment?: string;
  /** The placeholder of the report's time zone, for cohort months. */
  zone?: SqlParam;
}

export interface Dimension {
  /** As asked: `segment`, `property.plan`, `company.property.region`. */
  key: string;
  /** What the split is called on screen and in a CSV header: "Company segment", "Plan". */
  label: string;
  /** A text expression, never NULL: blank values are NO_VALUE. */
  sql(ctx: DimensionSqlContext): string;
  /** What a value reads as: a segment's label, "Unspecified", "Yes"… */
  labelOf(value: string): string;
  /** Whether the expression reads `ctx.zone` (the caller then passes that parameter). */
  usesZone: boolean;
  /** Cohort months keep calendar order; every other split is sorted by size. */
  chronological: boolean;
}

/**
 * The `dimension` parameter of a report's schema: its shape only. Which dimensions exist depends on
 * the workspace's properties, so parseDimension checks it (a 400 naming `dimension` and listing them).
 */
export const dimensionParam = () => z.string().trim().min(1, 'is required').max(140, 'must be at most 140 characters');

export interface DimensionOptions {
  /** Built-in dimensions the report offers (default all but `month`). */
  builtins?: readonly BuiltinDimension[];
}

const identifier = /^[a-z_][a-z0-9_]*$/;
const propertyName = /^[a-z][a-z0-9_]{0,62}$/;

function alias(a: string): string {
  // Aliases are the callers' own constants; checked because they are spliced into the SQL text.
  if (!identifier.test(a)) throw new Error(`dimension: "${a}" is not a plain SQL alias`);
  return a;
}

const unknownChannel: Channel = 'Unknown';

/** A trimmed text column, NO_VALUE when empty. */
const textOr = (expr: string) => `COALESCE(NULLIF(btrim(${expr}), ''), '${NO_VALUE}')`;

const humanize = (v: string) => {
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** How a value of a dimension reads where no list of labels applies (MQL types, the blank labels). */
export function dimensionValueLabel(value: string): string {
  if (value === NO_VALUE || value === NEVER_AN_MQL) return value;
  return humanize(value);
}

/**
 * Reads a `dimension` parameter: one of `builtins`, `property.<name>` (an enum or yes/no property
 * of contacts) or `company.property.<name>` (of companies). Anything else is a 400 naming
 * `dimension` and listing what the workspace allows. `fallback` applies when none is given.
 */
export async function parseDimension(db: Db, raw: string | undefined, fallback: string, opts: DimensionOptions = {}): Promise<Dimension> {
  const builtins = opts.builtins ?? builtinDimensions.filter((d) => d !== 'month');
  const asked = (raw ?? '').trim() || fallback;
  if ((builtins as readonly string[]).includes(asked)) return builtin(db, asked as BuiltinDimension);

  const prop = /^(company\.)?property\.(.+)$/.exec(asked);
  const properties = await listProperties(db);
  const breakable = (object: 'contact' | 'company') => properties.filter((p) => p.object_type === object && (p.type === 'enum' || p.type === 'boolean'));
  if (prop) {
    const object = prop[1] ? 'company' : 'contact';
    const def = properties.find((p) => p.object_type === object && p.name === prop[2]);
    if (def && (def.type === 'enum' || def.type === 'boolean')) return property(def);
    const others = breakable(object).map((p) => p.name);
    const problem = def
      ? `${asked} is a ${def.type} property; only enum and yes/no properties split a report`
      : `${asked}: there is no ${object} property "${prop[2]}"; ${others.length ? `the ${object} properties that split a report are ${others.join(', ')}` : `no ${object} enum or yes/no property is defined`}`;
    throw invalid([{ field: 'dimension', problem }]);
  }
  const names = (object: 'contact' | 'company') => breakable(object).map((p) => p.name).join(', ');
  const contactProps = names('contact');
  const companyProps = names('company');
  throw invalid([{
    field: 'dimension',
    problem: `must be one of ${builtins.join(', ')}, property.<name> (a contact enum or yes/no property${contactProps ? `: ${contactProps}` : ''}) or company.property.<name> (${companyProps ? `a company one: ${companyProps}` : 'a company one'})`,
  }]);
}

async function builtin(db: Db, key: BuiltinDimension): Promise<Dimension> {
  const base = { key, label: builtinLabels[key], labelOf: dimensionValueLabel, usesZone: false, chronological: false };
  switch (key) {
    case 'month':
      return {
        ...base,
        labelOf: (v) => v,
        usesZone: true,
        chronological: true,
        sql: (c) => {
          if (!c.zone || !/^\$[1-9]\d*$/.test(c.zone)) throw new Error('dimension month: the report passes no time zone parameter');
          return `to_char(${alias(c.contact)}.created_at AT TIME ZONE ${c.zone}, 'YYYY-MM')`;
        },
      };
    case 'channel':
      // A contact without a source is in the Unknown channel, as in the source reports.
      return { ...base, labelOf: (v) => v, sql: (c) => `COALESCE(NULLIF(btrim(${alias(c.contact)}.original_source), ''), '${unknownChannel}')` };
    case 'source_detail':
      return { ...base, labelOf: (v) => v, sql: (c) => textOr(`${alias(c.contact)}.original_source_detail`) };
    case 'industry':
      return { ...base, labelOf: (v) => v, sql: (c) => textOr(`${alias(c.company)}.industry`) };
    case 'country':
      return { ...base, labelOf: (v) => v, sql: (c) => textOr(`${alias(c.company)}.country`) };
    case 'segment': {
      const labels = new Map((await listSegments(db)).map((s) => [s.key, s.label]));
      return {
        ...base,
        // A key no longer in the list (only SQL can leave one behind) reads as itself.
        labelOf: (v) => labels.get(v) ?? v,
        sql: (c) => `COALESCE(${c.segment ? `NULLIF(btrim(${c.segment}), ''), ` : ''}NULLIF(btrim(${alias(c.company)}.segment), ''), '${NO_VALUE}')`,
      };
    }
    case 'mql_type':
      // An MQL is a contact with an MQL moment, typed or not; one without a type is Unspecified.
      return {
        ...base,
        sql: (c) => {
          const ct = alias(c.contact);
          return `CASE WHEN NULLIF(btrim(${ct}.mql_type), '') IS NOT NULL THEN btrim(${ct}.mql_type)
            WHEN EXISTS (SELECT 1 FROM contact_stage_firsts mf WHERE mf.contact_id = ${ct}.id AND mf.stage = 'mql') THEN '${UNSPECIFIED_MQL_TYPE}'
            WHEN ${ct}.id IS NULL THEN '${NO_VALUE}' ELSE '${NEVER_AN_MQL}' END`;
        },
      };
  }
}

function property(def: PropertyDefinition): Dimension {
  // The name comes from the stored definition (validated lower_snake_case when it was created):
  // checked again because it is spliced into the SQL text as a JSON key.
  if (!propertyName.test(def.name)) throw new Error(`dimension: property name "${def.name}" is not lower_snake_case`);
  const company = def.object_type === 'company';
  return {
    key: `${company ? 'company.' : ''}property.${def.name}`,
    label: company ? `Company ${def.label.charAt(0).toLowerCase()}${def.label.slice(1)}` : def.label,
    labelOf: def.type === 'boolean' ? (v) => (v === 'true' ? 'Yes' : v === 'false' ? 'No' : v) : (v) => v,
    usesZone: false,
    chronological: false,
    sql: (c) => textOr(`${alias(company ? c.company : c.contact)}.properties->>'${def.name}'`),
  };
}

/** A way to split reports, as a "Split by" list offers it (GET /api/reports/dimensions). */
export const dimensionChoiceOut = z.object({
  /** What the `dimension` parameter takes: `segment`, `property.plan`, `company.property.region`. */
  key: z.string(),
  /** What the split is called, as every report answer and CSV header calls it. */
  label: z.string(),
  /** One of builtinDimensions (a report offers some of them), not a property (every report splits by those). */
  builtin: z.boolean(),
});
export type DimensionChoice = z.infer<typeof dimensionChoiceOut>;

/**
 * Everything the workspace can split a report by, labelled as the reports label it: the built-in
 * dimensions, then each enum or yes/no property of contacts, then of companies.
 */
export async function dimensionChoices(db: Db): Promise<DimensionChoice[]> {
  const properties = await listProperties(db);
  const splits = (object: 'contact' | 'company') => properties.filter((p) => p.object_type === object && (p.type === 'enum' || p.type === 'boolean')).map(property);
  return [
    ...builtinDimensions.map((key) => ({ key, label: builtinLabels[key], builtin: true })),
    ...[...splits('contact'), ...splits('company')].map((d) => ({ key: d.key, label: d.label, builtin: false })),
  ];
}

/** Values that mean "nothing to group by" go after the real ones. */
const isBlank = (v: string) => v === NO_VALUE || v === NEVER_AN_MQL;

/**
 * Groups in report order: cohort months by calendar; otherwise the biggest first (small groups are
 * kept, not folded into "other"), then by label, with the blank groups last.
 */
export function sortGroups<T>(dim: Dimension, groups: readonly T[], valueOf: (g: T) => string, sizeOf: (g: T) => number): T[] {
  return [...groups].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (isBlank(va) !== isBlank(vb)) return isBlank(va) ? 1 : -1;
    if (dim.chronological) return va < vb ? -1 : va > vb ? 1 : 0;
    return sizeOf(b) - sizeOf(a) || dim.labelOf(va).localeCompare(dim.labelOf(vb)) || (va < vb ? -1 : va > vb ? 1 : 0);
  });
}
