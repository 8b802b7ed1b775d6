import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { FrameworkIdParamsSchema } from '@dg/shared/schemas/framework-authoring';
import {
  FrameworkTrialSchema,
  SaveTrialAnswersBodySchema,
  TrialDiscardResultSchema,
  TrialTrackParamsSchema,
} from '@dg/shared/schemas/framework-trial';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { discardTrial, getTrial, openTrial, saveTrialAnswers } from './framework-trial.service';
import type { FrameworkActor } from './frameworks.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};

/**
 * Trial runs of a draft framework: DGA staff answer it as a test department and a test province
 * (no agency account needed) and read the engine's levels, then discard everything before the
 * real cycle opens. Trials are stored apart from cycles and responses, so no aggregate counts them.
 */
export const frameworkTrialRoutes: FastifyPluginAsyncZod = async (app) => {
  const actor = (req: FastifyRequest): FrameworkActor => {
    const p = requirePrincipal(req);
    return { userId: p.userId, email: p.email, ip: req.ip };
  };
  const tags = ['frameworks'];

  app.post(
    '/api/frameworks/:id/trial',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Open a trial run of a draft framework (or return the one already open); never a real cycle',
        params: FrameworkIdParamsSchema,
        response: { 201: FrameworkTrialSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await openTrial(app.db, req.params.id, actor(req))),
  );

  app.get(
    '/api/frameworks/:id/trial',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: "The draft's trial run: each test agency's answers with the engine's levels and explanations",
        params: FrameworkIdParamsSchema,
        response: { 200: FrameworkTrialSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getTrial(app.db, req.params.id);
    },
  );

  app.put(
    '/api/frameworks/:id/trial/:track/answers',
    {
      config: { access: ['admin'] },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: "Replace the test agency's answers of one track (department or province) and score them",
        params: TrialTrackParamsSchema,
        body: SaveTrialAnswersBodySchema,
        response: { 200: FrameworkTrialSchema, ...errors },
      },
    },
    async (req) => saveTrialAnswers(app.db, req.params.id, req.params.track, req.body.answers, actor(req)),
  );

  app.delete(
    '/api/frameworks/:id/trial',
    {
      config: { access: ['admin'] },
      schema: {
        tags,
        summary: 'Discard the trial run and every test answer in it',
        params: FrameworkIdParamsSchema,
        response: { 200: TrialDiscardResultSchema, ...errors },
      },
    },
    async (req) => discardTrial(app.db, req.params.id, actor(req)),
  );
};
