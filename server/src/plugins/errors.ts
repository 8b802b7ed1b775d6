import { type ErrorCode, isDomainError } from '@dg/shared/domain/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  FRAMEWORK_INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_REVISION: 409,
  INVALID_STATE: 409,
  DEADLINE_PASSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  SERVICE_UNAVAILABLE: 503,
  STORAGE_FAILED: 507,
  INCOMPLETE: 422,
  IMPORT_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): FastifyReply {
  return reply.status(status).send({ error: { code, message, details, requestId: String(reply.request.id) } });
}

function zodDetails(err: FastifyError) {
  const context = (err as { validationContext?: string }).validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const segments = (v.instancePath ?? '').split('/').filter(Boolean);
    return { path: [context, ...segments].join('.'), message: v.message ?? 'invalid' };
  });
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isDomainError(err)) {
      const status = STATUS[err.code] ?? 400;
      if (status >= 500) request.log.warn({ err }, 'domain error');
      if (status === 503) reply.header('Retry-After', '5');
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (status === 429 && typeof wait === 'number') reply.header('Retry-After', String(wait));
      return sendError(reply, status, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = zodDetails(err);
      const first = details[0];
      const message = first ? `Invalid request: ${first.path}: ${first.message}` : 'Invalid request';
      return sendError(reply, 400, 'VALIDATION_FAILED', message, details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause }, 'response did not match its schema');
      return sendError(reply, 500, 'INTERNAL_ERROR', 'An unexpected error occurred. Please try again later.');
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      if (status === 429 && !reply.getHeader('retry-after')) reply.header('Retry-After', '60');
      return sendError(reply, status, code, err.message);
    }
    if (status === 503) {
      reply.header('Retry-After', reply.getHeader('retry-after') ?? '5');
      return sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The service is busy. Please retry shortly.');
    }
    // Database connectivity loss is retryable: say so rather than hiding it behind a generic 500.
    if (isConnectionError(err)) {
      request.log.error({ err }, 'database unavailable');
      reply.header('Retry-After', '5');
      return sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The database is temporarily unavailable. Please retry.');
    }
    // Input the route schema let through but the column cannot hold (an id beyond int4, a malformed
    // date): the client's mistake, not a server fault. Routes should still bound their inputs.
    const pgCode = (err as { code?: string }).code ?? '';
    // 22021/22P05: a NUL or otherwise unstorable character in text or JSON.
    if (['22003', '22P02', '22007', '22008', '22001', '22021', '22P05'].includes(pgCode)) {
      request.log.warn({ err }, 'input rejected by the database');
      return sendError(reply, 400, 'VALIDATION_FAILED', 'Invalid request: a value is out of range or malformed');
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL_ERROR', 'An unexpected error occurred. Please try again later.');
  });
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  const msg = (err as Error)?.message ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(
      code,
    ) ||
    // "not queryable": a statement (often the ROLLBACK) on a client whose connection already broke.
    /Connection terminated|connection is closed|terminating connection|not queryable|database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(
      msg,
    )
  );
}

export default fp(errorsPlugin, { name: 'errors' });
