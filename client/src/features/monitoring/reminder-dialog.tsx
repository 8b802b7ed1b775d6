import { formatDate } from '@dg/shared/domain/dates';
import { Alert, Button, Code, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyError, notifyOk, useLang } from '../../components/page-state';
import { usePreviewReminders, useSendReminders } from './reminders-api';

/**
 * Reminding agencies by mail: the mail as the first agency receives it (Thai, then English), who is
 * reminded and who is left out and why (reminded recently, no account...), then send. The mails go
 * out in the background; the board's "last reminded" column follows them.
 */
export function ReminderDialog({
  cycleId,
  agencyIds,
  opened,
  onClose,
  onSent,
}: {
  cycleId: number;
  /** The selected agencies; undefined: every agency not yet submitted. */
  agencyIds: number[] | undefined;
  opened: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const preview = usePreviewReminders(cycleId, { agencyIds }, opened);
  const send = useSendReminders(cycleId);
  const p = preview.data;
  const skipped = p?.targets.filter((x) => x.skip) ?? [];

  const submit = async () => {
    try {
      const out = await send.mutateAsync({ agencyIds });
      notifyOk(t('reminders.queued', { count: out.queued }));
      onSent();
      onClose();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('reminders.title')} size="xl">
      {preview.isPending ? (
        <Group role="status" gap="xs">
          <Loader size="sm" aria-hidden />
          <Text>{t('state.loading')}</Text>
        </Group>
      ) : preview.isError ? (
        <Alert color="red">{errorMessage(preview.error)}</Alert>
      ) : p ? (
        <Stack gap="sm">
          <Text data-testid="reminder-counts">{t('reminders.counts', { send: p.toSend, skipped: p.skipped })}</Text>
          <Text size="sm" c="dimmed">
            {t('reminders.interval', { hours: p.minIntervalHours })}
          </Text>
          {skipped.length > 0 && (
            <Alert color="yellow" title={t('reminders.skippedTitle', { count: skipped.length })}>
              <List size="sm" data-testid="reminder-skipped">
                {skipped.slice(0, 20).map((x) => (
                  <List.Item key={x.agencyId}>
                    {x.name[lang]} ({x.code}): {t(`reminders.reason.${x.skip?.reason ?? 'submitted'}`)}
                    {x.lastRemindedAt && ` · ${formatDate(x.lastRemindedAt, lang, true)}`}
                  </List.Item>
                ))}
              </List>
              {skipped.length > 20 && <Text size="sm">{t('reminders.more', { count: skipped.length - 20 })}</Text>}
            </Alert>
          )}
          <Text fw={600}>{t('reminders.subject')}</Text>
          <Text data-testid="reminder-subject">{p.subject}</Text>
          <Text fw={600}>{t('reminders.body')}</Text>
          <Code block data-testid="reminder-text" style={{ whiteSpace: 'pre-wrap' }}>
            {p.text}
          </Code>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('reminders.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={send.isPending} disabled={p.toSend === 0}>
              {t('reminders.send', { count: p.toSend })}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
