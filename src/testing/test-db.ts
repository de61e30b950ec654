import { openDb, type Db } from '../db/client.js';
import { pgliteTemplate } from './pglite-template.js';
import { openServerClone } from './server-template.js';

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

/** A fresh, migrated database: an in-memory PGlite, or a new database on the test server. */
export async function createTestDb(backend: Backend = 'pglite'): Promise<TestDb> {
  if (backend === 'pglite') {
    // A dump of a cluster migrated by migrate() (pglite-template.test.ts holds it to that).
    const db = await openDb({ loadDataDir: await pgliteTemplate() });
    return { db, backend, cleanup: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  // A database of its own, copied from the migrated template (server-template.ts).
  const t = await openServerClone(url);
  return { db: t.db, backend, databaseUrl: t.databaseUrl, schema: t.schema, cleanup: t.close };
}
