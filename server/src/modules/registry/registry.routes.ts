import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import {
  AgencyHistorySchema,
  AgencyMergeBodySchema,
  AgencyPatchSchema,
  AgencyQuerySchema,
  AgencySummaryListSchema,
  AgencySummarySchema,
} from '@dg/shared/schemas/registry';
import { AgencyPageQuerySchema, AgencyPageSchema } from '@dg/shared/schemas/registry-grid';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { type Actor, agencyHistory, agencyPage, listAgencies, mergeAgency, updateAgency } from './registry.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
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
        response: { 200: AgencySummaryListSchema, ...errors },
      },
    },
    async (req) => listAgencies(app.db, req.query),
  );

  app.get(
    '/api/agencies/page',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['registry'],
        summary:
          'A page of the agency registry for its data grid: paged, sorted (code, name, ministry, updatedAt), filtered by track, type, role, ministry and status, searched by code and names',
        querystring: AgencyPageQuerySchema,
        response: { 200: AgencyPageSchema, ...errors },
      },
    },
    async (req) => agencyPage(app.db, req.query),
  );

  app.patch(
    '/api/admin/agencies/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['registry'],
        summary: 'Rename or reclassify an agency (kept in its history)',
        params: IdParamsSchema,
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
        params: IdParamsSchema,
        body: AgencyMergeBodySchema,
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
        params: IdParamsSchema,
        response: { 200: AgencyHistorySchema, ...errors },
      },
    },
    async (req) => agencyHistory(app.db, req.params.id),
  );
};
