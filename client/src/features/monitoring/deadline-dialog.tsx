// Date pickers' styles load with the screens that have one, not with the sign-in page.
import '@mantine/dates/styles.css';
import { formatDate } from '@dg/shared/domain/dates';
import { Alert, Button, Fieldset, Group, Modal, Stack, Text } from '@mantine/core';
import { DateInput, TimePicker } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyOk, useLang } from '../../components/page-state';
import { dayInputProps } from '../../lib/thai-dates';
import { type NotSubmitted, useSetDeadline } from './api';

const BANGKOK_OFFSET_MS = 7 * 3_600_000;

/** "YYYY-MM-DDTHH:mm" as a wall clock in Bangkok (the survey's time zone, whatever the admin's browser says). */
export function toBangkokLocal(iso: string): string {
  return new Date(Date.parse(iso) + BANGKOK_OFFSET_MS).toISOString().slice(0, 16);
}
export function fromBangkokLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const ms = Date.parse(`${local}:00+07:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Extends (or removes the extension of) one agency's deadline. The day is typed or picked in the
 * reader's era (B.E. in Thai) and the time on a 24-hour clock, both as Bangkok wall-clock time.
 */
export function DeadlineDialog({
  cycleId,
  row,
  onClose,
}: {
  cycleId: number;
  row: NotSubmitted | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const setDeadline = useSetDeadline(cycleId);
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState('');
  const { reset } = setDeadline;

  useEffect(() => {
    if (!row) return;
    reset();
    const local = row.deadline ? toBangkokLocal(row.deadline) : '';
    setDay(local.slice(0, 10) || null);
    setTime(local.slice(11, 16));
  }, [row, reset]);

  const chosen = day && time ? fromBangkokLocal(`${day}T${time.slice(0, 5)}`) : null;
  const inPast = chosen !== null && Date.parse(chosen) <= Date.now();
  const agency = row ? `${row.name[lang]} (${row.code})` : '';

  const save = async (deadline: string | null) => {
    if (!row) return;
    try {
      await setDeadline.mutateAsync({ agencyId: row.agencyId, deadline });
      notifyOk(t('monitoring.extend.done', { agency }));
      onClose();
    } catch {
      // Shown in the dialog below.
    }
  };

  return (
    <Modal
      opened={row !== null}
      onClose={onClose}
      title={t('monitoring.extend.title')}
      centered
      closeButtonProps={{ 'aria-label': t('monitoring.extend.cancel') }}
    >
      {row && (
        <Stack>
          <Text fw={600}>{agency}</Text>
          {row.deadline && (
            <Text size="sm" c="dimmed">
              {t('monitoring.extend.current', { date: formatDate(row.deadline, lang, true) })}
            </Text>
          )}
          <Fieldset variant="unstyled" legend={t('monitoring.extend.field')}>
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <DateInput
                {...dayInputProps(lang)}
                label={t('monitoring.extend.date')}
                value={day}
                onChange={setDay}
                error={inPast ? t('monitoring.extend.past') : undefined}
                data-testid="deadline-input"
                flex={1}
              />
              <TimePicker
                label={t('monitoring.extend.time')}
                value={time}
                onChange={setTime}
                format="24h"
                // The visible label stays part of each box's name (WCAG 2.5.3).
                hoursInputLabel={`${t('monitoring.extend.time')} ${t('monitoring.extend.hours')}`}
                minutesInputLabel={`${t('monitoring.extend.time')} ${t('monitoring.extend.minutes')}`}
                error={inPast}
                w={120}
              />
            </Group>
          </Fieldset>
          {setDeadline.isError && (
            <Alert color="red" role="alert">
              {errorMessage(setDeadline.error)}
            </Alert>
          )}
          <Group justify="space-between">
            {row.deadlineOverridden ? (
              <Button variant="subtle" color="red" onClick={() => void save(null)} loading={setDeadline.isPending}>
                {t('monitoring.extend.clear')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('monitoring.extend.cancel')}
              </Button>
              <Button
                disabled={!chosen || inPast}
                loading={setDeadline.isPending}
                onClick={() => void save(chosen)}
                data-testid="deadline-save"
              >
                {t('monitoring.extend.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
