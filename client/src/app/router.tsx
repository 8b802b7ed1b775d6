import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, type RouteObject } from 'react-router';
import { AppLayout } from '../components/app-layout';
import { LoginPage } from '../features/auth/login-page';
import { HomePage } from '../features/home/home-page';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Title order={2}>{t('notFound')}</Title>
      <Text c="dimmed">404</Text>
      <Button component={Link} to="/">
        {t('backHome')}
      </Button>
    </Stack>
  );
}

/**
 * Every page but the first two is its own chunk, loaded when the route is first opened: a
 * respondent's browser never downloads the charts of the analytics pages.
 */
function page(load: () => Promise<Record<string, unknown>>, name: string): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => ({ Component: (await load())[name] as ComponentType }),
  };
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-label={t('state.loading')} />
    </Center>
  );
}

export const router = createBrowserRouter([
  // public (issue 21): published results without sign-in, outside the signed-in app shell
  {
    hydrateFallbackElement: <PageLoading />,
    children: [
      { path: '/public', ...page(() => import('../features/public-results/public-results-page'), 'PublicIndexPage') },
      {
        path: '/public/:year',
        ...page(() => import('../features/public-results/public-results-page'), 'PublicResultsPage'),
      },
    ],
  },
  {
    element: <AppLayout />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/login', element: <LoginPage /> },
      {
        path: '/questionnaire',
        ...page(() => import('../features/questionnaire/questionnaire-page'), 'QuestionnairePage'),
      },
      {
        path: '/questionnaire/print',
        ...page(() => import('../features/questionnaire/print-page'), 'QuestionnairePrintPage'),
      },
      { path: '/results', ...page(() => import('../features/results/results-page'), 'MyResultsPage') },
      {
        path: '/results/:cycleId/:agencyId',
        ...page(() => import('../features/results/results-page'), 'AgencyResultsPage'),
      },
      { path: '/analytics', ...page(() => import('../features/analytics/overview-page'), 'AnalyticsOverviewPage') },
      { path: '/analytics/items', ...page(() => import('../features/analytics/items-page'), 'ItemExplorerPage') },
      { path: '/review', ...page(() => import('../features/review/review-queue-page'), 'ReviewQueuePage') },
      {
        path: '/review/:responseId',
        ...page(() => import('../features/review/review-response-page'), 'ReviewResponsePage'),
      },
      { path: '/monitoring', ...page(() => import('../features/monitoring/monitoring-page'), 'MonitoringPage') },
      {
        path: '/agency/people',
        ...page(() => import('../features/agency/agency-people-page'), 'AgencyPeoplePage'),
      },
      {
        path: '/forgot-password',
        ...page(() => import('../features/auth/forgot-password-page'), 'ForgotPasswordPage'),
      },
      { path: '/invite/:token', ...page(() => import('../features/auth/invite-page'), 'InvitePage') },
      { path: '/account/security', ...page(() => import('../features/auth/security-page'), 'SecurityPage') },
      { path: '/admin/onboarding', ...page(() => import('../features/onboarding/onboarding-page'), 'OnboardingPage') },
      { path: '/admin/users', ...page(() => import('../features/users/users-page'), 'UsersPage') },
      { path: '/admin/cycles', ...page(() => import('../features/admin/cycles-page'), 'CyclesPage') },
      { path: '/admin/frameworks', ...page(() => import('../features/admin/frameworks-page'), 'FrameworksPage') },
      {
        path: '/admin/frameworks/:id/preview',
        ...page(() => import('../features/admin/framework-preview-page'), 'FrameworkPreviewPage'),
      },
      {
        path: '/admin/frameworks/:id/edit',
        ...page(() => import('../features/admin/framework-editor-page'), 'FrameworkEditorPage'),
      },
      {
        path: '/admin/frameworks/:id/changes',
        ...page(() => import('../features/admin/framework-changes-page'), 'FrameworkChangesPage'),
      },
      { path: '/admin/agencies', ...page(() => import('../features/admin/agencies-page'), 'AgenciesPage') },
      { path: '/admin/import', ...page(() => import('../features/imports/import-page'), 'ImportPage') },
      { path: '/admin/targets', ...page(() => import('../features/admin/targets-page'), 'TargetsAdminPage') },
      { path: '/audit', ...page(() => import('../features/audit/audit-page'), 'AuditPage') },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
