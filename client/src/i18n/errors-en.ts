import type { ErrorReason } from '@dg/shared/domain/error-reasons';
import type { ErrorTexts } from './errors';

/** English of errors.ts, loaded with the rest of the English UI (i18n.ts). */
export const errorsEn: ErrorTexts = {
  VALIDATION_FAILED: 'Some of the data sent is not valid. Please check it and try again.',
  NOT_FOUND: 'Not found: it may have been removed, or you do not have access to it.',
  UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  CONFLICT: 'This was changed or already exists. Reload the page and try again.',
  STALE_REVISION: 'Someone else changed this answer first. Please check the latest answer.',
  INVALID_STATE: 'This cannot be done in the questionnaire’s current state.',
  DEADLINE_PASSED: 'The deadline has passed: answers can no longer be changed or submitted. Contact DGA to extend it.',
  RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
  ACCOUNT_LOCKED: 'The account is temporarily locked. Please wait and try again.',
  PAYLOAD_TOO_LARGE: 'The file or data is larger than allowed.',
  UNSUPPORTED_MEDIA_TYPE: 'This type of file is not accepted.',
  FRAMEWORK_INVALID: 'The framework is not valid.',
  SERVICE_UNAVAILABLE: 'The service is busy. Please try again in a moment.',
  STORAGE_FAILED: 'The file could not be stored. Please try again.',
  INCOMPLETE: 'The questionnaire is not complete.',
  IMPORT_INVALID: 'The import file is not valid.',
  IDEMPOTENCY_KEY_REUSED: 'This request repeats an earlier, different one. Please reload the page.',
  BAD_REQUEST: 'The request is not valid. Please check the data and try again.',
  METHOD_NOT_ALLOWED: 'This action is not available.',
  NOT_ACCEPTABLE: 'The server cannot answer in the format asked for.',
  INTERNAL_ERROR: 'Something went wrong on the server. Please try again later.',
  HTTP_ERROR: 'The server answered with an error. Please try again.',
  NETWORK: 'The server cannot be reached. Check the connection and try again.',
};

export const errorReasonsEn: Record<ErrorReason, string> = {
  link_invalid: 'This link is not valid. Check that the whole link was copied, or ask for a new one.',
  link_used:
    'This link has already been used. If you set a password, sign in; otherwise ask for a new link from "Forgot password".',
  link_revoked: 'This invitation was withdrawn. Contact your administrator or your agency’s CIO.',
  link_expired: 'This link has expired. Ask for a new one from "Forgot password", or contact your administrator.',
  password_common: 'This password is one of the most common and easy to guess. Choose another.',
  password_has_email: 'The password must not contain your email name.',
  account_exists:
    'An account with this email already exists. The person can set a new password from "Forgot password".',
  not_agency_cio: 'Only the agency’s CIO manages its people.',
  own_account: 'You cannot remove or restore your own account. Contact DGA.',
  cio_manages_only: 'A CIO manages only the agency’s coordinators and viewers.',
  user_not_found: 'This user is not in your agency.',
};
