import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { apiSchemaFile, apiSchemaSource } from './api-schema.js';

it('the web app\'s API types are the ones the server\'s schemas generate (npx tsx scripts/api-schema.ts rewrites them)', async () => {
  const committed = readFileSync(new URL(`../../${apiSchemaFile}`, import.meta.url), 'utf8');
  const generated = await apiSchemaSource();
  // A route whose schema changed without the types being regenerated: the web app would build against stale types.
  expect(committed === generated, `${apiSchemaFile} is out of date: run npx tsx scripts/api-schema.ts`).toBe(true);
  expect(generated).toContain('"/api/contacts"');
});
