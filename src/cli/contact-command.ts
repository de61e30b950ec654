import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { Db } from '../db/client.js';
import { eraseContact } from '../domains/privacy/erase-contact.js';
import { exportContact } from '../domains/privacy/export-contact.js';
import { AppError } from '../shared/errors.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

function contactId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('validation_failed', `"${raw}" is not a contact id (a positive whole number).`);
  return id;
}

const perTable = (counts: Record<string, number>) => Object.entries(counts).map(([table, n]) => `${table} ${n}`).join(', ');

/** GDPR from the terminal: a person's data as JSON, and their erasure (what the API and web app do). */
export function registerContact(program: Command): void {
  const contact = program.command('contact').description("a person's data: export it (subject access) or erase it (GDPR)");
  dataOption(
    contact
      .command('export')
      .description('everything held about a contact, as JSON (audited)')
      .argument('<id>', 'contact id')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action(async (raw: string, o: { out?: string; data?: string }) => {
    const id = contactId(raw);
    await withDb(o, async (db) => {
      const json = JSON.stringify(await exportContact({ db, ...cliAuditor() }, id), null, 2);
      if (o.out) {
        writeFileSync(o.out, json + '\n');
        console.error(`Wrote contact ${id}'s data to ${o.out}.`);
      } else console.log(json);
    });
  });
  dataOption(
    contact
      .command('erase')
      .description('erase a contact and every trace of the person, for good (audited; their email and ids are refused afterwards unless they consent again)')
      .argument('<id>', 'contact id')
      .option('--yes', 'confirm: erasing cannot be undone'),
  ).action(async (raw: string, o: { yes?: boolean; data?: string }) => {
    const id = contactId(raw);
    await withDb(o, async (db) => console.log(await eraseFromCli(db, id, o.yes === true)));
  });
}

/** The erase as the CLI runs it: refused without --yes; returns what it did, in words. */
export async function eraseFromCli(db: Db, id: number, yes: boolean): Promise<string> {
  if (!yes) throw new AppError('validation_failed', `Erasing contact ${id} cannot be undone: run it again with --yes (export it first with \`revloop contact export ${id}\` if the person asked for their data).`);
  const e = await eraseContact({ db, ...cliAuditor() }, id);
  const kept = perTable(e.anonymised);
  return `Erased contact ${id}. Rows deleted: ${perTable(e.deleted)}.${kept ? ` Rows kept without the person: ${kept}.` : ''} Suppressed: ${e.suppressed.email} email(s), ${e.suppressed.user_id} user id(s), ${e.suppressed.anonymous_id} anonymous id(s), ${e.suppressed.external_id} id(s) in other systems.`;
}
