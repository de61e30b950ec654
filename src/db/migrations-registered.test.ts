import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrate.js';

// A migration file that is written but not listed in migrate.ts is never applied, and nothing else
// fails: the list and the folder must agree, one version per file, in order.
describe('the migrations list', () => {
  it('holds every file of src/db/migrations once, under the version its file name gives', () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url))
      .filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    const fromFiles = files.map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -3) }));
    expect(migrations.map((m) => ({ version: m.version, name: m.name }))).toEqual(fromFiles);
  });
});
