import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, quoteIdent, type Db } from '../db/client.js';
import { migrate } from '../db/migrate.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it). */
export function testBackends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  db: Db;
  backend: Backend;
  /** Connection settings a second process or client can use to reach the same data. */
  databaseUrl?: string;
  schema?: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: an in-memory PGlite, or a new schema on the test server. */
export async function createTestDb(backend: Backend = 'pglite'): Promise<TestDb> {
  if (backend === 'pglite') {
    const db = await openDb({});
    await migrate(db);
    return { db, backend, cleanup: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = new URL(url).pathname.slice(1);
  // Guard: tests create and drop schemas; never let them near a database not meant for tests.
  if (!dbName.includes('test')) throw new Error(`Refusing to run tests against database "${dbName}": its name must contain "test".`);
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  await admin.end();
  const db = await openDb({ databaseUrl: url, schema, poolSize: 4 });
  await migrate(db);
  return {
    db,
    backend,
    databaseUrl: url,
    schema,
    async cleanup() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await c.end();
    },
  };
}
