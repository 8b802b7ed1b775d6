import { DomainError } from '@dg/shared/domain/errors';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { CycleFrameworkSchema, CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import { FrameworkQuerySchema } from '@dg/shared/schemas/session-start';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';
import { cyclesQuery, listCycles, seesDrafts } from './cycles.repository';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const cyclesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/cycles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cycles'],
        summary: 'Survey cycles, newest first',
        response: { 200: CycleSummaryListSchema, ...errors },
      },
    },
    async (req) => listCycles(app.db, requirePrincipal(req)),
  );

  app.get(
    '/api/cycles/:cycleId/framework',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cycles'],
        summary: "The cycle's framework document (questionnaire and maturity rules) and its content hash",
        params: CycleParamsSchema,
        querystring: FrameworkQuerySchema,
        response: { 200: CycleFrameworkSchema, ...errors },
      },
    },
    async (req, reply) => {
      const row = await cyclesQuery(app.db).where('c.id', '=', req.params.cycleId).executeTakeFirst();
      if (!row || (row.status === 'draft' && !seesDrafts(requirePrincipal(req)))) {
        throw new DomainError('NOT_FOUND', `Cycle ${req.params.cycleId} not found`);
      }
      const framework = await frameworkByHash(app.db, row.framework_id, row.framework_hash);
      // The document is immutable per hash: let the browser revalidate cheaply (weak: the bytes sent
      // differ by Content-Encoding). plugins/http-cache.ts answers a matching If-None-Match with 304.
      reply.header('etag', `W/"${row.framework_hash}"`);
      // Asked for by its current hash, the answer can never change: the browser keeps it without
      // asking again (a warm questionnaire on a slow link saves a round trip). The same document is
      // every signed-in reader's once the cycle is out of draft; a draft's is staff-only, so asked
      // every time. Any other hash (an old one) gets the current document, revalidated as usual.
      const forever = req.query.hash === row.framework_hash && row.status !== 'draft';
      reply.header('cache-control', forever ? 'private, max-age=31536000, immutable' : 'private, no-cache');
      return { framework, hash: row.framework_hash };
    },
  );
};
