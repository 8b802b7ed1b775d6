import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_CLIENT_DIST } from '../lib/paths';
import type { Config } from './config';
import { sendError } from './errors';

/**
 * Vite names everything under assets/ by its content hash, so a file there never changes: browsers
 * keep it a year without asking. Everything else (index.html, which names the current hashes) is
 * revalidated on each load.
 */
export function cacheControlFor(root: string, filePath: string): string {
  const rel = path.relative(root, filePath).split(path.sep);
  return rel[0] === 'assets' && rel.length > 1 ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Serves the built client and falls back to index.html so deep links work; /api stays JSON. */
async function clientPlugin(app: FastifyInstance, opts: { config: Config }) {
  const root = path.resolve(opts.config.CLIENT_DIST ?? DEFAULT_CLIENT_DIST);
  const hasClient = fs.existsSync(path.join(root, 'index.html'));
  // Pages written at build beside index.html (client/vite.config.ts): the sign-in page with its form
  // as plain HTML, the questionnaire with its own chunks preloaded.
  const pages = new Map<string, string>();
  for (const [url, file] of [
    ['/login', 'login.html'],
    ['/questionnaire', 'questionnaire.html'],
  ]) {
    if (fs.existsSync(path.join(root, file as string))) pages.set(url as string, file as string);
  }
  if (hasClient) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      index: ['index.html'],
      // name.br / name.gz written at build (client/vite.config.ts), sent when the browser accepts them.
      preCompressed: true,
      // Source maps are not part of the production build; should one appear, it is not served.
      allowedPath: (pathname) => !pathname.endsWith('.map'),
      // Cache-Control is set below per file: the defaults (max-age=0) would override it.
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('cache-control', cacheControlFor(root, filePath)),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // A missing asset (a file name with an extension) is a 404, never the HTML shell: browsers would
    // otherwise try to run index.html as a script.
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasClient || /\.[a-z0-9]+$/i.test(pathname)) {
      return sendError(reply, 404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`);
    }
    const page = pages.get(pathname) ?? 'index.html';
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile(page);
  });
}

export default fp(clientPlugin, { name: 'client' });
