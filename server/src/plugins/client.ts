import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_CLIENT_DIST } from '../lib/paths';
import type { Config } from './config';
import { sendError } from './errors';

/** Serves the built client and falls back to index.html so deep links work; /api stays JSON. */
async function clientPlugin(app: FastifyInstance, opts: { config: Config }) {
  const root = path.resolve(opts.config.CLIENT_DIST ?? DEFAULT_CLIENT_DIST);
  const hasClient = fs.existsSync(path.join(root, 'index.html'));
  if (hasClient) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // A missing asset (a file name with an extension) is a 404, never the HTML shell: browsers would
    // otherwise try to run index.html as a script.
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasClient || /\.[a-z0-9]+$/i.test(pathname)) {
      return sendError(reply, 404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

export default fp(clientPlugin, { name: 'client' });
