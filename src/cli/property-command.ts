import type { Command } from 'commander';
import type { Db } from '../db/client.js';
import { defineProperty, listProperties, type ObjectType } from '../domains/crm/properties.js';
import { AppError, type FieldProblem } from '../shared/errors.js';
import { cliAuditor } from './cli-auditor.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

const objects: Record<string, ObjectType> = { contact: 'contact', contacts: 'contact', company: 'company', companies: 'company', deal: 'deal', deals: 'deal' };
/** The API's field names as this command's options, so a refusal names what to retype. */
const flags: Record<string, string> = { object_type: '--object', name: '--name', label: '--label', type: '--type', options: '--options' };

function objectType(v: string | undefined): ObjectType | undefined {
  if (v === undefined) return undefined;
  const o = objects[v.trim().toLowerCase()];
  if (!o) throw new AppError('validation_failed', `--object must be contact, company or deal (got "${v}").`, { errors: [{ field: '--object', problem: 'must be contact, company or deal' }] });
  return o;
}

export interface PropertyCreateFlags {
  object: string;
  name: string;
  label: string;
  type: string;
  options?: string;
}

/** Defines one custom property; returns the line to print. */
export async function runPropertyCreate(db: Db, o: PropertyCreateFlags): Promise<string> {
  const input = { object_type: objectType(o.object), name: o.name, label: o.label, type: o.type, ...(o.options !== undefined ? { options: o.options.split(',').map((s) => s.trim()) } : {}) };
  try {
    const p = await defineProperty(db, input, cliAuditor());
    return `Defined the ${p.object_type} property ${p.name} "${p.label}" (${p.type}${p.options.length ? `: ${p.options.join(', ')}` : ''}). Import it as a column named "${p.label}" or "properties.${p.name}".`;
  } catch (err) {
    const errors = err instanceof AppError ? (err.details.errors as FieldProblem[] | undefined) : undefined;
    if (!errors) throw err;
    const said = errors.map((e) => `${flags[e.field.split('.')[0]!] ?? e.field} ${e.problem}`).join('; ');
    throw new AppError('validation_failed', `The property was not defined: ${said}.`, { errors });
  }
}

/** The defined custom properties as a table (all objects, or one). */
export async function runPropertyList(db: Db, object?: string): Promise<string> {
  const rows = await listProperties(db, objectType(object));
  if (!rows.length) return `No custom properties yet. Define one: npx revloop property create --object contact --name plan --label "Plan" --type enum --options Free,Pro`;
  return textTable(rows.map((p) => ({ object: p.object_type, name: p.name, label: p.label, type: p.type, options: p.options.length ? p.options.join(', ') : null })));
}

export function registerProperty(program: Command): void {
  const property = program.command('property').description('custom properties of contacts, companies and deals');
  dataOption(
    property
      .command('create')
      .description('define a custom property')
      .requiredOption('--object <object>', 'contact, company or deal')
      .requiredOption('--name <name>', 'lower_snake_case name, e.g. plan (imports and the API use properties.<name>)')
      .requiredOption('--label <label>', 'the label people read, e.g. "Plan" (a CSV column with this header imports into it)')
      .requiredOption('--type <type>', 'string, number, boolean, date or enum')
      .option('--options <a,b,...>', 'the allowed values of an enum, comma-separated'),
  ).action(async (o: PropertyCreateFlags & { data?: string }) => {
    await withDb(o, async (db) => console.log(await runPropertyCreate(db, o)));
  });
  dataOption(property.command('list').description('list custom properties').option('--object <object>', 'only contact, company or deal properties')).action(
    async (o: { object?: string; data?: string }) => {
      await withDb(o, async (db) => console.log(await runPropertyList(db, o.object)));
    },
  );
}
