import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import { ReportJobSchema } from '@dg/shared/schemas/report';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { requirePrincipal } from '../../plugins/auth';
import { jobView } from '../jobs/jobs.service';
import type { RecomputeParams } from '../jobs/recompute.job';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/**
 * The cycle's recompute as a background job (a national cycle is thousands of results): followed
 * at /api/jobs/:id with its progress, its report downloaded as JSON from the job when done.
 */
export const recomputeJobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/admin/cycles/:id/recompute-job',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary:
          'Start the recompute of every result of the cycle as a background job (progress in results examined; the report is the job’s JSON download)',
        params: IdParamsSchema,
        response: { 202: ReportJobSchema, ...errors, 429: ApiErrorSchema },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const cycleId = req.params.id;
      const { rows } = await sql<{ n: number | null }>`
        select (select count(*)::int from result_snapshots where cycle_id = c.id and is_current) as n
          from cycles c where c.id = ${cycleId}`.execute(app.db);
      if (!rows[0]) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
      const params: RecomputeParams = { cycleId, actor: { userId: p.userId, email: p.email, ip: req.ip } };
      const job = await app.jobs.enqueue(p, 'cycle-recompute', params, { total: rows[0].n ?? 0 });
      return reply.status(202).send(jobView(job));
    },
  );
};
