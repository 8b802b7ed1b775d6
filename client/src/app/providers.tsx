// Mantine's styles for the components this app uses (and those they are built from), in the order
// of @mantine/core/styles.css: the whole sheet is a third larger, all of it on the sign-in page's
// first load. A component added to the app needs its line here (tests/unit/mantine-styles.test.ts).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/VisuallyHidden.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/FloatingIndicator.css';
import '@mantine/core/styles/Accordion.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Anchor.css';
import '@mantine/core/styles/AppShell.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Badge.css';
import '@mantine/core/styles/Burger.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Center.css';
import '@mantine/core/styles/Code.css';
import '@mantine/core/styles/Container.css';
import '@mantine/core/styles/Divider.css';
import '@mantine/core/styles/Drawer.css';
import '@mantine/core/styles/Fieldset.css';
import '@mantine/core/styles/Grid.css';
import '@mantine/core/styles/Image.css';
import '@mantine/core/styles/List.css';
import '@mantine/core/styles/LoadingOverlay.css';
import '@mantine/core/styles/Menu.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Pill.css';
import '@mantine/core/styles/PillsInput.css';
import '@mantine/core/styles/NavLink.css';
import '@mantine/core/styles/Notification.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/Pagination.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/Progress.css';
import '@mantine/core/styles/RadioIndicator.css';
import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/Tooltip.css';
import '@mantine/core/styles/SegmentedControl.css';
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Switch.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/ThemeIcon.css';
import '@mantine/core/styles/Timeline.css';
import '@mantine/core/styles/Title.css';
import '@mantine/notifications/styles.css';
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
