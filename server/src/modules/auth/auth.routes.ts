import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { LoginRequestSchema, SessionUserSchema } from '@dg/shared/schemas/auth';
import { NoContentSchema } from '@dg/shared/schemas/common';
import { LoginResponseSchema } from '@dg/shared/schemas/mfa';
import { RefreshRequestSchema, RefreshResponseSchema } from '@dg/shared/schemas/session-start';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createMailer } from '../../lib/mailer';
import { SecretBox } from '../../lib/secret-box';
import { requirePrincipal, resolveJwtSecret } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { questionnaireStart } from '../responses/questionnaire-start';
import * as repo from './auth.repository';
import { type AuthContext, type IssuedSession, login, logout, refresh } from './auth.service';
import { LoginGuard } from './login-guard';
import { mfaRoutes } from './mfa.routes';
import type { MfaSettings } from './mfa.service';
import { oidcRoutes } from './oidc.routes';

export const REFRESH_COOKIE = 'dg_refresh';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 429: ApiErrorSchema };

export function authRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const guard = new LoginGuard(app.db, {
      maxBackoffSeconds: config.LOGIN_BACKOFF_MAX_SECONDS,
      alertThreshold: config.LOGIN_ALERT_THRESHOLD,
      log: app.log,
      mailer: createMailer(config.SMTP_URL, config.MAIL_FROM),
      metrics: {
        failures: app.appMetrics.loginFailures,
        throttled: app.appMetrics.loginThrottled,
        alerts: app.appMetrics.loginAlerts,
      },
    });
    const serverSecret = resolveJwtSecret(config);
    const mfa: MfaSettings = {
      requiredRoles: config.MFA_REQUIRED_ROLES,
      box: new SecretBox(serverSecret, 'totp-secret'),
      issuer: 'DGA Readiness Survey',
    };
    const ctxFor = (req: FastifyRequest): AuthContext => ({
      mfa,
      db: app.db,
      signAccess: (payload) => app.jwt.sign(payload),
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    });
    const setCookie = (reply: FastifyReply, issued: IssuedSession) =>
      reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.NODE_ENV === 'production',
        path: '/api/auth',
        expires: issued.refreshExpiresAt,
      });
    const clearCookie = (reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
    /**
     * CSRF defence in depth for the two cookie-authenticated routes (the cookie is also
     * SameSite=strict): a browser request from another site carries its Origin and is refused.
     * Development also accepts the page's own origin (the Vite dev server proxies /api).
     */
    const publicOrigin = new URL(config.PUBLIC_URL).origin;
    const sameOriginOnly = async (req: FastifyRequest) => {
      const origin = req.headers.origin;
      const fetchSite = req.headers['sec-fetch-site'];
      const own = config.NODE_ENV !== 'production' && origin === `${req.protocol}://${req.host}`;
      if ((origin !== undefined && origin !== publicOrigin && !own) || fetchSite === 'cross-site') {
        throw new DomainError('FORBIDDEN', 'Cross-site request refused');
      }
    };

    app.post(
      '/api/auth/login',
      {
        config: {
          access: 'public',
          // Per address; per (account, address) the guard slows repeated failures down.
          rateLimit: {
            max: config.LOGIN_RATE_LIMIT_PER_MINUTE,
            timeWindow: '1 minute',
            errorResponseBuilder: (_req, ctx) => ({
              statusCode: 429,
              message: `Too many sign-in attempts from this address. Try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`,
            }),
          },
        },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password',
          body: LoginRequestSchema,
          response: { 200: LoginResponseSchema, ...errors },
        },
      },
      async (req, reply) => {
        const outcome = await login({ ...ctxFor(req), guard }, req.body.email, req.body.password);
        if ('mfa' in outcome) return outcome;
        setCookie(reply, outcome);
        return outcome.session;
      },
    );

    app.post(
      '/api/auth/refresh',
      {
        config: { access: 'public' },
        onRequest: sameOriginOnly,
        schema: {
          tags: ['auth'],
          summary:
            'Rotate the refresh cookie and get a new access token (with `resume: "questionnaire"`, also the questionnaire\'s first reads)',
          body: RefreshRequestSchema,
          response: { 200: RefreshResponseSchema, 403: ApiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        let issued: IssuedSession;
        try {
          issued = await refresh(ctxFor(req), req.cookies[REFRESH_COOKIE]);
          setCookie(reply, issued);
        } catch (e) {
          clearCookie(reply);
          throw e;
        }
        if (req.body?.resume !== 'questionnaire') return issued.session;
        try {
          return { ...issued.session, questionnaire: await questionnaireStart(app.db, issued.principal) };
        } catch (err) {
          // The cookie is rotated already: the session must reach the browser. The page reads
          // what is missing itself, with its own error states.
          req.log.warn({ err }, 'questionnaire start left out of a session refresh');
          return issued.session;
        }
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public' },
        onRequest: sameOriginOnly,
        schema: {
          tags: ['auth'],
          summary: 'Sign out and revoke the session',
          response: { 204: NoContentSchema, 403: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const p = req.principal;
        await logout(
          ctxFor(req),
          req.cookies[REFRESH_COOKIE],
          p ? { sessionId: p.sessionId, userId: p.userId } : undefined,
        );
        clearCookie(reply);
        return reply.status(204).send(null);
      },
    );

    await app.register(mfaRoutes({ ctxFor, setCookie, guard, rateLimitPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE }));
    await app.register(oidcRoutes({ config, box: new SecretBox(serverSecret, 'oidc-state'), ctxFor, setCookie }));

    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user',
          response: { 200: SessionUserSchema, 401: ApiErrorSchema },
        },
      },
      async (req) => {
        const p = requirePrincipal(req);
        const user = await repo.findUserById(app.db, p.userId);
        if (!user) throw app.httpErrors.unauthorized();
        const agency = user.agency_id ? await repo.agencyName(app.db, user.agency_id) : undefined;
        return {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          role: user.role,
          agencyId: user.agency_id,
          agencyName: agency ? { th: agency.name_th, en: agency.name_en } : null,
        };
      },
    );
  };
}
