import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '@dg/shared/domain/errors';
import { type Role, RoleSchema } from '@dg/shared/schemas/auth';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { pgUrlOf } from '../db/database';
import { findSessionStates, type SessionState } from '../modules/auth/auth.repository';
import { type Revocation, revocationBus } from '../modules/auth/revocation';
import { listenForRevocations } from '../modules/auth/revocation-listener';
import { batchedLoader, SessionCache } from '../modules/auth/session-cache';
import type { Config } from './config';

/** Who may call a route. Every /api route must declare one; the authorization matrix test relies on it. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface Principal {
  userId: number;
  email: string;
  role: Role;
  agencyId: number | null;
  /** The sign-in this request's access token belongs to. */
  sessionId: string;
}

/** The one algorithm access tokens are signed and accepted with; `none` and every other are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface AccessClaims {
  sub: string;
  email: string;
  role: Role;
  agencyId: number | null;
  /** Session id: the sign-in (refresh-token family), so signing out ends this token too. */
  sid: string;
  /** The user's token_version when issued: a role, agency, disabled or password change bumps it. */
  ver: number;
}

const ClaimsSchema = z.object({
  sub: z.string().regex(/^[1-9]\d*$/),
  email: z.string(),
  role: RoleSchema,
  agencyId: z.number().int().nullable(),
  sid: z.string().uuid(),
  ver: z.number().int(),
  exp: z.number(),
});

/** A token is good while its session is not revoked, its user not disabled, and its version current. */
export const sessionAccepts = (state: SessionState | null, claims: { sub: string; ver: number }): boolean =>
  state !== null &&
  !state.revoked &&
  !state.disabled &&
  state.userId === Number(claims.sub) &&
  state.version === claims.ver;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every /api route with its declared access rule, for the authorization matrix test and docs. */
    routeAccess: { method: string; url: string; access: Access }[];
    /** Session states cached for a few seconds; revocations (local and, on PostgreSQL, NOTIFY) clear them. */
    sessionCache: SessionCache;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

/** The embedded default keeps a generated secret in the data directory so tokens survive restarts. */
export function resolveJwtSecret(config: Config): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.dataDir, 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'Sign-in required');
  return request.principal;
}

async function authPlugin(app: FastifyInstance, opts: { config: Config }) {
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: resolveJwtSecret(opts.config),
    sign: { algorithm: ACCESS_TOKEN_ALGORITHM, expiresIn: opts.config.ACCESS_TOKEN_TTL_SECONDS },
    // A respondent's browser autosaves with the same token for its whole life: verify its
    // signature once, then find it by its hash (expiry is still checked on every hit). The cache
    // only spares the signature check: whether the session still stands is asked on every request.
    verify: { cache: 20_000, algorithms: [ACCESS_TOKEN_ALGORITHM], requiredClaims: ['exp', 'sub', 'sid', 'ver'] },
  });
  app.decorateRequest('principal', null);
  app.decorate('routeAccess', [] as { method: string; url: string; access: Access }[]);

  const sessions = new SessionCache(
    batchedLoader((ids) => findSessionStates(app.db, ids)),
    opts.config.SESSION_CACHE_MS,
  );
  app.decorate('sessionCache', sessions);
  const bus = revocationBus(app.db);
  const onRevocation = (r: Revocation) => sessions.invalidate(r);
  bus.on('revoked', onRevocation);
  const url = app.dbKind === 'postgres' ? pgUrlOf(app.db) : undefined;
  // Other app servers on this database revoke too: hear them through LISTEN/NOTIFY.
  const listener = url ? await listenForRevocations(url, onRevocation, () => sessions.clear(), app.log) : undefined;
  app.addHook('onClose', async () => {
    bus.off('revoked', onRevocation);
    await listener?.close();
  });

  /** The principal an access token stands for, or null when it is invalid, expired or revoked. */
  const principalOf = async (token: string): Promise<Principal | null> => {
    let claims: AccessClaims;
    try {
      const parsed = ClaimsSchema.safeParse(app.jwt.verify<AccessClaims>(token));
      if (!parsed.success) return null;
      claims = parsed.data;
    } catch {
      return null;
    }
    const state = await sessions.get(claims.sid);
    if (!sessionAccepts(state, claims)) return null;
    return {
      userId: Number(claims.sub),
      email: claims.email,
      role: claims.role,
      agencyId: claims.agencyId,
      sessionId: claims.sid,
    };
  };

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${route.method} ${url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeAccess.push({ method, url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await principalOf(header.slice(7));
      if (!request.principal && access !== 'public') {
        throw new DomainError('UNAUTHENTICATED', 'Access token is invalid, expired or its session has ended');
      }
    }
    if (access === 'public') return;
    if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'Sign-in required');
    if (access !== 'authenticated' && !access.includes(request.principal.role)) {
      throw new DomainError('FORBIDDEN', 'Your role may not perform this action');
    }
  });
}

export default fp(authPlugin, { name: 'auth' });
