/** Loading, error, empty and access states shared by every staff page, and their notifications. */
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../lib/auth';
import { errorMessage as messageFor } from '../lib/error-message';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text c="dimmed">{t('state.loading')}</Text>
      </Stack>
    </Center>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('state.error')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{messageFor(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="lg" ta="center">
      {children}
    </Text>
  );
}

/** DGA pages: analysts read, admins also change. Everyone else sees why the page is empty. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  if (!ready) return <Loading />;
  if (!user) return <Alert color="blue">{t('admin.signInFirst')}</Alert>;
  if (user.role !== 'admin' && user.role !== 'analyst') return <Alert color="yellow">{t('admin.noAccess')}</Alert>;
  return <>{children}</>;
}

export const isAdmin = (role: string | undefined) => role === 'admin';

/**
 * What failed, in the reader's language, from the error's code and reason (lib/error-message.ts):
 * the server's own message is English, for logs and developers, never shown in the Thai UI.
 */
export const errorMessage = (e: unknown) => messageFor(e, i18n.t);

/** Filled dark shades keep badge text at WCAG AA contrast. */
export const STATUS_COLOR: Record<string, string> = {
  not_started: '#495057',
  in_progress: '#5c3c00',
  submitted: '#1c4f9c',
  returned: '#8a3b00',
  verified: '#1b5e20',
};

export const VERIFICATION_COLOR: Record<string, string> = {
  self_reported: '#495057',
  verified: '#1b5e20',
  rejected: '#a61e1e',
};

export const useLang = (): 'th' | 'en' => {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'th';
};

/** Notifications with a named close button (axe: button-name). */
export function notifyOk(message: string) {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': i18n.t('review.close') } });
}

/** A failed call (its message from its code), or a message the client already wrote in the reader's language. */
export function notifyError(e: unknown) {
  notifications.show({
    color: 'red',
    title: i18n.t('state.error'),
    message: typeof e === 'string' ? e : errorMessage(e),
    closeButtonProps: { 'aria-label': i18n.t('review.close') },
  });
}
