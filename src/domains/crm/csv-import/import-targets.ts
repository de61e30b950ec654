import type { Db } from '../../../db/client.js';
import { channelNames } from '../../channels/channel-names.js';
import { listStages } from '../../funnel/stages.js';
import { leadStatuses } from '../../funnel/transitions.js';
import { listSegments } from '../../workspace/segment-list.js';
import { listProperties, type ObjectType } from '../properties.js';
import { importFields, type ImportObject } from './header-aliases.js';

export interface ImportOption {
  /** What a cell must hold (after value mapping) to mean this option. */
  value: string;
  label: string;
}

/** A field a column can feed; options when the field takes one of a fixed list of values. */
export interface ImportTarget {
  field: string;
  /** A custom property's label; null for a built-in field (the client names those). */
  label: string | null;
  options: ImportOption[] | null;
}

const propertyObjects: Record<ImportObject, ObjectType | null> = { contacts: 'contact', companies: 'company', deals: 'deal', activities: null, campaigns: null };

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What an import of the object can fill, for a page that lets people map columns by hand: the
 * built-in fields, then the object's custom properties (as properties.<name>), each with the
 * values it accepts when they are a fixed list, so a column's own values can be mapped to them.
 */
export async function importTargets(db: Db, object: ImportObject): Promise<{ fields: ImportTarget[]; properties: ImportTarget[] }> {
  const channels = channelNames.map((c) => ({ value: c, label: c }));
  const lists: Record<string, () => Promise<ImportOption[]>> = {
    lifecycle_stage: async () => (await listStages(db)).map((s) => ({ value: s.label, label: s.label })),
    lead_status: async () => leadStatuses.map((s) => ({ value: s, label: capitalised(s) })),
    original_source: async () => channels,
    latest_source: async () => channels,
    segment: async () => (await listSegments(db)).map((s) => ({ value: s.key, label: s.label })),
  };
  const fields: ImportTarget[] = [];
  for (const field of Object.keys(importFields[object])) {
    const list = lists[field];
    fields.push({ field, label: null, options: list ? await list() : null });
  }
  const owner = propertyObjects[object];
  const properties = owner
    ? (await listProperties(db, owner)).map((d) => ({ field: `properties.${d.name}`, label: d.label, options: d.type === 'enum' ? d.options.map((o) => ({ value: o, label: o })) : null }))
    : [];
  return { fields, properties };
}
