import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './client.js';

// PGlite is PostgreSQL compiled to WebAssembly: jsonb nested ~1,500 deep overruns its stack and
// traps, after which every call on that instance failed until the process restarted (/healthz
// included). The edge now refuses such input; this is the second line: a trapped instance is
// replaced by reopening its folder, so the process keeps serving with everything committed.
const deep = '{"a":'.repeat(1500) + '1' + '}'.repeat(1500);

describe('a PGlite data folder after a WebAssembly trap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'revloop-trap-'));
  let db: Db;
  afterAll(async () => {
    await db?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers again, with every committed row', async () => {
    db = await openDb({ dataDir: dir });
    await db.exec('CREATE TABLE kept (x int)');
    await db.query('INSERT INTO kept VALUES (1), (2)');
    await expect(db.query('SELECT $1::jsonb', [deep])).rejects.toThrow(/memory access out of bounds|RuntimeError|unreachable|signature mismatch/);
    expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    await db.query('INSERT INTO kept VALUES (3)');
    expect(await db.query<{ x: number }>('SELECT x FROM kept ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);

  });
});
