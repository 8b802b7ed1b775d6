import fastifyRateLimit from '@fastify/rate-limit';
import fastifySensible from '@fastify/sensible';
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { Config } from './config';
import { sendError } from './errors';

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
        // Swagger UI and Mantine inject inline styles; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
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
    pressureHandler: (_req, reply) => {
      reply.header('Retry-After', '5');
      void sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The server is busy. Please retry in a few seconds.');
    },
  });
  await app.register(fastifyRateLimit, {
    max: opts.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
  });
}

export default fp(securityPlugin, { name: 'security' });
