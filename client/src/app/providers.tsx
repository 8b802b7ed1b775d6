import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import './fonts.css';
import '../i18n/i18n';
// Loads dayjs's Thai locale and Buddhist Era format before any date field renders.
import '../lib/thai-dates';
import { type CSSVariablesResolver, MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../lib/api';
import { AuthProvider } from '../lib/auth';
import { theme } from './theme';

// Mantine's default dimmed and placeholder greys fail WCAG AA contrast on our tinted background
// (axe flagged the file input's placeholder on /admin/import).
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#4f5965', '--mantine-color-placeholder': '#5b6470' },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Server errors, and 429 (a user past their per-minute budget), are retried; other 4xx are final.
      retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500 && err.status !== 429) && count < 2,
      // Like the autosave queue: wait as long as the server's Retry-After says (429 and 503).
      retryDelay: (count, err) =>
        err instanceof ApiRequestError && err.retryAfter ? err.retryAfter * 1000 : Math.min(1000 * 2 ** count, 30_000),
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // Every dialog and notification close button gets a name in the current language (WCAG 4.1.2),
  // not only the ones whose authors remembered to pass one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the label follows the language
  const localized = useMemo(() => {
    const closeButtonProps = { 'aria-label': t('state.close') };
    return mergeThemeOverrides(theme, {
      components: {
        Modal: { defaultProps: { closeButtonProps } },
        Drawer: { defaultProps: { closeButtonProps } },
        Notification: { defaultProps: { closeButtonProps } },
      },
    });
  }, [i18n.language, t]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver}>
      {/* Thai wall calendars start the week on Sunday (อาทิตย์); English keeps Mantine's Monday. */}
      <DatesProvider
        settings={i18n.language === 'en' ? { locale: 'en', firstDayOfWeek: 1 } : { locale: 'th', firstDayOfWeek: 0 }}
      >
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>{children}</AuthProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
