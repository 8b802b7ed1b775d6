import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { NoContentSchema } from '@dg/shared/schemas/common';
import {
  NationalTargetInputSchema,
  NationalTargetListSchema,
  NationalTargetSchema,
  TargetOverviewSchema,
  TargetParamsSchema,
} from '@dg/shared/schemas/targets';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { deleteTarget, listTargets, setTarget, targetOverview } from './targets.service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

export const targetsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/analytics/targets',
    {
      // Agency users see published cycles only, under the disclosure policy; staff also see the agencies nearest.
      config: { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] },
      schema: {
        tags: ['analytics'],
        summary: 'National targets as actual against target over the years, one series per target',
        response: { 200: TargetOverviewSchema, ...errors },
      },
    },
    async (req) => targetOverview(app.db, requirePrincipal(req)),
  );

  app.get(
    '/api/admin/cycles/:cycleId/targets',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: "The cycle's national targets",
        params: CycleParamsSchema,
        response: { 200: NationalTargetListSchema, ...errors },
      },
    },
    async (req) => listTargets(app.db, req.params.cycleId),
  );

  app.put(
    '/api/admin/cycles/:cycleId/targets/:code',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'Set a national target of the cycle (indicator, comparison, target value, source document)',
        params: TargetParamsSchema,
        body: NationalTargetInputSchema,
        response: { 200: NationalTargetSchema, ...errors },
      },
    },
    async (req) =>
      setTarget(
        app.db,
        { principal: requirePrincipal(req), ip: req.ip },
        req.params.cycleId,
        req.params.code,
        req.body,
      ),
  );

  app.delete(
    '/api/admin/cycles/:cycleId/targets/:code',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['cycle-admin'],
        summary: 'Remove a national target of the cycle',
        params: TargetParamsSchema,
        response: { 204: NoContentSchema, ...errors },
      },
    },
    async (req, reply) => {
      await deleteTarget(app.db, { principal: requirePrincipal(req), ip: req.ip }, req.params.cycleId, req.params.code);
      return reply.status(204).send(null);
    },
  );
};
