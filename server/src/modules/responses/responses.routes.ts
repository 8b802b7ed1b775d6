import { computeResults } from '@dg/shared/domain/maturity-engine';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, IdParamsSchema } from '@dg/shared/schemas/common';
import {
  ResponseDetailSchema,
  ResponseSummarySchema,
  SaveAnswerResultSchema,
  SaveAnswerSchema,
  SubmitRequestSchema,
} from '@dg/shared/schemas/questionnaire';
import {
  AnswerParamsSchema,
  ChangesQuerySchema,
  ChangesSchema,
  IncompleteErrorSchema,
  PresenceBodySchema,
  PresenceResultSchema,
  ResponseResultSchema,
  SubmitResultSchema,
} from '@dg/shared/schemas/responses-routes';
import type { ResultSchema } from '@dg/shared/schemas/result';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { requirePrincipal } from '../../plugins/auth';
import { buildAnswersWorkbook } from './export';
import * as repo from './responses.repository';
import {
  type Actor,
  frameworkOf,
  iso,
  loadReadable,
  myResponse,
  responseDetail,
  toAnswerMap,
  toStoredAnswer,
} from './responses.service';
import { saveAnswer } from './save-answer';
import { markReadyForSignoff, submitResponse } from './signoff.service';
import { currentSnapshot } from './snapshots';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
const READ = ['respondent', 'cio', 'viewer', 'analyst', 'admin'] as const;

/** Presence older than this is gone: the other coordinator closed the tab or lost the connection. */
export const PRESENCE_TTL_SECONDS = 60;

