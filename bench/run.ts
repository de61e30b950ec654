// `npm run bench`: every benchmark in turn; each prints its own figures and ratios.
// Run one alone with `node --import tsx bench/<name>-bench.ts`.
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('-bench.ts') && (!only || f.includes(only))).sort();
for (const f of files) {
  const mod = (await import(new URL(f, import.meta.url).href)) as { main?: () => Promise<void> };
  if (mod.main) await mod.main();
  console.log('');
}
