import { formatDate } from '@dg/shared/domain/dates';
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifyError, notifyOk, useLang } from '../../components/page-state';
import { type ReminderLog, useCancelSending } from './reminders-api';

/**
 * Sendings of reminders scheduled for later that have not gone yet: when, to how many agencies, by
 * whom, each cancellable until its time (the server refuses once the mails have gone).
 */
export function ScheduledReminders({ cycleId, log }: { cycleId: number; log: ReminderLog | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const cancel = useCancelSending(cycleId);
  const pending = log?.pending ?? [];
  if (pending.length === 0) return null;

  const onCancel = async (jobId: string) => {
    try {
      const out = await cancel.mutateAsync(jobId);
      notifyOk(t('reminderSchedule.cancelled', { count: out.cancelled }));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Alert color="blue" title={t('reminderSchedule.pendingTitle', { count: pending.length })} mb="sm">
      <List size="sm" spacing="xs" data-testid="scheduled-reminders">
        {pending.map((p) => {
          const when = formatDate(p.scheduledFor, lang, true);
          return (
            <List.Item key={p.jobId} data-testid="scheduled-reminder">
              <Group gap="sm" wrap="wrap">
                <Text size="sm">
                  {t('reminderSchedule.pendingItem', { when, count: p.count, by: p.createdBy?.name ?? '—' })}
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  loading={cancel.isPending && cancel.variables === p.jobId}
                  onClick={() => void onCancel(p.jobId)}
                  aria-label={t('reminderSchedule.cancelLabel', { when })}
                >
                  {t('reminderSchedule.cancel')}
                </Button>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
