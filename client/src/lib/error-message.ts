import { reasonOf } from '@dg/shared/domain/error-reasons';
import type { TFunction } from 'i18next';
import { ApiRequestError } from './api';

/**
 * What to tell the user about a failed call, in their language, from the error's code: the
 * server's own message is English and for logs and developers, never shown in the Thai UI.
 */
export function errorMessage(e: unknown, t: TFunction): string {
  if (e instanceof ApiRequestError) {
    const reason = reasonOf(e.details);
    if (reason && t(`errorReasons.${reason}`, { defaultValue: '' })) return t(`errorReasons.${reason}`);
    if (t(`errors.${e.code}`, { defaultValue: '' })) return t(`errors.${e.code}`);
    return t('errors.HTTP_ERROR');
  }
  // fetch rejects with a TypeError when there is no answer at all.
  if (e instanceof TypeError) return t('errors.NETWORK');
  return t('state.error');
}
