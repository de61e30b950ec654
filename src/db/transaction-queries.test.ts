import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// node-postgres warns once per process, so the check runs in a process of its own: two reads asked
// at once inside a transaction (as Promise.all in domain code does) must come back right, in the
// order asked, without handing the client a second query while one is running (pg 9 refuses that).
describe.skipIf(!process.env.TEST_DATABASE_URL)('queries inside a server transaction', () => {
  it('run one at a time on the transaction\'s client, with their own results, and no pg deprecation warning', async () => {
    const script = `
      import { openDb } from './src/db/client.ts';
      const db = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL, poolSize: 2 });
      const got = await db.tx((tx) => Promise.all([
        tx.query("SELECT 'slow' AS v, pg_sleep(0.05)::text AS s"),
        tx.query("SELECT 'fast' AS v"),
        tx.query("SELECT 1/0 AS v").catch((e) => [{ v: 'failed: ' + e.code }]),
      ]));
      await db.close();
      console.log(JSON.stringify(got.map((rows) => rows[0].v)));`;
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() });
    expect(JSON.parse(stdout.trim())).toEqual(['slow', 'fast', 'failed: 22012']);
    expect(stderr).not.toMatch(/already executing a query/);
  });
});
