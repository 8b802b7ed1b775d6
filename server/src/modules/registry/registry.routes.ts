import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { TrackSchema } from '@dg/shared/schemas/framework';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../plugins/auth';
import {
  type Actor,
  AGENCY_ROLES,
  agencyHistory,
  listAgencies,
  mergeAgency,
  ORG_TYPES,
  updateAgency,
} from './registry.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
const Id = z.coerce.number().int().positive().max(2147483647);
const IdParams = z.object({ id: Id });
const Localized = z.object({ th: z.string(), en: z.string() });

export const AgencySummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  track: TrackSchema,
  name: Localized,
  ministryCode: z.string().nullable(),
  ministryName: Localized.nullable(),
  orgType: z.string().nullable(),
  role: z.string().nullable(),
  region: z.string().nullable(),
  active: z.boolean(),
  mergedIntoId: z.number().int().nullable(),
  updatedAt: z.string(),
});

const AgencyQuerySchema = z.object({
  track: TrackSchema.optional(),
  orgType: z.enum(ORG_TYPES).optional(),
  role: z.enum(AGENCY_ROLES).optional(),
  ministry: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const AgencyPatchSchema = z
  .object({
    nameTh: z.string().trim().min(2).max(300).optional(),
    nameEn: z.string().trim().min(2).max(300).optional(),
    ministryCode: z.string().min(1).max(40).nullable().optional(),
    orgType: z.enum(ORG_TYPES).nullable().optional(),
    role: z.enum(AGENCY_ROLES).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Give at least one field to change');

const HistoryEntrySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  changedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  changedAt: z.string(),
});

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.get(
    '/api/agencies',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['registry'],
        summary: 'The agency registry (departments and provinces) with ministry names; filter and search',
        querystring: AgencyQuerySchema,
        response: { 200: z.array(AgencySummarySchema), ...errors },
      },
    },
    async (req) => listAgencies(app.db, req.query),
  );

  app.patch(
    '/api/admin/agencies/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Rename or reclassify an agency (kept in its history)',
        params: IdParams,
        body: AgencyPatchSchema,
        response: { 200: AgencySummarySchema, ...errors },
      },
    },
    async (req) => updateAgency(app.db, actor(req), req.params.id, req.body),
  );

  app.post(
    '/api/admin/agencies/:id/merge',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Merge an agency into another: it becomes inactive; its past results stay attached to it',
        params: IdParams,
        body: z.object({ intoAgencyId: z.number().int().positive() }).strict(),
        response: { 200: AgencySummarySchema, ...errors },
      },
    },
    async (req) => mergeAgency(app.db, actor(req), req.params.id, req.body.intoAgencyId),
  );

  app.get(
    '/api/admin/agencies/:id/history',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['registry'],
        summary: "An agency's renames, reclassifications and merges, newest first",
        params: IdParams,
        response: { 200: z.array(HistoryEntrySchema), ...errors },
      },
    },
    async (req) => agencyHistory(app.db, req.params.id),
  );
};
