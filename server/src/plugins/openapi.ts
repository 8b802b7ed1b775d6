import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export interface RouteContract {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route's schemas as declared (the objects the OpenAPI document is generated from). */
    routeContracts: RouteContract[];
  }
}

async function openapiPlugin(app: FastifyInstance) {
  const contracts: RouteContract[] = [];
  app.decorate('routeContracts', contracts);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      contracts.push({ method, url: route.url, schema: route.schema as RouteContract['schema'] });
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Digital Government Readiness Survey API',
        description:
          'API of the DGA readiness survey platform. Every error has the body { error: { code, message, details } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}

export default fp(openapiPlugin, { name: 'openapi' });
