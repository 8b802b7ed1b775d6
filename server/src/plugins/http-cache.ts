import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Entity tags and conditional GETs for the API's reads (RFC 9110 sections 8.8.3 and 13.1.2).
 *
 * Every successful GET/HEAD under /api whose body is text gets a weak tag over its JSON (weak
 * because the bytes on the wire differ by Content-Encoding: compressed and plain copies are the
 * same representation, not byte-identical). A route may set its own tag first (the framework's
 * content hash); it is kept. If-None-Match is compared weakly against every tag in its list, and
 * `*` matches any current representation: a match answers 304 with no body.
 * Reads carry `private, no-cache` unless the route says otherwise: the browser keeps a copy but
 * asks each time, so an unchanged framework or result costs a 304, never a stale page. The one
 * exception is the framework asked for by its current hash (cycles.routes.ts), kept for a year.
 */

/** Splits an If-None-Match field into its entity tags (opaque tags may contain commas only quoted). */
export function parseEntityTags(field: string): string[] {
  return field.match(/(?:W\/)?"[^"]*"|\*/g) ?? [];
}

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** Weak comparison: equal opaque tags, whatever their W/ prefixes. */
export function ifNoneMatchMatches(field: string | undefined, etag: string): boolean {
  if (!field) return false;
  const tags = parseEntityTags(field);
  return tags.some((t) => t === '*' || opaque(t) === opaque(etag));
}

export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

function isCacheableRead(request: FastifyRequest, reply: FastifyReply): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    reply.statusCode === 200 &&
    request.url.startsWith('/api/') &&
    !(reply.getHeader('cache-control') ?? '').toString().includes('no-store')
  );
}

async function httpCachePlugin(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isCacheableRead(request, reply)) return payload;
    let etag = reply.getHeader('etag')?.toString();
    if (!etag) {
      if (!(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
      etag = weakEtag(payload);
      reply.header('etag', etag);
    }
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    // Responses differ by who asks; @fastify/compress adds Accept-Encoding. A route marks an answer
    // immutable only when it is every permitted reader's (the framework by its hash): varying it on
    // the token would make the browser ask again after every sign-in or refresh.
    if (!String(reply.getHeader('cache-control')).includes('immutable')) reply.header('vary', 'Authorization');
    if (ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      reply.removeHeader('content-type');
      return '';
    }
    return payload;
  });
}

export default fp(httpCachePlugin, { name: 'http-cache' });
