import type { Command } from 'commander';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { dataOption, withDb } from './with-db.js';

export function registerWriteKey(program: Command): void {
  const wk = program.command('writekey').description('manage ingestion write keys (they can only send events)');
  dataOption(wk.command('create').description('create a write key for a website or app (printed once)').requiredOption('--name <name>', 'which source sends with it')).action(
    async (o: { name: string; data?: string }) => {
      await withDb(o, async (db) => {
        const k = await createWriteKey(db, { name: o.name });
        console.error(`Write key ${k.id} "${k.name}". Point a Segment library at this server with it, e.g. new Analytics({ writeKey, host: 'http://127.0.0.1:3000' }).`);
        console.log(k.key);
      });
    },
  );
}
