import { z } from 'zod';

/**
 * Building blocks every route shares: path parameters, non-JSON bodies and trivial results.
 * Each route names one of these (or another export of shared/src/schemas/) so the OpenAPI
 * document and the client are generated from the same objects (tests/integration/api-contract.test.ts).
 */

/** A database id in a path: a positive 32-bit integer. */
export const IdSchema = z.coerce.number().int().positive().max(2147483647);
export const IdParamsSchema = z.object({ id: IdSchema });
export type IdParams = z.infer<typeof IdParamsSchema>;

/** A CSV (or other text) download: the body is text, not JSON. */
export const TextFileSchema = z.string();
/** A binary download (PDF, XLSX, ZIP, evidence file): streamed, not serialised. */
export const BinaryFileSchema = z.any();
/** 204 No Content. */
export const NoContentSchema = z.null();
/** A request with no body at all (or an empty object). */
export const EmptyBodySchema = z.object({}).optional();
/** `{ ok: true }`: the action was done, nothing more to say. */
export const OkSchema = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof OkSchema>;

/** A Thai/English pair as stored (responses: no length rules, unlike LocalizedTextSchema for input). */
export const StoredTextSchema = z.object({ th: z.string(), en: z.string() });
