import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';

export const objectTypes = ['contact', 'company', 'deal'] as const;
export type ObjectType = (typeof objectTypes)[number];
export const propertyTypes = ['string', 'number', 'boolean', 'date', 'enum'] as const;

/** A custom property as the API answers it; options are an enum's values (empty for other types). */
export const propertyDefinitionOut = z.object({
  object_type: z.enum(objectTypes),
  name: z.string(),
  label: z.string(),
  type: z.enum(propertyTypes),
  options: z.array(z.string()),
});
export type PropertyDefinition = z.infer<typeof propertyDefinitionOut>;

export const propertyDefinitionInput = z.strictObject({
  object_type: z.enum(objectTypes),
  name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lower_snake_case, start with a letter, at most 63 characters'),
  label: z.string().trim().min(1, 'is required').max(200),
  type: z.enum(propertyTypes),
  options: z.array(z.string().trim().min(1)).max(500).optional(),
});

export async function defineProperty(db: Db, input: unknown, by?: Auditor): Promise<PropertyDefinition> {
  const v = parseInput(propertyDefinitionInput, input);
  if (v.type === 'enum' && !v.options?.length) {
    throw new AppError('validation_failed', 'An enum property needs options.', { errors: [{ field: 'options', problem: 'must list at least one option for an enum' }] });
  }
  return db.tx(async (tx) => {
    const rows = await tx.query<PropertyDefinition>(
      `INSERT INTO property_definitions (object_type, name, label, type, options) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING object_type, name, label, type, options`,
      [v.object_type, v.name, v.label, v.type, JSON.stringify(v.options ?? [])],
    );
    if (!rows[0]) throw new AppError('conflict', `A ${v.object_type} property named "${v.name}" already exists.`);
    await auditChange(tx, by, { action: 'settings.property', objectType: 'property', objectId: `${v.object_type}.${v.name}`, details: { object_type: v.object_type, name: v.name, label: v.label, type: v.type } });
    return rows[0];
  });
}

export async function listProperties(db: Db, objectType?: ObjectType): Promise<PropertyDefinition[]> {
  return db.query<PropertyDefinition>(
    `SELECT object_type, name, label, type, options FROM property_definitions
      WHERE ($1::text IS NULL OR object_type = $1) ORDER BY object_type, name`,
    [objectType ?? null],
  );
}

/**
 * Checks custom property values against their definitions and coerces them (CSV gives strings).
 * Unknown names are refused: a silently accepted typo would be a property nobody can report on.
 */
export function checkProperties(
  defs: Map<string, PropertyDefinition>,
  props: Record<string, unknown>,
  objectType: ObjectType,
): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const field = `properties.${name}`;
    const def = defs.get(name);
    if (!def) {
      problems.push({ field, problem: `is not a ${objectType} property; define it first (revloop property create, or "Create as a custom property" when importing)` });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      values[name] = null;
      continue;
    }
    const s = String(raw).trim();
    switch (def.type) {
      case 'string':
        values[name] = s;
        break;
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(s.replace(/[\s,](?=\d{3}\b)/g, ''));
        if (!Number.isFinite(n)) problems.push({ field, problem: `must be a number, got "${s}"` });
        else values[name] = n;
        break;
      }
      case 'boolean': {
        const b = typeof raw === 'boolean' ? raw : ({ true: true, yes: true, '1': true, false: false, no: false, '0': false } as Record<string, boolean>)[s.toLowerCase()];
        if (b === undefined) problems.push({ field, problem: `must be true or false, got "${s}"` });
        else values[name] = b;
        break;
      }
      case 'date': {
        const d = new Date(s);
        if (Number.isNaN(d.getTime())) problems.push({ field, problem: `must be a date (YYYY-MM-DD), got "${s}"` });
        else values[name] = d.toISOString().slice(0, 10);
        break;
      }
      case 'enum':
        if (!def.options.includes(s)) problems.push({ field, problem: `must be one of ${def.options.join(', ')}; got "${s}"` });
        else values[name] = s;
        break;
    }
  }
  return { values, problems };
}

export async function propertyDefinitions(db: Db, objectType: ObjectType): Promise<Map<string, PropertyDefinition>> {
  return new Map((await listProperties(db, objectType)).map((d) => [d.name, d]));
}
