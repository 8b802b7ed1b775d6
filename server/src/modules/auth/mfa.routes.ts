import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { SessionSchema } from '@dg/shared/schemas/auth';
import { NoContentSchema } from '@dg/shared/schemas/common';
import {
  MfaChallengeRequestSchema,
  MfaConfirmRequestSchema,
  MfaEnrolledSessionSchema,
  MfaRecoveryCodesSchema,
  MfaSetupSchema,
  MfaStatusSchema,
  MfaUserParamsSchema,
  MfaVerifyRequestSchema,
} from '@dg/shared/schemas/mfa';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import * as authRepo from './auth.repository';
import { type AuthContext, type IssuedSession, startSession } from './auth.service';
import type { LoginGuard } from './login-guard';
import * as mfa from './mfa.service';
import { announceRevocation } from './revocation';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  409: ApiErrorSchema,
  429: ApiErrorSchema,
};

interface Helpers {
  ctxFor(req: FastifyRequest): AuthContext;
  setCookie(reply: FastifyReply, issued: IssuedSession): void;
  guard: LoginGuard;
  rateLimitPerMinute: number;
}

/** The second factor: answering the sign-in challenge, enrolment, and a user's own settings. */
export function mfaRoutes(h: Helpers): FastifyPluginAsyncZod {
  return async (app) => {
    const findUser = (id: number) => authRepo.findUserById(app.db, id);
    const signedInUser = async (req: FastifyRequest) => {
      const user = await findUser(requirePrincipal(req).userId);
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign-in required');
      return user;
    };
    // Codes are guessable in a million tries: these answer at the sign-in rate, per address.
    const limited = { rateLimit: { max: h.rateLimitPerMinute, timeWindow: '1 minute' } };

    app.post(
      '/api/auth/mfa/verify',
      {
        config: { access: 'public', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'Answer the sign-in challenge with an authenticator or recovery code',
          body: MfaVerifyRequestSchema,
          response: { 200: SessionSchema, ...errors },
        },
      },
      async (req, reply) => {
        const ctx = h.ctxFor(req);
        const { user, via } = await mfa.answerChallenge(ctx, req.body.challenge, req.body.code, 'verify', findUser);
        const issued = await startSession(ctx, user, via === 'recovery' ? 'mfa-recovery-code' : 'mfa-totp');
        h.setCookie(reply, issued);
        return issued.session;
      },
    );

    app.post(
      '/api/auth/mfa/enrol/start',
      {
        config: { access: 'public', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'During sign-in, get a new authenticator secret (roles that require a second factor)',
          body: MfaChallengeRequestSchema,
          response: { 200: MfaSetupSchema, ...errors },
        },
      },
      async (req) => mfa.setupFromChallenge(h.ctxFor(req), req.body.challenge, findUser),
    );

    app.post(
      '/api/auth/mfa/enrol/finish',
      {
        config: { access: 'public', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'During sign-in, confirm the authenticator with a code; returns the session and recovery codes',
          body: MfaVerifyRequestSchema,
          response: { 200: MfaEnrolledSessionSchema, ...errors },
        },
      },
      async (req, reply) => {
        const ctx = h.ctxFor(req);
        const { user } = await mfa.answerChallenge(ctx, req.body.challenge, req.body.code, 'enrol', findUser);
        const recoveryCodes = await mfa.completeEnrolment(ctx, user);
        const issued = await startSession(ctx, user, 'mfa-enrolled');
        h.setCookie(reply, issued);
        return { ...issued.session, recoveryCodes };
      },
    );

    app.get(
      '/api/auth/mfa',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'My second factor', response: { 200: MfaStatusSchema, ...errors } },
      },
      async (req) => mfa.status(h.ctxFor(req), await signedInUser(req)),
    );

    app.post(
      '/api/auth/mfa/setup',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Start setting up an authenticator',
          response: { 200: MfaSetupSchema, ...errors },
        },
      },
      async (req) => mfa.setup(h.ctxFor(req), await signedInUser(req)),
    );

    app.post(
      '/api/auth/mfa/confirm',
      {
        config: { access: 'authenticated', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the authenticator with a code; returns recovery codes (shown once)',
          body: MfaConfirmRequestSchema,
          response: { 200: MfaRecoveryCodesSchema, ...errors },
        },
      },
      async (req) => ({ recoveryCodes: await mfa.confirm(h.ctxFor(req), await signedInUser(req), req.body.code) }),
    );

    app.post(
      '/api/auth/mfa/recovery-codes',
      {
        config: { access: 'authenticated', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'Replace the recovery codes (needs a current authenticator code)',
          body: MfaConfirmRequestSchema,
          response: { 200: MfaRecoveryCodesSchema, ...errors },
        },
      },
      async (req) => ({
        recoveryCodes: await mfa.regenerateRecoveryCodes(h.ctxFor(req), await signedInUser(req), req.body.code),
      }),
    );

    app.post(
      '/api/auth/mfa/disable',
      {
        config: { access: 'authenticated', ...limited },
        schema: {
          tags: ['auth'],
          summary: 'Turn the second factor off (not for roles that require it)',
          body: MfaConfirmRequestSchema,
          response: { 204: NoContentSchema, ...errors },
        },
      },
      async (req, reply) => {
        await mfa.disable(h.ctxFor(req), await signedInUser(req), req.body.code);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/admin/users/:id/mfa',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: "Clear a user's second factor (lost device); ends their sessions",
          params: MfaUserParamsSchema,
          response: { 204: NoContentSchema, 404: ApiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const target = await findUser(req.params.id);
        if (!target) throw new DomainError('NOT_FOUND', `User ${req.params.id} not found`);
        await mfa.adminReset({ ...h.ctxFor(req), actorId: requirePrincipal(req).userId }, target);
        announceRevocation(app.db, { userId: target.id });
        return reply.status(204).send(null);
      },
    );
  };
}
