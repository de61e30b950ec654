#!/usr/bin/env node
// Runs the built CLI; `npm install` builds it (prepare), `npm run build` rebuilds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('Revloop is not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(1);
}
await import(entry.href);
