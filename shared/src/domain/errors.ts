/**
 * Domain code throws coded errors; the server's one error handler maps the code to an HTTP status.
 * Keeping the mapping out of the domain lets the engine and schemas run in the browser too.
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'STALE_REVISION',
  'INVALID_STATE',
  'DEADLINE_PASSED',
  'RATE_LIMITED',
  'ACCOUNT_LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'FRAMEWORK_INVALID',
  'SERVICE_UNAVAILABLE',
  'STORAGE_FAILED',
  'INCOMPLETE',
  'IMPORT_INVALID',
  // An idempotency key sent again with a different request: refused, never replayed as the first.
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
