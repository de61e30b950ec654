// The shapes of the API as the server declares them (web/src/api-schema.d.ts, generated from the
// routes' zod schemas): a page names a route and gets its answer's type, never a hand-made copy.
import type { paths } from './api-schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON a route answers with status S (200 unless said): ApiResponse<'/api/contacts/{id}', 'get'>. */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P], S extends number = 200> =
  Operation<P, M> extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;

/** The JSON body a route takes. */
export type ApiBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route takes. */
export type ApiQuery<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list: ApiItem<ApiResponse<'/api/contacts', 'get'>['data']>. */
export type ApiItem<L> = L extends readonly (infer T)[] ? T : never;