export const responsesRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

  app.get(
    '/api/cycles/:cycleId/my-response',
    {
      config: { access: ['respondent', 'cio', 'viewer'] },
      schema: {
        tags: ['questionnaire'],
        summary: "The caller's agency's response for a cycle (created on first visit)",
        params: CycleParamsSchema,
        response: { 200: ResponseDetailSchema, ...errors },
      },
    },
    async (req) => myResponse(app.db, requirePrincipal(req), req.params.cycleId),
  );

  app.get(
    '/api/responses/:id',
    {
      config: { access: READ },
      schema: {
        tags: ['questionnaire'],
        summary: 'A response with its answers, evidence and review comments',
        params: IdParamsSchema,
        response: { 200: ResponseDetailSchema, ...errors },
      },
    },
    async (req) => responseDetail(app.db, requirePrincipal(req), req.params.id),
  );

  app.put(
    '/api/responses/:id/answers/:questionCode',
    {
      config: { access: ['respondent', 'cio'] },
      schema: {
        tags: ['questionnaire'],
        summary: 'Save one answer (autosave) with optimistic concurrency and idempotent retries',
        params: AnswerParamsSchema,
        body: SaveAnswerSchema,
        response: { 200: SaveAnswerResultSchema, ...errors },
      },
    },
    // saveAnswer takes the bulkhead itself: waiting saves are written together, one statement a batch.
    async (req) => {
      const saved = await saveAnswer(
        app.db,
        actor(req),
        req.params.id,
        req.params.questionCode,
        req.body,
        app.writeSlot,
      );
      app.appMetrics.saves.inc();
      // Pushed to the others with this response open (co-editing event streams, on every server).
      const { replayed, ...meta } = saved;
      if (!replayed) {
        app.coEdit.answerSaved(req.params.id, {
          ...meta,
          value: req.body.value,
          notApplicable: req.body.notApplicable,
          verification: 'self_reported',
          verificationReason: null,
          verificationComment: null,
        });
      }
      return saved;
    },
  );

  app.get(
    '/api/responses/:id/changes',
    {
      config: { access: READ },
      schema: {
        tags: ['questionnaire'],
        summary: 'Answers changed since a time, and who else is editing now',
        params: IdParamsSchema,
        querystring: ChangesQuerySchema,
        response: { 200: ChangesSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await loadReadable(app.db, principal, req.params.id);
      const now = new Date();
      const since = req.query.since ? new Date(req.query.since) : new Date(0);
      const [answers, others] = await Promise.all([
        repo.listAnswersSince(app.db, req.params.id, since),
        repo.listPresence(app.db, req.params.id, principal.userId, PRESENCE_TTL_SECONDS),
      ]);
      return {
        answers: answers.map(toStoredAnswer),
        others: others.map((o) => ({
          userId: o.user_id,
          name: o.display_name,
          pillarKey: o.pillar_key,
          seenAt: iso(o.seen_at) as string,
        })),
        now: now.toISOString(),
      };
    },
  );

  app.post(
    '/api/responses/:id/presence',
    {
      config: { access: ['respondent', 'cio'] },
      schema: {
        tags: ['questionnaire'],
        summary: 'Heartbeat: the caller is editing this response (and which pillar)',
        params: IdParamsSchema,
        body: PresenceBodySchema,
        response: { 200: PresenceResultSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      await loadReadable(app.db, principal, req.params.id);
      await repo.upsertPresence(app.db, req.params.id, principal.userId, req.body.pillarKey ?? null);
      app.coEdit.presenceChanged(req.params.id);
      return { ok: true as const, ttlSeconds: PRESENCE_TTL_SECONDS };
    },
  );

  app.post(
    '/api/responses/:id/submit',
    {
      config: { access: ['respondent', 'cio'] },
      schema: {
        tags: ['questionnaire'],
        summary:
          "Submit the response: checks completeness and evidence, stores the result snapshot. Where the cycle requires sign-off only the agency's CIO submits, accepting the declaration of accuracy",
        params: IdParamsSchema,
        body: SubmitRequestSchema,
        response: { 200: SubmitResultSchema, 422: IncompleteErrorSchema, ...errors },
      },
    },
    async (req) => submitResponse(app.db, actor(req), req.params.id, req.body),
  );

  app.post(
    '/api/responses/:id/ready-for-signoff',
    {
      config: { access: ['respondent', 'cio'] },
      schema: {
        tags: ['questionnaire'],
        summary: "Mark the complete questionnaire ready for the agency CIO's sign-off",
        params: IdParamsSchema,
        response: { 200: ResponseSummarySchema, 422: IncompleteErrorSchema, ...errors },
      },
    },
    async (req) => markReadyForSignoff(app.db, actor(req), req.params.id),
  );

  app.get(
    '/api/responses/:id/result',
    {
      config: { access: READ },
      schema: {
        tags: ['questionnaire'],
        summary: 'The current result snapshot, or a live preview before the first submission',
        params: IdParamsSchema,
        response: { 200: ResponseResultSchema, ...errors },
      },
    },
    async (req) => {
      const ctx = await loadReadable(app.db, requirePrincipal(req), req.params.id);
      const snap = await currentSnapshot(app.db, ctx.id);
      if (snap) {
        return {
          selfAssessed: snap.self_result as z.infer<typeof ResultSchema>,
          verified: snap.verified_result as z.infer<typeof ResultSchema>,
          revision: snap.revision,
          reason: snap.reason,
          createdAt: iso(snap.created_at),
          preview: false,
        };
      }
      const fw = await frameworkOf(app.db, ctx);
      const answers = toAnswerMap(await repo.listAnswers(app.db, ctx.id));
      const { selfAssessed, verified } = computeResults(fw.compiled, answers, { frameworkHash: ctx.framework_hash });
      return { selfAssessed, verified, revision: null, reason: null, createdAt: null, preview: true };
    },
  );

  app.get(
    '/api/responses/:id/export.xlsx',
    {
      config: { access: READ },
      schema: {
        tags: ['questionnaire'],
        summary: "The agency's answers as an Excel workbook",
        params: IdParamsSchema,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: BinaryFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = await loadReadable(app.db, requirePrincipal(req), req.params.id);
      const fw = await frameworkOf(app.db, ctx);
      const rows = await repo.listAnswers(app.db, ctx.id);
      const buf = await buildAnswersWorkbook(fw, { th: ctx.agency_name_th, en: ctx.agency_name_en }, rows);
      const name = `answers-${ctx.cycle_id}-${ctx.agency_id}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );
};
