import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, quoteIdent, type Db } from './client.js';
import { migrateEmpty } from './migrate.js';

/**
 * A fresh, migrated schema on a PostgreSQL server, dropped on close: tests and benchmarks share
 * one server database without seeing each other. Guarded: the database name must contain "test".
 */
export async function openThrowawaySchema(url: string, prefix: string, poolSize = 4): Promise<{ db: Db; schema: string; close: () => Promise<void> }> {
  const dbName = new URL(url).pathname.slice(1);
  if (!dbName.includes('test')) throw new Error(`Refusing to create and drop schemas in database "${dbName}": its name must contain "test".`);
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = (sql: string) => runOnServer(url, sql);
  await admin(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: url, schema, poolSize });
  await migrateEmpty(db);
  return {
    db,
    schema,
    async close() {
      await db.close();
      await admin(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    },
  };
}

/** One statement on its own connection (CREATE/DROP SCHEMA or DATABASE cannot run in a pool's transaction). */
export async function runOnServer(url: string, sql: string): Promise<void> {
  await queryOnServer(url, sql);
}

/** One statement on a connection of its own (outside any pool), its rows answered. */
export async function queryOnServer<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
