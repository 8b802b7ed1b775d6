import { DisclosurePolicySchema, DisclosurePolicyUpdateSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import {
  AdminCycleListSchema,
  AdminCycleSchema,
  CycleAgencyParamsSchema,
  CycleCreateSchema,
  CyclePatchSchema,
  DeadlineOverrideBodySchema,
  DeadlineOverrideSchema,
} from '@dg/shared/schemas/cycle-admin';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { type Actor, createCycle, listAdminCycles, setDeadlineOverride, updateCycle } from './cycle-admin.service';
import { getDisclosurePolicy, setDisclosurePolicy } from './disclosure-policy';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
export const cycleAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.get(
    '/api/admin/cycles',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'All cycles (drafts included), newest first, with invited/started/submitted/verified counts',
        response: { 200: AdminCycleListSchema, ...errors },
      },
    },
    async () => listAdminCycles(app.db),
  );

  app.post(
    '/api/admin/cycles',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'Create a draft cycle for a fiscal year (C.E.) and invite every active agency',
        body: CycleCreateSchema,
        response: { 201: AdminCycleSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createCycle(app.db, actor(req), req.body)),
  );

  app.patch(
    '/api/admin/cycles/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary:
          'Move a cycle one step (draft → open → closed → published) or change its closing date. Opening freezes the framework; publishing publishes the current results.',
        params: IdParamsSchema,
        body: CyclePatchSchema,
        response: { 200: AdminCycleSchema, ...errors },
      },
    },
    async (req) => {
      const before =
        req.body.status === 'published'
          ? await app.db.selectFrom('cycles').select('status').where('id', '=', req.params.id).executeTakeFirst()
          : undefined;
      const cycle = await updateCycle(app.db, actor(req), req.params.id, req.body);
      // Publication: every agency's report is rendered once in the background, then served from storage.
      if (before && before.status !== 'published') {
        await app.jobs.enqueue(null, 'report-prerender', { cycleId: req.params.id }).catch((e: unknown) => {
          req.log.error({ err: e }, 'could not queue the report pre-rendering');
        });
        // The national report too, for the public results page (served once built).
        await app.jobs
          .enqueue(null, 'national-report', { cycleId: req.params.id }, { total: 5 })
          .catch((e: unknown) => {
            req.log.error({ err: e }, 'could not queue the national report');
          });
      }
      return cycle;
    },
  );

  app.get(
    '/api/admin/cycles/:id/disclosure',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary:
          "The cycle's disclosure policy: segments of fewer agencies are withheld from agency users and open data",
        params: IdParamsSchema,
        response: { 200: DisclosurePolicySchema, ...errors },
      },
    },
    async (req) => getDisclosurePolicy(app.db, req.params.id),
  );

  app.put(
    '/api/admin/cycles/:id/disclosure',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'Set the minimum number of agencies per segment shown to agency users and in open data (3 to 100)',
        params: IdParamsSchema,
        body: DisclosurePolicyUpdateSchema,
        response: { 200: DisclosurePolicySchema, ...errors },
      },
    },
    async (req) => setDisclosurePolicy(app.db, actor(req), req.params.id, req.body.minSegmentSize),
  );

  app.put(
    '/api/admin/cycles/:id/agencies/:agencyId/deadline',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: "Set or clear (null) one agency's deadline extension in a cycle",
        params: CycleAgencyParamsSchema,
        body: DeadlineOverrideBodySchema,
        response: { 200: DeadlineOverrideSchema, ...errors },
      },
    },
    async (req) => setDeadlineOverride(app.db, actor(req), req.params.id, req.params.agencyId, req.body.deadline),
  );
};
