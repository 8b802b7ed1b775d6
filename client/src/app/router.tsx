import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link } from 'react-router';
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

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
