import type { Db } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';
import { textProblem } from '../../shared/unsafe-text.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { unescapeFormula } from '../crm/csv-export/formula-escape.js';
import type { MappingEntry } from '../crm/csv-import/import-csv.js';
import { readCsvRecords, type CsvRecord, type CsvSource } from '../crm/csv-import/csv-records.js';
import { ProblemCollector, type ImportProblem } from '../crm/csv-import/import-problems.js';
import { idHeaderSystem } from '../crm/csv-import/header-aliases.js';
import { ReferenceLookup } from '../crm/csv-import/reference-lookup.js';
import { parseDateTime, type DateOrder } from '../crm/csv-import/value-parsers.js';
import { defaultExternalSource, externalKey, externalSourceSchema, keyString } from '../crm/external-ids.js';
import { isValidEmail, normalizeEmail } from '../identity/normalize-email.js';
import { assetProperty, eventOfName, parseCallType, resolveEventColumns, type EventCallType } from './event-columns.js';
import { EventWriter } from './event-writer.js';
import { LATEST_EVENT_TIME, parseSegmentMessage, type SegmentEvent } from './segment-message.js';

export interface EventImportOptions {
  /** `--map` items: "Column=field", "Column=properties.name", "Column=-". */
  map?: readonly string[];
  dateOrder?: DateOrder;
  /** The system the file's external ids come from (contacts.external_source); default "import". */
  externalSource?: string;
  /** Rows stored per commit; each commit is its own short transaction. */
  batchSize?: number;
  /** Problems kept for the answer; all are counted and all go to onProblem. */
  maxListedProblems?: number;
  /** The app's writer (its commits wake the app's processor); by default one of the import's own. */
  writer?: EventWriter;
  onMapping?: (columns: MappingEntry[]) => void;
  onProblem?: (p: ImportProblem) => void;
  onProgress?: (p: { rows: number; stored: number; duplicates: number }) => void;
}

export interface EventImportSummary {
  object: 'events';
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Events stored now. */
  stored: number;
  /** Rows whose event was stored already (an earlier import of the same file): stored once. */
  duplicates: number;
  /** Rows refused for a problem: not stored, listed in `errors`. */
  failed: number;
  mapping: MappingEntry[];
  errors: ImportProblem[];
  total_errors: number;
}

/** Events more than this far in the future are a mistake in the file (a time zone, a year), not history. */
const FUTURE_SLACK_MS = 10 * 60_000;

/** The write key imported history is stored under (migration 0017): history is told from live tracking by it. */
export async function importWriteKeyId(db: Db): Promise<number> {
  const [row] = await db.query<{ id: number }>(`SELECT id FROM write_keys WHERE key_hash = '!import'`);
  if (!row) throw new Error('the import write key is missing: run the migrations (revloop migrate)');
  return Number(row.id);
}

/**
 * Imports a touch history (page views, form submissions, downloads, email opens and clicks...)
 * from a CSV file: each row becomes a Segment-shaped event, checked by the same rules as the
 * tracking API (parseSegmentMessage), and stored in the events table for the event pipeline to
 * process — identity, visits, channels, assets, campaigns, scoring and rollups — exactly as if
 * the website had sent it. Each row has a stable message id (its message id column, else a hash
 * of its content), so importing a file again stores nothing twice.
 *
 * Not all or nothing, unlike the CRM objects: rows are stored in batches, each its own short
 * transaction (on PGlite the app keeps answering between them), and a row with a problem is
 * refused on its own and listed, as a bad message of a /v1/batch call is. Fixing those rows and
 * importing the file again stores just them. A header problem refuses the file before any row.
 */
