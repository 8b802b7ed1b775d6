import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '@dg/shared/domain/errors';
import type { Role } from '@dg/shared/schemas/auth';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from './config';

/** Who may call a route. Every /api route must declare one; the authorization matrix test relies on it. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface Principal {
  userId: number;
  email: string;
  role: Role;
  agencyId: number | null;
}

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
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; email: string; role: Role; agencyId: number | null };
    user: { sub: string; email: string; role: Role; agencyId: number | null };
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
    sign: { expiresIn: opts.config.ACCESS_TOKEN_TTL_SECONDS },
    // A respondent's browser autosaves with the same token for its whole life: verify its
    // signature once, then find it by its hash (expiry is still checked on every hit).
    verify: { cache: 20_000 },
  });
  app.decorateRequest('principal', null);
  app.decorate('routeAccess', [] as { method: string; url: string; access: Access }[]);

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
      try {
        const claims = app.jwt.verify<{ sub: string; email: string; role: Role; agencyId: number | null }>(
          header.slice(7),
        );
        request.principal = {
          userId: Number(claims.sub),
          email: claims.email,
          role: claims.role,
          agencyId: claims.agencyId,
        };
      } catch {
        if (access !== 'public') throw new DomainError('UNAUTHENTICATED', 'Access token is invalid or expired');
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
