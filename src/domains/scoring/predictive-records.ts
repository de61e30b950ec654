/**
 * Contacts as model inputs, as they were when a prediction would have been made. Training takes
 * each contact at its prediction moment — the first time it reached MQL or a later stage; a contact
 * that never did is taken as it is now, since nothing it shows can yet come from an outcome — and
 * rewinds every field changed after that moment to the value it had then (the change history in
 * property_changes); scoring takes contacts as they are now. A field filled after a deal was won
 * without a change being recorded (a raw import) cannot be rewound: predictive-leakage.ts catches
 * those by their effect.
 */
import type { Db } from '../../db/client.js';
import { listProperties } from '../crm/properties.js';
import type { ReportWindow } from '../reports/report-window.js';
import type { LabelledRecord } from './predictive-features.js';
import { currentRecordsSql, predictiveRecordsSql, propertyRecordsSql } from './queries/predictive-records.js';

export type RecordRow = {
  id: number; customer: boolean; moment: Date | null; job_title: string | null; original_source: string | null; contact_properties: Record<string, unknown>;
  contact_rewinds: Record<string, unknown> | null;
  industry: string | null; country: string | null; segment: string | null; employees: number | null; annual_revenue: number | null;
  company_properties: Record<string, unknown> | null; company_rewinds: Record<string, unknown> | null; actions: Record<string, number>;
};

/** A title's seniority, the part of a job title that generalises across companies. */
export function seniority(title: string | null): string | null {
  if (!title) return null;
  const t = title.toLowerCase();
  if (/\b(student|intern)\b/.test(t)) return 'student';
  if (/\b(c[efimorst]o|chief|founder|owner|president)\b/.test(t)) return 'c-level';
  if (/\b(vp|vice president|svp|evp|head of)\b/.test(t)) return 'vp';
  if (/\bdirector\b/.test(t)) return 'director';
  if (/\bmanager\b/.test(t)) return 'manager';
  return 'individual';
}

export const seniorityLabels: Record<string, string> = {
  'c-level': 'C-level or founder', vp: 'VP or head of', director: 'Director', manager: 'Manager', individual: 'Individual contributor', student: 'Student or intern',
};

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const asNumber = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null);

/** The object's fields and custom properties with every rewound field at its old value. */
function rewind<T extends Record<string, unknown>>(fields: T, props: Record<string, unknown>, rewinds: Record<string, unknown> | null) {
  const out = { fields: { ...fields }, props: { ...props }, rewound: [] as string[] };
  for (const [k, v] of Object.entries(rewinds ?? {})) {
    if (k.startsWith('properties.')) {
      const name = k.slice('properties.'.length);
      if (v === null) delete out.props[name];
      else out.props[name] = v;
      out.rewound.push(k);
    } else if (k in fields) {
      (out.fields as Record<string, unknown>)[k] = v;
      out.rewound.push(k);
    }
  }
  return out;
}

export interface PointInTimeRecord extends LabelledRecord {
  /** Feature sources whose value was rewound (changed after the prediction moment). */
  rewound: string[];
}

/**
 * Any data set's contact as model inputs: firmographics, source, seniority, every custom
 * property (numbers as numbers, the rest as categories) and action counts. Nothing is specific to
 * the demo: a property or event the data has becomes a feature, one it lacks is simply absent.
 */
export function toRecord(r: RecordRow): PointInTimeRecord {
  // company_id only marks that the company changed: the query already joined the company of then.
  const contact = rewind({ job_title: r.job_title, original_source: r.original_source, company_id: null }, r.contact_properties ?? {}, r.contact_rewinds);
  const company = rewind(
    { industry: r.industry, country: r.country, segment: r.segment, employees: r.employees, annual_revenue: r.annual_revenue },
    r.company_properties ?? {},
    r.company_rewinds,
  );
  const c = contact.fields;
  const co = company.fields;
  const numeric: Record<string, number | null> = { employees: asNumber(co.employees), annual_revenue: asNumber(co.annual_revenue) };
  const categorical: Record<string, string | null> = {
    industry: asText(co.industry), country: asText(co.country), segment: asText(co.segment), source: asText(c.original_source), seniority: seniority(asText(c.job_title)),
  };
  for (const [prefix, props] of [['contact', contact.props], ['company', company.props]] as const) {
    for (const [k, v] of Object.entries(props)) {
      if (typeof v === 'number') numeric[`${prefix}.${k}`] = v;
      else if (typeof v === 'string' || typeof v === 'boolean') categorical[`${prefix}.${k}`] = String(v);
    }
  }
  for (const [k, n] of Object.entries(r.actions)) numeric[`did ${k}`] = n;
  const custom = (prefix: string, k: string) => (k.startsWith('properties.') ? `${prefix}.${k.slice('properties.'.length)}` : null);
  const rewound = [
    ...contact.rewound.map((k) => custom('contact', k) ?? ({ job_title: 'seniority', original_source: 'source' } as Record<string, string>)[k] ?? 'company'),
    ...company.rewound.map((k) => custom('company', k) ?? k),
  ];
  return { id: r.id, label: r.customer ? 1 : 0, numeric, categorical, rewound };
}

export interface TrainingRecords {
  records: PointInTimeRecord[];
  /** Per feature source, how many contacts had a value written after their prediction moment. */
  setAside: Map<string, number>;
}

/**
 * Contacts created in the window at their prediction moment, labelled by whether they became
 * customers; `actions: false` leaves out action counts (property calibration reads only fields).
 */
export async function trainingRecords(db: Db, w: ReportWindow, opts: { actions?: boolean } = {}): Promise<TrainingRecords> {
  const records = (await db.query<RecordRow>(opts.actions === false ? propertyRecordsSql : predictiveRecordsSql, [w.from, w.to])).map(toRecord);
  const setAside = new Map<string, number>();
  for (const r of records) for (const s of new Set(r.rewound)) setAside.set(s, (setAside.get(s) ?? 0) + 1);
  return { records, setAside };
}

/** Contacts as they are now, for scoring with a trained model. */
export async function currentRecords(db: Db, ids: readonly number[]): Promise<PointInTimeRecord[]> {
  if (!ids.length) return [];
  return (await db.query<RecordRow>(currentRecordsSql, [ids])).map(toRecord);
}

const builtInLabels: Record<string, string> = {
  industry: 'Industry', country: 'Country', segment: 'Segment', employees: 'Employees', annual_revenue: 'Annual revenue',
  source: 'Original source', seniority: 'Seniority (from job title)', company: 'Company',
};

/** Labels of feature sources as people read them: custom properties by their defined label. */
export async function featureLabeller(db: Db): Promise<(source: string) => string> {
  const defs = new Map((await listProperties(db)).map((d) => [`${d.object_type}.${d.name}`, d.label]));
  return (source) => {
    if (builtInLabels[source]) return builtInLabels[source]!;
    if (source.startsWith('did ')) return `Times “${source.slice(4)}”`;
    const label = defs.get(source) ?? source.slice(source.indexOf('.') + 1).replace(/_/g, ' ');
    return source.startsWith('company.') ? `${label} (company)` : label;
  };
}