export async function importEvents(ctx: Ctx, source: CsvSource, opts: EventImportOptions = {}): Promise<EventImportSummary> {
  assertAllowed(ctx.actor, 'import', 'import events');
  const problems = new ProblemCollector(opts.maxListedProblems ?? 1000, opts.onProblem);
  const batchSize = opts.batchSize ?? 1000;
  const records = readCsvRecords(source);
  const first = await nextRecord(records, problems);
  if (!first) {
    problems.add({ row: null, column: '', field: null, problem: 'the file is empty: it needs a header row and at least one data row' });
    throw rejection(problems, []);
  }
  const headers = first.cells.map((h) => h.trim());
  const resolved = resolveEventColumns(headers, opts.map ?? []);
  const mapping: MappingEntry[] = resolved.columns.map(({ index: _, ...m }) => m);
  opts.onMapping?.(mapping);
  for (const p of resolved.problems) problems.add({ row: 1, ...p });
  const named = opts.externalSource === undefined ? undefined : externalSourceSchema.safeParse(opts.externalSource);
  if (named && !named.success) problems.add({ row: 1, column: '', field: 'external_source', problem: `--external-source ${named.error.issues[0]!.message}` });
  if (problems.total) throw rejection(problems, mapping);

  const keyId = await importWriteKeyId(ctx.db);
  const writer = opts.writer ?? new EventWriter(ctx.db);
  const refs = new ReferenceLookup(ctx.db);
  const env: RowEnv = {
    used: resolved.columns.filter((c) => c.field),
    columnOf: new Map(resolved.columns.filter((c) => c.field).map((c) => [c.field!, c.column])),
    width: headers.length,
    dateOrder: opts.dateOrder ?? 'auto',
    // The system a contact id column belongs to, as the CRM imports read it: said, else its header's ("Record ID" is HubSpot's).
    externalSource: named?.data ?? idHeaderSystem(resolved.columns.find((c) => c.field === 'external_id')?.column ?? '') ?? defaultExternalSource,
    receivedAt: ctx.clock.now(),
    report: (row, column, field, problem) => problems.add({ row, column, field, problem }),
  };
  const summary: EventImportSummary = { object: 'events', rows: 0, stored: 0, duplicates: 0, failed: 0, mapping, errors: problems.listed, total_errors: 0 };

  // One batch is written while the next is read and checked: on a server the two overlap.
  let writing: Promise<void> = Promise.resolve();
  let batch: RowEvent[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    const events = await linkExternalIds(ctx.db, refs, rows, env);
    summary.failed += rows.length - events.length;
    await writing;
    writing = (async () => {
      const res = await writer.write(keyId, events, [], env.receivedAt);
      summary.stored += res.stored;
      summary.duplicates += res.duplicates;
      opts.onProgress?.({ rows: summary.rows, stored: summary.stored, duplicates: summary.duplicates });
    })();
    // A failed write must surface now, not after the file is read to the end.
    writing.catch(() => {});
  };
  for (let rec = await nextRecord(records, problems, false); rec; rec = await nextRecord(records, problems, false)) {
    if (rec.cells.every((c) => c.trim() === '')) continue;
    summary.rows++;
    const e = rowEvent(rec, env);
    if (e) batch.push(e);
    else summary.failed++;
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  await writing;
  summary.total_errors = problems.total;
  return summary;
}

interface RowEnv {
  used: { index: number; column: string; field: string | null }[];
  /** Field → the column that feeds it, so a problem names the column even when its cell is blank. */
  columnOf: Map<string, string>;
  width: number;
  dateOrder: DateOrder;
  externalSource: string;
  receivedAt: Date;
  report: (row: number, column: string, field: string | null, problem: string) => void;
}

/** A row's event, and the contact id from another system it names (linked before it is stored). */
interface RowEvent {
  row: number;
  event: SegmentEvent;
  external?: { column: string; id: string };
}

type Obj = Record<string, unknown>;

/** Times as exports write them: ISO and spreadsheet dates, or epoch seconds, milliseconds or (GA4) microseconds. */
export function parseEventTime(raw: string, order: DateOrder): { ok: true; value: Date } | { ok: false; problem: string } {
  const s = raw.trim();
  const epoch = /^(\d{9,10}|\d{12,13}|\d{15,16})(\.\d+)?$/.exec(s);
  if (epoch) {
    const digits = epoch[1]!.length;
    const n = Number(s);
    return { ok: true, value: new Date(digits <= 10 ? n * 1000 : digits <= 13 ? n : n / 1000) };
  }
  const d = parseDateTime(s, order);
  return d.ok ? d : { ok: false, problem: `${d.problem}; epoch seconds, milliseconds or microseconds are read too` };
}

/** The row as a Segment message, checked as the tracking API checks one; null (with its problems reported) when it is not one. */
function rowEvent(rec: CsvRecord, env: RowEnv): RowEvent | null {
  const bad = (column: string, field: string | null, problem: string) => {
    env.report(rec.row, column, field, problem);
    ok = false;
  };
  let ok = true;
  const extra = rec.cells.slice(env.width).filter((c) => c.trim() !== '').length;
  if (rec.cells.length < env.width || extra) {
    bad('', null, `has ${rec.cells.length} cells but the header has ${env.width} columns (a line break or delimiter inside a cell that is not quoted?)`);
    return null;
  }
  const v: Record<string, string> = {};
  const props: Obj = {};
  for (const c of env.used) {
    const cell = unescapeFormula(rec.cells[c.index]!.trim());
    if (cell === '') continue;
    if (cell.includes('\uFFFD')) {
      bad(c.column, c.field, 'has bytes that are not UTF-8 text; save the file as "CSV UTF-8" and import it again');
      continue;
    }
    const unsafe = textProblem(cell);
    if (unsafe) {
      bad(c.column, c.field, unsafe);
      continue;
    }
    const prop = /^properties\.(.+)$/.exec(c.field!)?.[1];
    if (prop !== undefined) props[prop] = cell;
    else v[c.field!] = cell;
  }
  const col = (f: string) => env.columnOf.get(f) ?? '';

  let at: Date | null = null;
  if (v.timestamp === undefined) bad(col('timestamp'), 'timestamp', 'is required: when the event happened');
  else {
    const t = parseEventTime(v.timestamp, env.dateOrder);
    if (!t.ok) bad(col('timestamp'), 'timestamp', t.problem);
    else if (t.value.getTime() > env.receivedAt.getTime() + FUTURE_SLACK_MS && t.value.getTime() <= LATEST_EVENT_TIME) {
      bad(col('timestamp'), 'timestamp', `is in the future (${t.value.toISOString()}): a history holds what already happened; check the year and the time zone`);
    } else at = t.value;
  }

  let type: EventCallType | null = null;
  if (v.type !== undefined) {
    const t = parseCallType(v.type);
    if (t.ok) type = t.value;
    else bad(col('type'), 'type', t.problem);
  }
  const named = v.event !== undefined ? eventOfName(v.event) : null;
  type ??= named ? (named.pageView ? 'page' : 'track') : v.url || v.path ? 'page' : 'identify';
  const event = named && !named.pageView ? named.name : null;
  if (type === 'track' && !event) bad(col('event'), 'event', 'is required for a track event: what happened ("Form Submitted", "Content Downloaded"...)');

  if (v.email !== undefined && !isValidEmail(v.email)) bad(col('email'), 'email', `"${v.email}" is not an email address`);
  if (!v.email && !v.user_id && !v.anonymous_id && !v.external_id) {
    bad('', 'email', 'says nobody: each event needs an email, user_id, anonymous_id or external_id');
  }
  if (!ok || !at) return null;

  // Identity: an email alone identifies the person by it, as Segment setups that use the email as user id do.
  const externalUser = v.external_id ? `${env.externalSource}:${externalKey(env.externalSource, v.external_id).id}` : undefined;
  const userId = v.user_id ?? externalUser ?? (!v.anonymous_id && v.email ? normalizeEmail(v.email) : undefined);
  const page = defined({ url: v.url, path: v.path, referrer: v.referrer, title: v.title });
  const campaign = defined({ source: v.utm_source, medium: v.utm_medium, name: v.utm_campaign, term: v.utm_term, content: v.utm_content, gclid: v.gclid, fbclid: v.fbclid, msclkid: v.msclkid });
  const traits = defined({ email: v.email, first_name: v.first_name, last_name: v.last_name, title: v.job_title, phone: v.phone, company: v.company });
  const properties: Obj = { ...props };
  if (type === 'page' || type === 'screen') Object.assign(properties, page);
  Object.assign(properties, defined({ form_id: v.form_id, form_name: v.form_name, email_id: v.email_id }));
  if (v.asset) properties[assetProperty(event)] = v.asset;
  const raw: Obj = {
    type,
    ...(v.message_id ? { messageId: v.message_id } : {}),
    ...(userId ? { userId } : {}),
    ...(v.anonymous_id ? { anonymousId: v.anonymous_id } : {}),
    ...(type === 'track' ? { event } : {}),
    ...(type === 'page' || type === 'screen' ? { name: event ?? v.title ?? undefined } : {}),
    timestamp: at.toISOString(),
    ...(type === 'identify' ? { traits } : {}),
    properties,
    context: { ...(Object.keys(page).length ? { page } : {}), ...(Object.keys(campaign).length ? { campaign } : {}), ...(Object.keys(traits).length ? { traits } : {}) },
  };
  const parsed = parseSegmentMessage(raw, { receivedAt: env.receivedAt });
  if (!parsed.ok) {
    env.report(rec.row, parsed.reason.startsWith('messageId') ? col('message_id') : '', null, parsed.reason);
    return null;
  }
  return { row: rec.row, event: parsed.event, ...(v.external_id ? { external: { column: col('external_id'), id: v.external_id } } : {}) };
}

function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Rows that name a contact by its id in another system (a HubSpot Record ID): that contact must
 * exist, and its id is linked to it as a user id before the events are stored, so the pipeline
 * finds the person through the identity it resolves every event by. Returns the events to store.
 */
async function linkExternalIds(db: Db, refs: ReferenceLookup, rows: RowEvent[], env: RowEnv): Promise<SegmentEvent[]> {
  const named = rows.filter((r) => r.external);
  if (!named.length) return rows.map((r) => r.event);
  const keys = named.map((r) => externalKey(env.externalSource, r.external!.id));
  const found = await refs.external('contact', keys);
  const refused = new Set<RowEvent>();
  const links = new Map<string, { value: string; contactId: number; at: Date }>();
  named.forEach((r, i) => {
    const f = found.get(keyString(keys[i]!))!;
    if ('problem' in f) {
      env.report(r.row, r.external!.column, 'external_id', f.problem);
      refused.add(r);
      return;
    }
    const value = `${env.externalSource}:${keys[i]!.id}`;
    const seen = links.get(value);
    if (!seen || r.event.timestamp < seen.at) links.set(value, { value, contactId: f.id, at: r.event.timestamp });
  });
  if (links.size) {
    const list = [...links.values()];
    await db.query(
      `INSERT INTO identities (kind, value, contact_id, first_seen, linked_at)
       SELECT 'user_id', u.value, u.contact_id, u.at, $4 FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) AS u(value, contact_id, at)
       ON CONFLICT (kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id, first_seen = least(identities.first_seen, EXCLUDED.first_seen),
         linked_at = CASE WHEN identities.contact_id IS DISTINCT FROM EXCLUDED.contact_id THEN EXCLUDED.linked_at ELSE identities.linked_at END`,
      [list.map((l) => l.value), list.map((l) => l.contactId), list.map((l) => l.at), env.receivedAt],
    );
  }
  return rows.filter((r) => !refused.has(r)).map((r) => r.event);
}

/**
 * The next record. A file the CSV parser cannot read becomes a listed problem: before any row it
 * refuses the file; later it ends the import there (what was stored before stays stored).
 */
async function nextRecord(records: AsyncGenerator<CsvRecord>, problems: ProblemCollector, header = true): Promise<CsvRecord | null> {
  try {
    const next = await records.next();
    return next.done ? null : next.value;
  } catch (err) {
    if (err instanceof AppError && Array.isArray(err.details.errors)) {
      for (const p of err.details.errors as ImportProblem[]) problems.add({ ...p, problem: header ? p.problem : `${p.problem}; the rows after it were not read` });
      if (header) throw rejection(problems, []);
      return null;
    }
    throw err;
  }
}

function rejection(problems: ProblemCollector, mapping: MappingEntry[]): AppError {
  const first = problems.listed[0];
  const where = first ? [first.row !== null ? `row ${first.row}` : '', first.column ? `column "${first.column}"` : ''].filter(Boolean).join(', ') : '';
  const n = problems.total;
  return new AppError(
    'validation_failed',
    `The events file was not imported and nothing was stored: ${n} problem${n === 1 ? '' : 's'}. ` +
      (first ? `First: ${where ? where + ': ' : ''}${first.field ? first.field + ' ' : ''}${first.problem}` : ''),
    { errors: problems.listed, total_errors: n, mapping },
  );
}
