import { DisclosurePolicySchema, DisclosurePolicyUpdateSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { TrackSchema } from '@dg/shared/schemas/framework';
import { CycleStatusSchema } from '@dg/shared/schemas/questionnaire';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../plugins/auth';
import { type Actor, createCycle, listAdminCycles, setDeadlineOverride, updateCycle } from './cycle-admin.service';
import { getDisclosurePolicy, setDisclosurePolicy } from './disclosure-policy';
import { RecomputeReportSchema, recomputeCycle } from './recompute';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
const Id = z.coerce.number().int().positive().max(2147483647);
const IsoDateTime = z.iso.datetime({ offset: true });

export const AdminCycleSchema = z.object({
  id: z.number().int(),
  fiscalYear: z.number().int(),
  name: z.object({ th: z.string(), en: z.string() }),
  status: CycleStatusSchema,
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Only the agency's CIO submits, with a declaration of accuracy. */
  signoffRequired: z.boolean(),
  counts: z.object({
    invited: z.number().int(),
    started: z.number().int(),
    submitted: z.number().int(),
    verified: z.number().int(),
  }),
});

const CycleCreateSchema = z
  .object({
    /** C.E. fiscal year (2023 for B.E. 2566). */
    fiscalYear: z.number().int().min(2000).max(2100),
    frameworkId: z.number().int().positive(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    nameTh: z.string().trim().min(1).max(300).optional(),
    nameEn: z.string().trim().min(1).max(300).optional(),
    /** New cycles require the CIO's sign-off unless DGA says otherwise. */
    signoffRequired: z.boolean().default(true),
    /** Which respondents are invited: departments, provinces or both (the default). */
    tracks: z.array(TrackSchema).min(1).max(2).default(['department', 'province']),
  })
  .strict();

const CyclePatchSchema = z
  .object({
    status: CycleStatusSchema.optional(),
    closesAt: IsoDateTime.optional(),
    signoffRequired: z.boolean().optional(),
  })
  .strict()
  .refine(
    (b) => b.status !== undefined || b.closesAt !== undefined || b.signoffRequired !== undefined,
    'Give a status, a closesAt or signoffRequired',
  );

export const cycleAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.get(
    '/api/admin/cycles',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'All cycles (drafts included), newest first, with invited/started/submitted/verified counts',
        response: { 200: z.array(AdminCycleSchema), ...errors },
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
        params: z.object({ id: Id }),
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
      }
      return cycle;
    },
  );

  app.post(
    '/api/admin/cycles/:id/recompute',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary:
          'Recompute all results of the cycle against its framework and the current engine, in one transaction; reports whose levels changed',
        params: z.object({ id: Id }),
        response: { 200: RecomputeReportSchema, ...errors },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return recomputeCycle(app.db, { userId: p.userId, email: p.email, ip: req.ip }, req.params.id);
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
        params: z.object({ id: Id }),
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
        params: z.object({ id: Id }),
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
        params: z.object({ id: Id, agencyId: Id }),
        body: z.object({ deadline: IsoDateTime.nullable() }).strict(),
        response: {
          200: z.object({ cycleId: z.number().int(), agencyId: z.number().int(), deadline: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => setDeadlineOverride(app.db, actor(req), req.params.id, req.params.agencyId, req.body.deadline),
  );
};
