import { z } from 'zod';

/**
 * One model for everything people read outside a report page: the weekly and monthly meeting
 * packs and the daily dashboard emails. Builders turn live data into a PackDocument; the
 * renderers turn one PackDocument into a web page, an HTML email (inline styles, charts as
 * images), a PDF and plain text, so the four never disagree. Labels are already human words:
 * renderers show them as they are.
 */

/** How a number is shown: money in the workspace currency (EUR), a 0..1 fraction as a percentage. */
export const valueFormats = ['number', 'money', 'percent', 'hours', 'days', 'minutes'] as const;
export type ValueFormat = (typeof valueFormats)[number];

/** good: on target; warning: at risk; bad: missed or breached; neutral: no judgement. */
export const toneValues = ['good', 'warning', 'bad', 'neutral'] as const;
export type Tone = (typeof toneValues)[number];

/** A link to the page the figure came from: a path of the web app (with its query), made absolute for emails and PDFs. */
const href = z.string().regex(/^\/[^/]/, 'must be a path of the web app, like /marketing-sla?month=2026-11');

export const figureOut = z.object({
  label: z.string(),
  value: z.number().nullable(),
  format: z.enum(valueFormats),
  /** The goal the value is measured against, same format. */
  target: z.number().nullable().optional(),
  tone: z.enum(toneValues).optional(),
  /** One short line under the value: "of 40 € target · projected 52 €". */
  detail: z.string().optional(),
  href: href.optional(),
});
export type Figure = z.infer<typeof figureOut>;

const cell = z.union([z.string(), z.number(), z.null()]);

export const packBlockOut = z.discriminatedUnion('type', [
  z.object({ type: z.literal('figures'), items: z.array(figureOut) }),
  z.object({
    type: z.literal('table'),
    title: z.string().optional(),
    columns: z.array(z.object({ label: z.string(), format: z.enum([...valueFormats, 'text', 'date']) })),
    rows: z.array(z.object({ cells: z.array(cell), tone: z.enum(toneValues).optional(), href: href.optional() })),
    /** Shown instead of an empty table. */
    empty: z.string().optional(),
  }),
  z.object({
    type: z.literal('chart'),
    title: z.string(),
    kind: z.enum(['line', 'bar']),
    format: z.enum(valueFormats),
    categories: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()), style: z.enum(['line', 'dashed', 'bar']).optional() })),
    href: href.optional(),
  }),
  z.object({
    type: z.literal('list'),
    items: z.array(z.object({ text: z.string(), detail: z.string().optional(), tone: z.enum(toneValues).optional(), href: href.optional() })),
    empty: z.string().optional(),
  }),
  z.object({ type: z.literal('text'), text: z.string() }),
]);
export type PackBlock = z.infer<typeof packBlockOut>;

export const packSectionOut = z.object({
  /** Stable key of the agenda item (e.g. "marketing_sla"), for anchors and tests; never shown. */
  key: z.string(),
  title: z.string(),
  /** Timebox of the agenda item; null outside meetings. */
  minutes: z.number().int().nullable(),
  /** Who presents the item ("Ana Ruiz (marketing)"); null when nobody is set. */
  presenter: z.string().nullable(),
  blocks: z.array(packBlockOut),
});
export type PackSection = z.infer<typeof packSectionOut>;

export const packKinds = ['weekly_pack', 'monthly_pack', 'daily_marketing', 'daily_sales_manager', 'daily_rep'] as const;
export type PackKind = (typeof packKinds)[number];

export const packDocumentOut = z.object({
  kind: z.enum(packKinds),
  title: z.string(),
  /** "Week of 23–29 November 2026 · meeting Thursday 3 December, 17:00 (Europe/Madrid)". */
  subtitle: z.string(),
  /** The week (2026-W48), month (2026-11) or day (2026-12-03) the document is about. */
  period: z.string(),
  generated_at: z.string(),
  time_zone: z.string(),
  /** Meetings: the agenda's timeboxes against the series' duration. */
  agenda: z.object({ total_minutes: z.number().int(), duration_minutes: z.number().int(), over_by_minutes: z.number().int() }).nullable(),
  sections: z.array(packSectionOut),
});
export type PackDocument = z.infer<typeof packDocumentOut>;
