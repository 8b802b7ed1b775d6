import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link } from 'react-router';
import { AppLayout } from '../components/app-layout';
import { AgenciesPage } from '../features/admin/agencies-page';
import { CyclesPage } from '../features/admin/cycles-page';
import { FrameworkPreviewPage } from '../features/admin/framework-preview-page';
import { FrameworksPage } from '../features/admin/frameworks-page';
import { ItemExplorerPage } from '../features/analytics/items-page';
import { AnalyticsOverviewPage } from '../features/analytics/overview-page';
import { AuditPage } from '../features/audit/audit-page';
import { InvitePage } from '../features/auth/invite-page';
import { LoginPage } from '../features/auth/login-page';
import { HomePage } from '../features/home/home-page';
import { ImportPage } from '../features/imports/import-page';
import { MonitoringPage } from '../features/monitoring/monitoring-page';
import { QuestionnairePrintPage } from '../features/questionnaire/print-page';
import { QuestionnairePage } from '../features/questionnaire/questionnaire-page';
import { AgencyResultsPage, MyResultsPage } from '../features/results/results-page';
import { ReviewQueuePage } from '../features/review/review-queue-page';
import { ReviewResponsePage } from '../features/review/review-response-page';
import { UsersPage } from '../features/users/users-page';

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

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/questionnaire', element: <QuestionnairePage /> },
      { path: '/questionnaire/print', element: <QuestionnairePrintPage /> },
      { path: '/results', element: <MyResultsPage /> },
      { path: '/results/:cycleId/:agencyId', element: <AgencyResultsPage /> },
      { path: '/analytics', element: <AnalyticsOverviewPage /> },
      { path: '/analytics/items', element: <ItemExplorerPage /> },
      { path: '/review', element: <ReviewQueuePage /> },
      { path: '/review/:responseId', element: <ReviewResponsePage /> },
      { path: '/monitoring', element: <MonitoringPage /> },
      { path: '/invite/:token', element: <InvitePage /> },
      { path: '/admin/users', element: <UsersPage /> },
      { path: '/admin/cycles', element: <CyclesPage /> },
      { path: '/admin/frameworks', element: <FrameworksPage /> },
      { path: '/admin/frameworks/:id/preview', element: <FrameworkPreviewPage /> },
      { path: '/admin/agencies', element: <AgenciesPage /> },
      { path: '/admin/import', element: <ImportPage /> },
      { path: '/audit', element: <AuditPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
