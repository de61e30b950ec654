import openapiTS, { astToString } from 'openapi-typescript';
import { openDb } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from './build-app.js';

/** Where the web app's generated API types live (written by scripts/api-schema.ts, checked by a test). */
export const apiSchemaFile = 'web/src/api-schema.d.ts';

const header = `// Generated from the server's OpenAPI document (GET /api/openapi.json) by scripts/api-schema.ts.
// Do not edit: change the route's zod schemas, then run \`npx tsx scripts/api-schema.ts\`.
`;

/**
 * The web app's API types, generated from the same zod schemas the routes validate with (through
 * the OpenAPI document they produce), so a request or response shape is written once, on the
 * server. Built on a throwaway in-memory database: the document does not depend on data.
 */
export async function apiSchemaSource(): Promise<string> {
  const db = await openDb({});
  try {
    await migrate(db);
    const app = await buildApp({ db, webDist: null, processEvents: false, logger: false });
    try {
      await app.ready();
      const doc = app.swagger() as Parameters<typeof openapiTS>[0];
      const ast = await openapiTS(doc, { alphabetize: true });
      return header + astToString(ast);
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
