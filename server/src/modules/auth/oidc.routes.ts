import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { NoContentSchema } from '@dg/shared/schemas/common';
import { AuthProvidersSchema, OidcCallbackQuerySchema, type SsoError } from '@dg/shared/schemas/sso';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import type { SecretBox } from '../../lib/secret-box';
import type { Config } from '../../plugins/config';
import { writeAudit } from '../audit/audit.repository';
import * as authRepo from './auth.repository';
import { type AuthContext, type IssuedSession, startSession } from './auth.service';
import { beginSecondFactor } from './mfa.service';

const STATE_COOKIE = 'dg_oidc';
const STATE_SECONDS = 600;

interface Helpers {
  config: Config;
  box: SecretBox;
  ctxFor(req: FastifyRequest): AuthContext;
  setCookie(reply: FastifyReply, issued: IssuedSession): void;
}

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  exp: number;
}

/**
 * Single sign-on with an OpenID Connect provider (authorization code + PKCE, state and nonce). It
 * signs in existing accounts only, matched by the provider's verified e-mail: accounts are still
 * made by invitation, and the second factor still applies to roles that require it.
 */
export function oidcRoutes(h: Helpers): FastifyPluginAsyncZod {
  return async (app) => {
    const { config } = h;
    const callbackUrl = `${config.PUBLIC_URL.replace(/\/$/, '')}/api/auth/oidc/callback`;
    let discovered: Promise<client.Configuration> | null = null;
    const provider = () => {
      if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
      discovered ??= client
        .discovery(
          new URL(config.OIDC_ISSUER),
          config.OIDC_CLIENT_ID,
          config.OIDC_CLIENT_SECRET,
          undefined,
          // Plain http only where configuration allows it: never in production (config.ts refuses it).
          config.OIDC_ISSUER.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((e) => {
          discovered = null;
          throw e;
        });
      return discovered;
    };
    const back = (reply: FastifyReply, error: SsoError) => reply.redirect(`/login?sso=${error}`, 303);

    app.get(
      '/api/auth/providers',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign-in methods offered besides password',
          response: { 200: AuthProvidersSchema },
        },
      },
      async () => ({ oidc: config.OIDC_ISSUER ? { label: config.OIDC_LABEL } : null }),
    );

    app.get(
      '/api/auth/oidc/start',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Go to the single sign-on provider (302); it comes back to /api/auth/oidc/callback',
          response: { 302: NoContentSchema, 303: NoContentSchema, 404: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const found = provider();
        if (!found) throw new DomainError('NOT_FOUND', 'Single sign-on is not configured');
        let oidc: client.Configuration;
        try {
          oidc = await found;
        } catch (err) {
          req.log.warn({ err }, 'OIDC discovery failed');
          return back(reply, 'failed');
        }
        const pending: PendingSignIn = {
          state: client.randomState(),
          nonce: client.randomNonce(),
          verifier: client.randomPKCECodeVerifier(),
          exp: Date.now() + STATE_SECONDS * 1000,
        };
        const url = client.buildAuthorizationUrl(oidc, {
          redirect_uri: callbackUrl,
          scope: 'openid email profile',
          state: pending.state,
          nonce: pending.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
          code_challenge_method: 'S256',
        });
        // Sealed, so neither read nor forged; Lax, as the provider sends the browser back cross-site.
        reply.setCookie(STATE_COOKIE, h.box.seal(JSON.stringify(pending)), {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.NODE_ENV === 'production',
          path: '/api/auth/oidc',
          maxAge: STATE_SECONDS,
        });
        return reply.redirect(url.href, 302);
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Where the provider sends the browser back; signs in and redirects to the app (303)',
          querystring: OidcCallbackQuerySchema,
          response: { 303: NoContentSchema },
        },
      },
      async (req, reply) => {
        const found = provider();
        const sealed = req.cookies[STATE_COOKIE];
        reply.clearCookie(STATE_COOKIE, { path: '/api/auth/oidc' });
        if (!found || !sealed) return back(reply, 'expired');
        let pending: PendingSignIn;
        try {
          pending = JSON.parse(h.box.open(sealed)) as PendingSignIn;
        } catch {
          return back(reply, 'expired');
        }
        if (pending.exp < Date.now()) return back(reply, 'expired');
        let claims: client.IDToken | undefined;
        try {
          const current = new URL(`${callbackUrl}${req.url.slice(req.url.indexOf('?'))}`);
          const tokens = await client.authorizationCodeGrant(await found, current, {
            pkceCodeVerifier: pending.verifier,
            expectedState: pending.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          });
          claims = tokens.claims();
          // Providers that follow the spec strictly put profile claims in UserInfo, not the ID token.
          if (claims && typeof claims.email !== 'string') {
            const info = await client.fetchUserInfo(await found, tokens.access_token, claims.sub);
            claims = { ...claims, email: info.email, email_verified: info.email_verified };
          }
        } catch (err) {
          req.log.warn({ err }, 'OIDC sign-in refused');
          return back(reply, 'failed');
        }
        const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : null;
        if (!email || claims?.email_verified !== true) return back(reply, 'unverified-email');
        const ctx = h.ctxFor(req);
        const user = await authRepo.findUserByEmail(app.db, email);
        if (!user || user.disabled_at) {
          await writeAudit(app.db, {
            actorEmail: email,
            ip: ctx.ip,
            action: 'auth.sso_refused',
            entityType: 'user',
            entityId: user?.id ?? null,
            meta: { reason: user ? 'disabled' : 'no-account', issuer: claims?.iss },
          });
          return back(reply, user ? 'disabled' : 'no-account');
        }
        const challenge = await beginSecondFactor(ctx, user);
        if (challenge) {
          // In the fragment: never sent to a server, never in an access log.
          return reply.redirect(
            `/login#mfa=${challenge.mfa}&challenge=${encodeURIComponent(challenge.challenge)}`,
            303,
          );
        }
        h.setCookie(reply, await startSession(ctx, user, 'oidc'));
        return reply.redirect('/', 303);
      },
    );
  };
}
