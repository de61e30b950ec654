// Does the app keep answering while a large CSV import runs? A 20,000-row contacts file is sent
// over a real connection, once to POST /api/import/contacts (one transaction, all or nothing, as
// the CLI imports) and once to POST /api/import/jobs/contacts (the import page's background job:
// a dry pass, then short transactions batch by batch), while GET /api/contacts?limit=20 is timed
// every 100 ms until the import is done. PGlite has one connection: a transaction held for the
// whole import makes every request wait for it.
//
// BENCH_IMPORT_ROWS   contacts in the file (default 20,000)
// BENCH_BACKEND       pglite | postgres (default both)
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createApiToken } from '../src/domains/auth/api-tokens.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);

function contactsFile(prefix: string): string {
  const lines = ['Record ID,First Name,Last Name,Email,Company Name,Lifecycle Stage,Original Source,Create Date'];
  for (let i = 0; i < ROWS; i++) {
    lines.push([`${prefix}${i}`, `First${i}`, `Last${i}`, `${prefix}.person${i}@company${i % 2000}.example.com`, `Company ${i % 2000}`,
      ['Subscriber', 'Lead', 'Marketing Qualified Lead'][i % 3], ['Organic Search', 'Paid Search', 'Email'][i % 3], `2025-0${1 + (i % 9)}-1${i % 9} 10:00`].join(','));
  }
  return lines.join('\n') + '\n';
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  const app = await buildApp({ db, webDist: null });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { token } = await createApiToken(db, { name: 'bench', role: 'admin' });
    const auth = { authorization: `Bearer ${token}` };
    console.log(`\n[${backend}] ${ROWS.toLocaleString()}-row contacts file; GET /api/contacts?limit=20 every 100 ms while it imports`);
    console.log(`${'import'.padEnd(34)} ${'seconds'.padStart(8)} ${'probes'.padStart(7)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'max ms'.padStart(9)}`);

    const measure = async (label: string, importing: () => Promise<void>) => {
      const times: number[] = [];
      let done = false;
      const probing = (async () => {
        while (!done) {
          const s = performance.now();
          const res = await fetch(`${base}/api/contacts?limit=20`, { headers: auth });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`GET /api/contacts answered ${res.status}`);
          times.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const t0 = performance.now();
      await importing();
      const seconds = (performance.now() - t0) / 1000;
      done = true;
      await probing;
      const s = times.sort((a, b) => a - b);
      console.log(`${label.padEnd(34)} ${fmt(seconds, 1).padStart(8)} ${String(s.length).padStart(7)} ${fmt(percentile(s, 50), 0).padStart(9)} ${fmt(percentile(s, 95), 0).padStart(9)} ${fmt(s[s.length - 1]!, 0).padStart(9)}`);
    };

    await measure('one transaction (POST /api/import)', async () => {
      const res = await fetch(`${base}/api/import/contacts`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: contactsFile('a') });
      const body = (await res.json()) as { created?: number; message?: string };
      if (res.status !== 200 || body.created !== ROWS) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    });
    await measure('background job (POST /api/import/jobs)', async () => {
      const res = await fetch(`${base}/api/import/jobs/contacts`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: contactsFile('b') });
      const job = (await res.json()) as { id: string };
      if (res.status !== 202) throw new Error(`import job answered ${res.status}: ${JSON.stringify(job).slice(0, 300)}`);
      for (;;) {
        const j = (await (await fetch(`${base}/api/import/jobs/${job.id}`, { headers: auth })).json()) as { status: string; summary: { created: number } | null; error: unknown };
        if (j.status === 'failed' || (j.status === 'done' && j.summary!.created !== ROWS)) throw new Error(`import job ended ${JSON.stringify(j).slice(0, 300)}`);
        if (j.status === 'done') break;
        await new Promise((r) => setTimeout(r, 200));
      }
    });
  } finally {
    await app.close();
    await close();
  }
}

export async function main() {
  console.log(`# Responsiveness while a ${ROWS.toLocaleString()}-row CSV import runs`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
