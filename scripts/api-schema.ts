// Rewrites web/src/api-schema.d.ts from the server's OpenAPI document (src/app/api-schema.ts).
import { writeFileSync } from 'node:fs';
import { apiSchemaFile, apiSchemaSource } from '../src/app/api-schema.js';

writeFileSync(new URL(`../${apiSchemaFile}`, import.meta.url), await apiSchemaSource());
console.log(`${apiSchemaFile}: rewritten`);
