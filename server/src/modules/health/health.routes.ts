import { HealthSchema, LivezSchema, ReadyzSchema } from '@dg/shared/schemas/health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { answerWhileShedding } from '../../plugins/security';
import { checkDatabase, readinessCheck } from './health.checks';

/**
 * Probes. Each answers with its own body even while the server sheds load (the shedding 503 of
 * every other route has the error body, which these schemas would refuse: a 500).
 * /livez: the process answers (restart it when not). /readyz: send it traffic (or not, and why).
 * /api/health: the older combined check, 200 or 503.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const probe = { access: 'public', pressureHandler: answerWhileShedding } as const;

  app.get(
    '/api/health',
    {
      config: probe,
      schema: {
        tags: ['system'],
        summary: 'Database check and load state (200 ok, 503 unhealthy or shedding load)',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_req, reply) => {
      const shedding = app.isUnderPressure();
      const database = { kind: app.dbKind, ...(await checkDatabase(app)) };
      const ok = database.ok && !shedding;
      if (shedding) reply.header('Retry-After', '5');
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'unhealthy', database, shedding, version: '0.1.0' });
    },
  );

  app.get(
    '/livez',
    {
      config: probe,
      schema: {
        tags: ['system'],
        summary: 'Liveness: 200 while the process runs and answers (also while it sheds load)',
        response: { 200: LivezSchema },
      },
    },
    async () => ({ status: 'alive' as const, uptimeSeconds: Math.floor(process.uptime()) }),
  );

  const readiness = readinessCheck(app);
  app.get(
    '/readyz',
    {
      config: probe,
      schema: {
        tags: ['system'],
        summary: 'Readiness: 200 when the database answers, migrations are current and load is not shed; else 503',
        response: { 200: ReadyzSchema, 503: ReadyzSchema },
      },
    },
    async (_req, reply) => {
      const body = await readiness();
      if (body.status !== 'ready') reply.header('Retry-After', '5');
      return reply.status(body.status === 'ready' ? 200 : 503).send(body);
    },
  );
};
