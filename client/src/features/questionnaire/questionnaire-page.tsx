import { pickCycle } from '@dg/shared/domain/current-cycle';
import { formatYear } from '@dg/shared/domain/dates';
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiRequestError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { errorMessage } from '../../lib/error-message';
import { useCycles, useFramework, useMyResponse } from './queries';
import { QuestionnaireWorkspace } from './workspace';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed">{t('state.loading')}</Text>
      </Stack>
    </Center>
  );
}

/** `what` names what failed to load ("the answers"): the reader knows which part to retry or report. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const { t } = useTranslation();
  const denied = error instanceof ApiRequestError && (error.status === 403 || error.status === 404);
  return (
    <Alert
      color={denied ? 'orange' : 'red'}
      role="alert"
      title={denied ? undefined : (what ?? t('state.error'))}
      maw={720}
      data-testid="error-state"
    >
      <Stack gap="sm" align="flex-start">
        <Text>{denied ? t('questionnaire.noAccess') : errorMessage(error, t)}</Text>
        {!denied && onRetry && (
          <Button size="xs" variant="light" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Loads the cycle, its framework and the agency's response; `children` decides what to show with them. */
export function useQuestionnaireData() {
  const { user, ready } = useAuth();
  const cycles = useCycles(Boolean(user));
  const cycle = cycles.data ? pickCycle(cycles.data) : null;
  const framework = useFramework(cycle);
  const detail = useMyResponse(cycle?.id);
  return { user, ready, cycles, cycle, framework, detail };
}

export function QuestionnairePage() {
  const { t, i18n } = useTranslation();
  const { user, ready, cycles, cycle, framework, detail } = useQuestionnaireData();
  if (!ready) return <LoadingState />;
  if (!user)
    return (
      <Stack align="flex-start">
        <Title order={2}>{t('questionnaire.title')}</Title>
        <Text>{t('questionnaire.notSignedIn')}</Text>
        <Button component={Link} to="/login">
          {t('auth.signIn')}
        </Button>
      </Stack>
    );
  if (cycles.isPending) return <LoadingState />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} />;
  if (!cycle)
    return (
      <Stack align="flex-start">
        <Title order={2}>{t('questionnaire.title')}</Title>
        <Alert color="gray">{t('questionnaire.noCycle')}</Alert>
      </Stack>
    );
  const err = framework.error ?? detail.error;
  if (err)
    return (
      <Stack align="flex-start">
        <Title order={2}>
          {t('questionnaire.title')} · {formatYear(cycle.fiscalYear, i18n.language === 'en' ? 'en' : 'th')}
        </Title>
        <ErrorState
          error={err}
          onRetry={() => {
            void framework.refetch();
            void detail.refetch();
          }}
        />
      </Stack>
    );
  if (!framework.data || !detail.data) return <LoadingState />;
  return (
    <QuestionnaireWorkspace
      key={detail.data.response.id}
      cycle={cycle}
      framework={framework.data.framework}
      hash={framework.data.hash}
      detail={detail.data}
    />
  );
}
