import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from './db/database';
import coEditPlugin from './modules/co-editing/co-edit.plugin';
import jobsPlugin from './modules/jobs/jobs.plugin';
import { registerModules } from './modules/register';
import authPlugin from './plugins/auth';
import clientPlugin from './plugins/client';
import type { Config } from './plugins/config';
import dbPlugin from './plugins/db';
import errorsPlugin from './plugins/errors';
import httpCachePlugin from './plugins/http-cache';
import metricsPlugin from './plugins/metrics';
import openapiPlugin from './plugins/openapi';
import retentionPlugin from './plugins/retention';
import securityPlugin from './plugins/security';

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: boolean | object;
}

/** Builds the app without listening, so tests drive it with inject(). */
export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger ??
      (config.NODE_ENV === 'test'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          }),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  // Tags and 304s first (over the plain JSON), then compression of what is still sent. Both hooks
  // are global, so they are registered before every route and before the static files.
  await app.register(httpCachePlugin);
  await app.register(fastifyCompress, {
    global: true,
    // Below about 1 KB compression saves less than a packet and costs CPU on every save.
    threshold: 1024,
    encodings: ['br', 'gzip'],
  });
  await app.register(dbPlugin, {
    db: database.db,
    kind: database.kind,
    poolMax: database.poolMax,
    writeConcurrency: config.AUTOSAVE_CONCURRENCY,
  });
  await app.register(metricsPlugin, { config });
  await app.register(securityPlugin, { config });
  await app.register(openapiPlugin);
  await app.register(authPlugin, { config });
  await app.register(jobsPlugin, { config, database });
  await app.register(coEditPlugin, { config, database });
  await registerModules(app, config);
  await app.register(retentionPlugin, { config });
  await app.register(clientPlugin, { config });
  return app;
}
