import { z } from 'zod';

/** GET /api/health: the database check and whether the server sheds load (200 ok, 503 unhealthy). */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.object({ kind: z.enum(['postgres', 'pglite']), ok: z.boolean(), latencyMs: z.number() }),
  /** True while the server answers requests with 503 to protect its event loop. */
  shedding: z.boolean(),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;

/** GET /livez: the process runs and answers (always 200; an orchestrator restarts it when this fails). */
export const LivezSchema = z.object({
  status: z.literal('alive'),
  uptimeSeconds: z.number().int().min(0),
});
export type Livez = z.infer<typeof LivezSchema>;

export const ReadinessCheckSchema = z.enum(['database', 'migrations', 'load']);
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

/**
 * GET /readyz: whether to send this server traffic (200 ready, 503 not_ready). `failed` names the
 * checks that failed; a server shedding load is not ready but stays alive.
 */
export const ReadyzSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  failed: z.array(ReadinessCheckSchema),
  checks: z.object({
    database: z.object({ ok: z.boolean(), latencyMs: z.number() }),
    /** `pending` is null when the database could not be asked. */
    migrations: z.object({ ok: z.boolean(), pending: z.number().int().min(0).nullable() }),
    load: z.object({ ok: z.boolean(), shedding: z.boolean() }),
  }),
});
export type Readyz = z.infer<typeof ReadyzSchema>;
