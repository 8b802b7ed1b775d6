import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import {
  AnalystListSchema,
  AssignBodySchema,
  AssignResultSchema,
  BulkReviewBodySchema,
  BulkReviewResultSchema,
  ReassignBodySchema,
} from '@dg/shared/schemas/review-queue';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Actor } from '../responses/responses.service';
import * as assignments from './review-assignments.service';
import { bulkReview } from './review-bulk.service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const STAFF = ['analyst', 'admin'] as const;
const tags = ['review'];

/** The review queue's bulk actions and the assignment of agencies to analysts. */
export const reviewGridRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.post(
    '/api/review/cycles/:cycleId/bulk',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Return (with one comment) or accept many responses; each is done on its own and reported',
        params: CycleParamsSchema,
        body: BulkReviewBodySchema,
        response: { 200: BulkReviewResultSchema, ...errors },
      },
    },
    async (req) => bulkReview(app.db, actor(req), req.params.cycleId, req.body),
  );

  app.get(
    '/api/review/analysts',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Active analysts with the number of agencies assigned to each',
        response: { 200: AnalystListSchema, ...errors },
      },
    },
    async () => assignments.analysts(app.db),
  );

  app.put(
    '/api/review/assignments',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Assign agencies (listed, or all of a ministry) to an analyst',
        body: AssignBodySchema,
        response: { 200: AssignResultSchema, ...errors },
      },
    },
    async (req) => assignments.assign(app.db, actor(req), req.body),
  );

  app.post(
    '/api/review/assignments/reassign',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Move every agency of one analyst to another (while someone is away)',
        body: ReassignBodySchema,
        response: { 200: AssignResultSchema, ...errors },
      },
    },
    async (req) => assignments.reassign(app.db, actor(req), req.body),
  );
};
