/**
 * Why an account or link request was refused, finer than the error code: the server puts one of
 * these in `details.reason` (or in each item of a details list), and the client shows its own
 * message for it in the user's language (client/src/i18n/errors.ts), never the server's English.
 */
export const ErrorReasons = [
  'link_invalid',
  'link_used',
  'link_revoked',
  'link_expired',
  'password_common',
  'password_has_email',
  'account_exists',
  'not_agency_cio',
  'own_account',
  'cio_manages_only',
  'user_not_found',
] as const;
export type ErrorReason = (typeof ErrorReasons)[number];

/** The reason a refusal carries, whether details is `{ reason }` or a list of `{ reason }` items. */
export function reasonOf(details: unknown): string | undefined {
  const first = Array.isArray(details) ? details[0] : details;
  const reason = (first as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
