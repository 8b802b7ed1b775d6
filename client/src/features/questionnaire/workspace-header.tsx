import { formatDate, formatYear } from '@dg/shared/domain/dates';
import type { CycleSummary, ResponseDetail } from '@dg/shared/schemas/questionnaire';
import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowRight,
  IconCheck,
  IconClockX,
  IconFileSpreadsheet,
  IconMessage,
  IconPrinter,
  IconSend,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lang } from '../../components/questions/question-state';
import type { Comment, TrackQuestion } from './form-types';
import { downloadBlob } from './queries';
import { SaveIndicator } from './save-indicator';
import type { SaveQueue as SaveQueueT } from './save-queue';
import type { Submission } from './use-submission';

interface Props {
  cycle: CycleSummary;
  response: ResponseDetail['response'];
  queue: SaveQueueT;
  submission: Submission;
  nextUnanswered: TrackQuestion | undefined;
  generalComments: readonly Comment[];
  goTo(pillarKey: string, code?: string): void;
}

/** Title, status, actions and the notices above the questions. */
export function WorkspaceHeader({ cycle, response, queue, submission, nextUnanswered, generalComments, goTo }: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const responseId = response.id;
  const track = response.track;
  const editable = response.editable;
  const returned = response.status === 'returned';
  const { signoff, marksReady, submitting, remaining } = submission;
  // The server said no (editable false) and the reason is the clock, not the status or the cycle.
  const deadlinePassed =
    !editable &&
    cycle.status === 'open' &&
    response.status !== 'submitted' &&
    response.status !== 'verified' &&
    response.deadline !== null &&
    Date.parse(response.deadline) < Date.now();

  const downloadXlsx = async () => {
    try {
      await downloadBlob(
        `/api/responses/${responseId}/export.xlsx`,
        `dg-readiness-${formatYear(cycle.fiscalYear, lang)}-${responseId}.xlsx`,
      );
    } catch {
      notifications.show({
        closeButtonProps: { 'aria-label': t('questionnaire.close') },
        color: 'red',
        message: t('questionnaire.downloadFailed'),
      });
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Title order={2}>{t('questionnaire.title')}</Title>
          <Text fw={500} data-testid="agency-name">
            {response.agencyName[lang]}
          </Text>
          <Group gap="xs">
            <Badge variant="light" tt="none">
              {t('questionnaire.fiscalYear', { year: formatYear(cycle.fiscalYear, lang) })}
            </Badge>
            <Badge variant="outline" tt="none">
              {t(`questionnaire.track.${track}`)}
            </Badge>
            <Badge
              color={response.status === 'returned' ? 'red.8' : response.status === 'submitted' ? 'teal.9' : 'gray.7'}
              tt="none"
              data-testid="response-status"
            >
              {t(`questionnaire.status.${response.status}`)}
            </Badge>
            {response.deadline && (
              <Text size="sm" c="dimmed">
                {t('questionnaire.deadline', { date: formatDate(response.deadline, lang, true) })}
              </Text>
            )}
          </Group>
        </Stack>
        {/* Nothing is saved where nothing can be changed (a viewer, a submitted questionnaire). */}
        {editable && <SaveIndicator queue={queue} />}
      </Group>
      <Group gap="sm">
        {editable && (
          <Button
            variant="light"
            leftSection={<IconArrowRight size={16} aria-hidden />}
            disabled={!nextUnanswered}
            onClick={() => nextUnanswered && goTo(nextUnanswered.pillarKey, nextUnanswered.question.code)}
          >
            {nextUnanswered ? t('questionnaire.nextUnanswered') : t('questionnaire.allAnswered')}
          </Button>
        )}
        <Button
          variant="default"
          component={Link}
          to="/questionnaire/print"
          leftSection={<IconPrinter size={16} aria-hidden />}
        >
          {t('questionnaire.print.link')}
        </Button>
        <Button
          variant="default"
          onClick={() => void downloadXlsx()}
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          {t('questionnaire.xlsx')}
        </Button>
        {editable && (
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={submission.start}
            data-testid={marksReady ? 'mark-ready' : 'open-submit'}
            data-remaining={remaining}
            loading={submitting}
          >
            {remaining > 0
              ? t(marksReady ? 'questionnaire.submit.remainingReady' : 'questionnaire.submit.remaining', {
                  count: remaining,
                })
              : marksReady
                ? t('signoff.ready')
                : t('questionnaire.submit.button')}
          </Button>
        )}
      </Group>
      {signoff.required && editable && (
        <Alert color="blue" variant="light" data-testid="signoff-required">
          {t('signoff.requiredNotice')}
          {signoff.readyAt && (
            <Text size="sm" mt={4} data-testid="signoff-ready">
              {t('signoff.readyNotice', { name: signoff.readyBy ?? '', date: formatDate(signoff.readyAt, lang, true) })}
            </Text>
          )}
        </Alert>
      )}
      {signoff.declaredAt && (response.status === 'submitted' || response.status === 'verified') && (
        <Text size="sm" c="dimmed" data-testid="signoff-declared">
          {t('signoff.declaredNotice', {
            name: signoff.declaredBy ?? '',
            date: formatDate(signoff.declaredAt, lang, true),
          })}
        </Text>
      )}
      {response.status === 'submitted' || response.status === 'verified' ? (
        <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />} data-testid="submitted-notice">
          {t('questionnaire.submittedNotice', {
            date: response.submittedAt ? formatDate(response.submittedAt, lang, true) : '',
          })}
        </Alert>
      ) : deadlinePassed && response.deadline ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconClockX aria-hidden />}
          title={t('questionnaire.deadlinePassedTitle')}
          data-testid="deadline-passed"
        >
          {t('questionnaire.deadlinePassed', { date: formatDate(response.deadline, lang, true) })}
        </Alert>
      ) : !editable ? (
        <Alert color="gray" variant="light">
          {t('questionnaire.readOnly')}
        </Alert>
      ) : null}
      {returned && (
        <Alert color="red" variant="light" icon={<IconMessage aria-hidden />}>
          {t('questionnaire.returnedNotice')}
        </Alert>
      )}
      {generalComments.length > 0 && (
        <Alert color={returned ? 'red' : 'gray'} variant="light" title={t('questionnaire.comments.general')}>
          <Stack gap={4}>
            {generalComments.map((c) => (
              <Text key={c.id} size="sm">
                {c.comment}{' '}
                <Text span size="xs" c="dimmed">
                  — {c.author?.name ?? ''} · {formatDate(c.createdAt, lang)}
                </Text>
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
