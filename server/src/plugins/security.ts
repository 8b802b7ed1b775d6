import path from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySensible from '@fastify/sensible';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { inlineScriptHashes } from '../lib/inline-scripts';
import { DEFAULT_CLIENT_DIST } from '../lib/paths';
import { SharedRateCounter } from '../lib/shared-rate-counter';
import type { Config } from './config';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route's own answer to load shedding (read by @fastify/under-pressure); undefined lets it run. */
    pressureHandler?: (request: FastifyRequest, reply: FastifyReply, type: string, value?: number) => void;
  }
}

/**
 * For probes (health, readiness): answered while the server sheds load, since an orchestrator
 * must read "busy" from their own body (see app.isUnderPressure()), not from a generic 503.
 */
export const answerWhileShedding = (): void => undefined;

async function securityPlugin(app: FastifyInstance, opts: { config: Config }) {
  await app.register(fastifySensible);
  // One helmet middleware for the process: @fastify/helmet builds a new one (and re-parses the
  // CSP) on every request, a measurable share of an autosave's CPU on deadline day.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and Mantine inject inline styles; scripts stay same-origin, and the page's own
        // inline script (the early session restore in index.html) is allowed by its hash only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: [
          "'self'",
          ...inlineScriptHashes(path.join(opts.config.CLIENT_DIST ?? DEFAULT_CLIENT_DIST, 'index.html')),
        ],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        // Evidence PDFs preview in a frame from a blob the app itself made (typed application/pdf).
        frameSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  // Shed load with 503 + Retry-After before the event loop drowns; the client backs off and retries.
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: opts.config.SHED_EVENT_LOOP_DELAY_MS,
    retryAfter: 5,
    // Returns the body for under-pressure to send, which then ends the request there: sending it here
    // and returning nothing would let the next hooks (sign-in checks) run and answer instead.
    // (The declared type says void; under-pressure sends a returned value and stops, see its handlePressure.)
    pressureHandler: ((req: FastifyRequest, reply: FastifyReply) => {
      app.appMetrics.shed.inc();
      reply.status(503).header('Retry-After', '5');
      return {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'The server is busy. Please retry in a few seconds.',
          requestId: String(req.id),
        },
      };
    }) as unknown as () => void,
  });
  // Counted per signed-in USER (an office behind one NAT address is many people) and per address
  // only where nobody is signed in; the counts are shared by all app servers through PostgreSQL.
  const counter = new SharedRateCounter(app.db, {
    onError: (err) => app.log.warn({ err }, 'rate-limit counters could not be synced'),
  });
  app.decorate('rateCounter', counter);
  counter.start();
  app.addHook('onClose', async () => counter.stop());
  const { RATE_LIMIT_PER_MINUTE: perAddress, USER_RATE_LIMIT_PER_MINUTE: perUser } = opts.config;
  await app.register(fastifyRateLimit, {
    timeWindow: '1 minute',
    store: sharedStore(counter),
    // Runs after the auth hook, so `principal` comes from a token whose signature was verified.
    keyGenerator: rateLimitKey,
    max: (_req: FastifyRequest, key: string) => (key.startsWith('u:') ? perUser : perAddress),
    allowList: (req) => !req.url.startsWith('/api/'),
  });
}

export function rateLimitKey(req: FastifyRequest): string {
  return req.principal ? `u:${req.principal.userId}` : `a:${req.ip}`;
}

type Callback = (err: Error | null, res: { current: number; ttl: number }) => void;

/** An @fastify/rate-limit store over the shared counter; a route with its own limit gets its own keys. */
function sharedStore(counter: SharedRateCounter, prefix = '') {
  return class SharedStore {
    incr(key: string, cb: Callback, timeWindow: number) {
      const { count, ttl } = counter.hit(prefix + key, timeWindow);
      cb(null, { current: count, ttl });
    }
    read(key: string, cb: Callback, timeWindow: number) {
      const { count, ttl } = counter.peek(prefix + key, timeWindow);
      cb(null, { current: count, ttl });
    }
    // Called with the route's merged limit settings (the declared type says route options).
    child(routeOptions: object) {
      const p = routeOptions as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
      const route = p.groupId ?? `${[p.routeInfo?.method ?? ''].flat().join(',')} ${p.routeInfo?.url ?? ''}`;
      return new (sharedStore(counter, `${route}|`))();
    }
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Shared request counters (tests flush them to see another server's counts at once). */
    rateCounter: SharedRateCounter;
  }
}

export default fp(securityPlugin, { name: 'security' });
