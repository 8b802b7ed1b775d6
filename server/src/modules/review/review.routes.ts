import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import {
  CategoryListSchema,
  OptionalAcceptBodySchema,
  QuestionFilterQuerySchema,
  ReviewAnswerParamsSchema,
  ReviewEvidenceParamsSchema,
} from '@dg/shared/schemas/reports-routes';
import {
  CategorySchema,
  CodingBodySchema,
  CodingListSchema,
  CodingResultSchema,
  NewCategorySchema,
  ReturnBodySchema,
  ReviewActionResultSchema,
  ReviewDetailSchema,
  VerificationBodySchema,
  VerificationResultSchema,
} from '@dg/shared/schemas/review';
import { ReviewQueuePageSchema, ReviewQueueQuerySchema } from '@dg/shared/schemas/review-queue';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Actor } from '../responses/responses.service';
import * as service from './review.service';
import * as coding from './review-coding.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
const STAFF = ['analyst', 'admin'] as const;
const tags = ['review'];

/** The analyst workspace: verification of evidence, returns, acceptance and coding of free text. */
export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.get(
    '/api/review/cycles/:cycleId/queue',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary:
          'A page of the responses to review (paged, sorted, filtered by status, track, analyst and search), with claim counts and self vs verified levels',
        params: CycleParamsSchema,
        querystring: ReviewQueueQuerySchema,
        response: { 200: ReviewQueuePageSchema, ...errors },
      },
    },
    async (req) => service.queue(app.db, requirePrincipal(req), req.params.cycleId, req.query),
  );

  app.get(
    '/api/review/responses/:id',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'A response under review: its claims with evidence and verification, pillar levels, comments',
        params: IdParamsSchema,
        response: { 200: ReviewDetailSchema, ...errors },
      },
    },
    async (req) => service.detail(app.db, requirePrincipal(req), req.params.id),
  );

  app.post(
    '/api/review/responses/:id/answers/:questionCode/verification',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary:
          'Verify or reject a claimed practice as a whole, with all its evidence (rescored at once; a published result gets a correction)',
        params: ReviewAnswerParamsSchema,
        body: VerificationBodySchema,
        response: { 200: VerificationResultSchema, ...errors },
      },
    },
    async (req) => service.verify(app.db, actor(req), req.params.id, req.params.questionCode, req.body),
  );

  app.post(
    '/api/review/responses/:id/evidence/:evidenceId/verification',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary:
          'Verify or reject one piece of evidence; the answer is verified while any piece is, rejected once no verified piece remains (rescored at once; a published result gets a correction)',
        params: ReviewEvidenceParamsSchema,
        body: VerificationBodySchema,
        response: { 200: VerificationResultSchema, ...errors },
      },
    },
    async (req) => service.verifyEvidence(app.db, actor(req), req.params.id, req.params.evidenceId, req.body),
  );

  app.post(
    '/api/review/responses/:id/return',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Return a response to the agency with comments; the next submission is the next round',
        params: IdParamsSchema,
        body: ReturnBodySchema,
        response: { 200: ReviewActionResultSchema, ...errors },
      },
    },
    async (req) => service.returnResponse(app.db, actor(req), req.params.id, req.body),
  );

  app.post(
    '/api/review/responses/:id/accept',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Accept a response as verified (unchecked claims only with acceptPending)',
        params: IdParamsSchema,
        body: OptionalAcceptBodySchema,
        response: { 200: ReviewActionResultSchema, ...errors },
      },
    },
    async (req) => service.acceptResponse(app.db, actor(req), req.params.id, req.body?.acceptPending ?? false),
  );

  app.get(
    '/api/review/cycles/:cycleId/coding',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '"Other, specify" reasons with their text and coded category',
        params: CycleParamsSchema,
        querystring: QuestionFilterQuerySchema,
        response: { 200: CodingListSchema, ...errors },
      },
    },
    async (req) => coding.codingList(app.db, req.params.cycleId, req.query.questionCode),
  );

  app.get(
    '/api/review/cycles/:cycleId/categories',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: "Coding categories of reason questions: the question's own reasons and analysts' additions",
        params: CycleParamsSchema,
        querystring: QuestionFilterQuerySchema,
        response: { 200: CategoryListSchema, ...errors },
      },
    },
    async (req) => coding.categories(app.db, req.params.cycleId, req.query.questionCode),
  );

  app.post(
    '/api/review/cycles/:cycleId/categories',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Add a coding category to a reason question for this cycle',
        params: CycleParamsSchema,
        body: NewCategorySchema,
        response: { 201: CategorySchema, ...errors },
      },
    },
    async (req, reply) => {
      const created = await coding.createCategory(app.db, actor(req), req.params.cycleId, req.body);
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/review/responses/:id/answers/:questionCode/coding',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Code the free text of an "other" reason (the text itself stays)',
        params: ReviewAnswerParamsSchema,
        body: CodingBodySchema,
        response: { 200: CodingResultSchema, ...errors },
      },
    },
    async (req) => coding.setCoding(app.db, actor(req), req.params.id, req.params.questionCode, req.body.category),
  );
};
