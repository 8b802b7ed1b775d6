import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';

const HealthSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  database: z.object({ kind: z.enum(['postgres', 'pglite']), ok: z.boolean(), latencyMs: z.number() }),
  version: z.string(),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_req, reply) => {
      const started = performance.now();
      let ok = true;
      try {
        await Promise.race([
          sql`select 1`.execute(app.db),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
        ]);
      } catch {
        ok = false;
      }
      const body = {
        status: ok ? ('ok' as const) : ('unhealthy' as const),
        database: { kind: app.dbKind, ok, latencyMs: Math.round(performance.now() - started) },
        version: '0.1.0',
      };
      return reply.status(ok ? 200 : 503).send(body);
    },
  );
};
