import { DomainError } from '@dg/shared/domain/errors';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { CycleFrameworkSchema, CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database';
import { type Principal, requirePrincipal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Draft cycles are still being prepared: only DGA staff see them. */
const seesDrafts = (p: Principal) => p.role === 'analyst' || p.role === 'admin';

function cyclesQuery(db: Db) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select([
      'c.id',
      'c.fiscal_year',
      'c.name_th',
      'c.name_en',
      'c.status',
      'c.framework_id',
      'f.code as framework_code',
      'f.hash as framework_hash',
      'c.opens_at',
      'c.closes_at',
      'c.published_at',
    ]);
}

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
    async (req) => {
      let q = cyclesQuery(app.db).orderBy('c.fiscal_year', 'desc');
      if (!seesDrafts(requirePrincipal(req))) q = q.where('c.status', '!=', 'draft');
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id,
        fiscalYear: r.fiscal_year,
        name: { th: r.name_th, en: r.name_en },
        status: r.status,
        frameworkId: r.framework_id,
        frameworkCode: r.framework_code,
        frameworkHash: r.framework_hash,
        opensAt: iso(r.opens_at),
        closesAt: iso(r.closes_at),
        publishedAt: iso(r.published_at),
      }));
    },
  );

  app.get(
    '/api/cycles/:cycleId/framework',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cycles'],
        summary: "The cycle's framework document (questionnaire and maturity rules) and its content hash",
        params: CycleParamsSchema,
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
      reply.header('cache-control', 'private, no-cache');
      return { framework, hash: row.framework_hash };
    },
  );
};
