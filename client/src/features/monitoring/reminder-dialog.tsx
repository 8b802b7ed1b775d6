// Date pickers' styles load with the screens that have one, not with the sign-in page.
import '@mantine/dates/styles.css';
import { formatDate } from '@dg/shared/domain/dates';
import { Alert, Button, Code, Fieldset, Group, List, Loader, Modal, Radio, Stack, Text } from '@mantine/core';
import { DateInput, TimePicker } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyOk, useLang } from '../../components/page-state';
import { dayInputProps } from '../../lib/thai-dates';
import { fromBangkokLocal } from './deadline-dialog';
import { type ReminderAudience, usePreviewReminders, useSendReminders } from './reminders-api';

/**
 * Reminding agencies by mail: whom (without a selection: non-submitters, those with returned items,
 * or both), the mail as the first agency receives it (Thai, then English), who is reminded and who
 * is left out and why (reminded recently, no account...), then send at once or at a chosen Bangkok
 * time (B.E. day in Thai). The mails go out in the background; the board follows them.
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
  const [audience, setAudience] = useState<ReminderAudience>('pending');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState('');
  useEffect(() => {
    if (!opened) return;
    setAudience('pending');
    setWhen('now');
    setDay(null);
    setTime('');
  }, [opened]);
  const request = agencyIds ? { agencyIds } : { audience };
  const preview = usePreviewReminders(cycleId, request, opened);
  const send = useSendReminders(cycleId);
  const p = preview.data;
  const skipped = p?.targets.filter((x) => x.skip) ?? [];
  const sendAt = when === 'later' && day && time ? fromBangkokLocal(`${day}T${time.slice(0, 5)}`) : null;
  const inPast = sendAt !== null && Date.parse(sendAt) <= Date.now();
  const timeMissing = when === 'later' && (!sendAt || inPast);

  const submit = async () => {
    try {
      const out = await send.mutateAsync({ ...request, sendAt: when === 'later' && sendAt ? sendAt : undefined });
      notifyOk(
        when === 'later'
          ? t('reminderSchedule.scheduled', { count: out.queued, when: formatDate(out.sendAt, lang, true) })
          : t('reminders.queued', { count: out.queued }),
      );
      onSent();
      onClose();
    } catch {
      // Shown in the dialog, above the buttons.
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
          {!agencyIds && (
            <Radio.Group
              label={t('reminderSchedule.audience')}
              value={audience}
              onChange={(v) => setAudience(v as ReminderAudience)}
            >
              <Group gap="md" mt={4}>
                {(['pending', 'not_submitted', 'returned'] as const).map((a) => (
                  <Radio key={a} value={a} label={t(`reminderSchedule.audiences.${a}`)} data-testid={`audience-${a}`} />
                ))}
              </Group>
            </Radio.Group>
          )}
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
          <Radio.Group label={t('reminderSchedule.when')} value={when} onChange={(v) => setWhen(v as 'now' | 'later')}>
            <Group gap="md" mt={4}>
              <Radio value="now" label={t('reminderSchedule.now')} data-testid="send-now" />
              <Radio value="later" label={t('reminderSchedule.later')} data-testid="send-later" />
            </Group>
          </Radio.Group>
          {when === 'later' && (
            <Fieldset variant="unstyled" legend={t('reminderSchedule.at')}>
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <DateInput
                  {...dayInputProps(lang)}
                  label={t('reminderSchedule.day')}
                  value={day}
                  onChange={setDay}
                  minDate={new Date()}
                  error={inPast ? t('reminderSchedule.past') : undefined}
                  data-testid="send-at-day"
                  flex={1}
                />
                <TimePicker
                  label={t('reminderSchedule.time')}
                  value={time}
                  onChange={setTime}
                  format="24h"
                  hoursInputLabel={`${t('reminderSchedule.time')} ${t('monitoring.extend.hours')}`}
                  minutesInputLabel={`${t('reminderSchedule.time')} ${t('monitoring.extend.minutes')}`}
                  error={inPast}
                  w={120}
                />
              </Group>
            </Fieldset>
          )}
          {send.isError && (
            <Alert color="red" role="alert">
              {errorMessage(send.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('reminders.cancel')}
            </Button>
            <Button
              onClick={() => void submit()}
              loading={send.isPending}
              disabled={p.toSend === 0 || timeMissing}
              data-testid="reminder-send"
            >
              {when === 'later'
                ? t('reminderSchedule.schedule', { count: p.toSend })
                : t('reminders.send', { count: p.toSend })}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
