import { openDb } from '../src/db/client.js';
import { propertyTalliesSql } from '../src/domains/scoring/queries/predictive-records.js';
const db = await openDb({ databaseUrl: process.env.URL!, schema: process.env.SCHEMA!, poolSize: 1 });
const rows = await db.query<Record<string, string>>('EXPLAIN (ANALYZE, BUFFERS) ' + propertyTalliesSql, [new Date('2025-11-20T12:00:00Z'), new Date('2026-11-20T12:00:00Z')]);
console.log(rows.map((r) => Object.values(r)[0]).join('\n'));
await db.close();
