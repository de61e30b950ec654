import type { Command } from 'commander';
import { createWriteKey, listWriteKeys, revokeWriteKey } from '../domains/ingest/write-keys.js';
import { cliAuditor } from './cli-auditor.js';
import { allRows, parseId } from '../domains/crm/list-query.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

export function registerWriteKey(program: Command): void {
  const wk = program.command('writekey').description('manage ingestion write keys (they can only send events)');
  dataOption(wk.command('create').description('create a write key for a website or app (printed once)').requiredOption('--name <name>', 'which source sends with it')).action(
    async (o: { name: string; data?: string }) => {
      await withDb(o, async (db) => {
        const k = await createWriteKey(db, { name: o.name }, cliAuditor());
        console.error(`Write key ${k.id} "${k.name}". Point a Segment library at this server with it, e.g. new Analytics({ writeKey, host: 'http://127.0.0.1:3000' }).`);
        console.log(k.key);
      });
    },
  );
  dataOption(wk.command('list').description('list write keys (never their secrets)')).action(async (o: { data?: string }) => {
    await withDb(o, async (db) => {
      const rows = await allRows((page) => listWriteKeys(db, page));
      if (!rows.length) return console.log('No write keys yet. Create one: npx revloop writekey create --name website');
      console.log(textTable(rows.map((k) => ({ id: k.id, name: k.name, created: k.created_at, revoked: k.revoked_at }))));
    });
  });
  dataOption(wk.command('revoke').description('revoke a write key: every server refuses it within a second').argument('<id>', 'write key id (see writekey list)')).action(
    async (id: string, o: { data?: string }) => {
      await withDb(o, async (db) => {
        const k = await revokeWriteKey(db, parseId('<id>')(id), cliAuditor());
        console.log(`Write key ${k.id} "${k.name}" is revoked (since ${k.revoked_at!.toISOString()}); events sent with it are refused.`);
      });
    },
  );
}
