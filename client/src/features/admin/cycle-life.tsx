// Date pickers' styles load with the screens that have one, not with the sign-in page.
import '@mantine/dates/styles.css';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { AdminCycleSchema } from '@dg/shared/schemas/cycle-admin';
import type { Track } from '@dg/shared/schemas/framework';
import { AgencySummaryListSchema } from '@dg/shared/schemas/registry';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Switch } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyOk, useLang } from '../../components/page-state';
import { getJson, sendJson } from '../../lib/api';
import { dayInputProps } from '../../lib/thai-dates';
import { type AdminCycle, adminKeys, useFrameworks } from './api';

/** A calendar day as an instant in Bangkok (the survey's time zone): the start or the very end of that day. */
const dayStart = (day: string) => `${day}T00:00:00+07:00`;
const dayEnd = (day: string) => `${day}T23:59:59+07:00`;
const bangkokDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

function useActiveAgencies() {
  return useQuery({
    queryKey: ['admin', 'agencies', 'active-count'],
    queryFn: () => getJson('/api/agencies', AgencySummaryListSchema),
    select: (rows) => rows.filter((a) => a.active && a.mergedIntoId === null),
    staleTime: 60_000,
  });
}

/**
 * A new cycle from a framework: the fiscal year in the reader's era, the dates, the tracks invited
 * and whether the CIO signs off. What creating it does is said before the button is pressed.
 */
export function CreateCycleDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const frameworks = useFrameworks();
  const agencies = useActiveAgencies();
  const [year, setYear] = useState<number | string>('');
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [opens, setOpens] = useState<string | null>(null);
  const [closes, setCloses] = useState<string | null>(null);
  const [tracks, setTracks] = useState<string[]>(['department', 'province']);
  const [signoff, setSignoff] = useState(true);
  const create = useMutation({
    mutationFn: (body: object) => sendJson('/api/admin/cycles', AdminCycleSchema, body),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: adminKeys.cycles });
      notifyOk(t('season.cycle.created', { year: formatYear(c.fiscalYear, lang) }));
      onClose();
    },
  });
  const { reset } = create;
  useEffect(() => {
    if (opened) reset();
  }, [opened, reset]);

  // The year is typed in the reader's era: B.E. in Thai, C.E. in English.
  const typed = typeof year === 'number' ? year : Number.NaN;
  const ceYear = Number.isFinite(typed) ? (lang === 'th' ? typed - 543 : typed) : null;
  const framework = frameworks.data?.find((f) => String(f.id) === frameworkId);
  const invited = (agencies.data ?? []).filter((a) => tracks.includes(a.track)).length;
  const datesWrong = opens !== null && closes !== null && closes <= opens;
  const ready = ceYear !== null && ceYear >= 2000 && ceYear <= 2100 && framework && opens && closes && !datesWrong;

  const submit = () => {
    if (!ready || !opens || !closes || ceYear === null || !framework) return;
    create.mutate({
      fiscalYear: ceYear,
      frameworkId: framework.id,
      opensAt: dayStart(opens),
      closesAt: dayEnd(closes),
      tracks,
      signoffRequired: signoff,
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('season.cycle.createTitle')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      <Stack>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('season.cycle.year', { era: lang === 'th' ? 'พ.ศ.' : 'C.E.' })}
            value={year}
            onChange={setYear}
            min={lang === 'th' ? 2543 : 2000}
            max={lang === 'th' ? 2643 : 2100}
            allowDecimal={false}
            thousandSeparator={false}
            data-testid="cycle-year"
            miw={160}
          />
          <Select
            label={t('admin.cycles.framework')}
            data={(frameworks.data ?? []).map((f) => ({ value: String(f.id), label: `${f.code} · ${f.title[lang]}` }))}
            value={frameworkId}
            onChange={setFrameworkId}
            data-testid="cycle-framework"
            miw={220}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <DateInput
            {...dayInputProps(lang)}
            label={t('season.cycle.opens')}
            value={opens}
            onChange={setOpens}
            data-testid="cycle-opens"
            miw={160}
          />
          <DateInput
            {...dayInputProps(lang)}
            label={t('season.cycle.closes')}
            value={closes}
            onChange={setCloses}
            error={datesWrong ? t('season.cycle.closesAfter') : undefined}
            data-testid="cycle-closes"
            miw={160}
          />
        </Group>
        <Checkbox.Group label={t('season.cycle.tracks')} value={tracks} onChange={setTracks}>
          <Group mt={6}>
            {(['department', 'province'] as Track[]).map((tr) => (
              <Checkbox key={tr} value={tr} label={t(`season.cycle.track.${tr}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Switch
          label={t('season.cycle.signoff')}
          checked={signoff}
          onChange={(e) => setSignoff(e.currentTarget.checked)}
        />
        {ready && (
          <Alert color="blue" title={t('season.cycle.whatHappens')} data-testid="create-consequence">
            {t('season.cycle.createBody', {
              year: formatYear(ceYear, lang),
              framework: framework.code,
              n: invited.toLocaleString(lang),
              opens: formatDate(dayStart(opens), lang),
              closes: formatDate(dayEnd(closes), lang),
            })}
          </Alert>
        )}
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button onClick={submit} disabled={!ready || tracks.length === 0} loading={create.isPending}>
            {t('season.cycle.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Moves the closing date of the whole cycle; per-agency extensions stay on the monitoring board. */
export function ExtendCycleDialog({ cycle, onClose }: { cycle: AdminCycle | null; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [day, setDay] = useState<string | null>(null);
  const extend = useMutation({
    mutationFn: ({ id, closesAt }: { id: number; closesAt: string }) =>
      sendJson(`/api/admin/cycles/${id}`, AdminCycleSchema, { closesAt }, { method: 'PATCH' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.cycles });
      notifyOk(t('season.cycle.extended'));
      onClose();
    },
  });
  const { reset } = extend;
  useEffect(() => {
    if (!cycle) return;
    reset();
    setDay(cycle.closesAt ? bangkokDay(cycle.closesAt) : null);
  }, [cycle, reset]);
  const current = cycle?.closesAt ? bangkokDay(cycle.closesAt) : null;
  const notLater = day !== null && current !== null && day <= current;
  const pending = cycle ? cycle.counts.invited - cycle.counts.submitted : 0;

  return (
    <Modal
      opened={cycle !== null}
      onClose={onClose}
      title={t('season.cycle.extendTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {cycle && (
        <Stack>
          <DateInput
            {...dayInputProps(lang)}
            label={t('season.cycle.newCloses')}
            value={day}
            onChange={setDay}
            error={notLater ? t('season.cycle.later') : undefined}
            data-testid="extend-closes"
          />
          {day && !notLater && (
            <Alert color="blue" title={t('season.cycle.whatHappens')} data-testid="extend-consequence">
              {t('season.cycle.extendBody', {
                year: formatYear(cycle.fiscalYear, lang),
                old: cycle.closesAt ? formatDate(cycle.closesAt, lang) : '—',
                date: formatDate(dayEnd(day), lang),
                n: pending.toLocaleString(lang),
              })}
            </Alert>
          )}
          {extend.isError && (
            <Alert color="red" role="alert">
              {errorMessage(extend.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button
              disabled={!day || notLater}
              loading={extend.isPending}
              onClick={() => day && extend.mutate({ id: cycle.id, closesAt: dayEnd(day) })}
            >
              {t('season.cycle.extend')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
