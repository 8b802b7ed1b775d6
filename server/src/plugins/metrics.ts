import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMetrics from 'fastify-metrics';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { pgPoolOf } from '../db/database';
import type { Config } from './config';
import { sendError } from './errors';

/** Jobs waiting in the queue, if a queue is installed: it sets this provider (default none). */
export type JobQueueDepthProvider = () => Promise<number | Record<string, number>>;

export interface AppMetrics {
  registry: client.Registry;
  saves: client.Counter;
  shed: client.Counter;
  loginFailures: client.Counter;
  loginThrottled: client.Counter;
  loginAlerts: client.Counter<'subject'>;
  setJobQueueDepthProvider(provider: JobQueueDepthProvider | null): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    appMetrics: AppMetrics;
  }
}

/** Loopback, RFC 1918, CGNAT-free private ranges, IPv6 unique-local and link-local. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(ip) === 6) {
    const l = ip.toLowerCase();
    return l === '::1' || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe80:');
  }
  return false;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Prometheus metrics at /metrics: request rate, latency and errors per route PATTERN (fastify-metrics,
 * a histogram labelled method/route/status_code), Node process metrics, and the platform's own series.
 * Each app has its own registry, so several apps in one process (tests) do not collide.
 */
async function metricsPlugin(app: FastifyInstance, opts: { config: Config }) {
  const registry = new client.Registry();
  await app.register(fastifyMetrics, {
    endpoint: null,
    promClient: client,
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      routeBlacklist: ['/metrics'],
      overrides: {
        histogram: {
          registers: [registry],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        },
        // Created by the plugin even when disabled: keep it out of the process-wide registry.
        summary: { registers: [registry] },
      },
    },
  });

  const saves = new client.Counter({
    name: 'dg_answer_saves_total',
    help: 'Answers saved by autosave (rate() gives saves per second)',
    registers: [registry],
  });
  const shed = new client.Counter({
    name: 'dg_requests_shed_total',
    help: 'Requests refused with 503 because the event loop was overloaded (under-pressure)',
    registers: [registry],
  });
  const loginFailures = new client.Counter({
    name: 'dg_login_failures_total',
    help: 'Failed sign-in attempts',
    registers: [registry],
  });
  const loginThrottled = new client.Counter({
    name: 'dg_login_throttled_total',
    help: 'Sign-in attempts refused with 429 while an (account, address) pair waits out its slow-down',
    registers: [registry],
  });
  const loginAlerts = new client.Counter({
    name: 'dg_login_failure_alerts_total',
    help: 'Bursts of failed sign-ins reported to administrators, by subject (account or address)',
    labelNames: ['subject'] as const,
    registers: [registry],
  });

  const pool = pgPoolOf(app.db);
  new client.Gauge({
    name: 'dg_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting = queries queued for a connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new client.Gauge({
    name: 'dg_db_pool_max',
    help: 'Configured size of the PostgreSQL pool',
    registers: [registry],
    collect() {
      if (pool) this.set(pool.options.max ?? 0);
    },
  });

  let jobDepth: JobQueueDepthProvider | null = null;
  new client.Gauge({
    name: 'dg_job_queue_depth',
    help: 'Jobs waiting in the background job queue, by queue (absent when no queue is installed)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!jobDepth) return;
      try {
        const depth = await jobDepth();
        if (typeof depth === 'number') this.set({ queue: 'all' }, depth);
        else for (const [queue, n] of Object.entries(depth)) this.set({ queue }, n);
      } catch (err) {
        app.log.warn({ err }, 'job queue depth could not be read');
      }
    },
  });

  app.decorate('appMetrics', {
    registry,
    saves,
    shed,
    loginFailures,
    loginThrottled,
    loginAlerts,
    setJobQueueDepthProvider: (p: JobQueueDepthProvider | null) => {
      jobDepth = p;
    },
  });

  // With METRICS_TOKEN set, a scraper must present it. Without it, only loopback and private
  // addresses are answered, and never a request a proxy forwarded (it carries X-Forwarded-For):
  // a public request relayed by a reverse proxy on the private network must not see the metrics.
  const token = opts.config.METRICS_TOKEN;
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (token) {
      const header = req.headers.authorization ?? '';
      if (header.startsWith('Bearer ') && sameSecret(header.slice(7), token)) return;
      reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return sendError(reply, 401, 'UNAUTHENTICATED', 'A metrics token is required');
    }
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (!forwarded && isPrivateAddress(req.socket.remoteAddress ?? '')) return;
    return sendError(reply, 403, 'FORBIDDEN', 'Metrics are served to the private network or with METRICS_TOKEN');
  };
  app.get('/metrics', { onRequest: guard, schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['db'] });
