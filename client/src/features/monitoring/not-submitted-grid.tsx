import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { Alert, Badge, Button, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataGrid, type GridColumn, useGridUrl } from '../../components/data-grid';
import { GridSearch, GridTrackSelect, gridQueryProps } from '../../components/grid-filters';
import { notifyError, STATUS_COLOR, useLang } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import { type NotSubmitted, saveFile, useNotSubmittedPage } from './api';
import { DeadlineDialog } from './deadline-dialog';
import { ReminderDialog } from './reminder-dialog';
import { latestByAgency, useReminderLog } from './reminders-api';
import { ScheduledReminders } from './scheduled-reminders';

const FILTERS = ['status', 'track'] as const;

/**
 * The agencies still to chase, as the shared data grid: a page at a time from the server, the view
 * (sort, filters, page) in the URL; selected rows are reminded together.
 */
export function NotSubmittedPanel({
  cycleId,
  fiscalYear,
  rows,
}: {
  cycleId: number;
  fiscalYear: number;
  rows: NotSubmitted[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const view = useGridUrl();
  const list = useNotSubmittedPage(cycleId, view.query(FILTERS).toString());
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [extending, setExtending] = useState<NotSubmitted | null>(null);
  const isAdmin = useAuth().user?.role === 'admin';
  const reminders = useReminderLog(cycleId);
  const lastReminder = useMemo(() => latestByAgency(reminders.data), [reminders.data]);
  const [selected, setSelected] = useState<RowSelectionState>({});
  const [reminding, setReminding] = useState<'all' | 'selected' | null>(null);

  const download = async (kind: 'csv' | 'xlsx') => {
    setBusy(kind);
    try {
      await saveFile(
        `/api/monitoring/cycles/${cycleId}/not-submitted.${kind}`,
        `not-submitted-${formatYear(fiscalYear, lang)}.${kind}`,
      );
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  const columns = useMemo<GridColumn<NotSubmitted>[]>(
    () => [
      {
        id: 'agency',
        header: t('monitoring.agency'),
        meta: { sortKey: 'code' },
        cell: ({ row: { original: r } }) => (
          <>
            <Text size="sm" fw={600}>
              {r.name[lang]}
            </Text>
            <Text size="xs" c="dimmed">
              {r.code} · {t(`review.tracks.${r.track}`)}
            </Text>
          </>
        ),
      },
      { id: 'ministry', header: t('monitoring.ministry'), cell: ({ row }) => row.original.ministry?.name[lang] ?? '–' },
      {
        id: 'status',
        header: t('monitoring.status'),
        cell: ({ row: { original: r } }) => (
          // The label keeps its full width: the narrow column cut it to "ยังไม่...".
          <Badge
            variant="filled"
            color={STATUS_COLOR[r.status]}
            autoContrast
            styles={{ label: { overflow: 'visible' } }}
          >
            {t(`review.statuses.${r.status}`)}
          </Badge>
        ),
      },
      {
        id: 'progress',
        header: t('monitoring.progress'),
        meta: { sortKey: 'progress' },
        cell: ({ row: { original: r } }) => (
          <Stack gap={2} miw={150}>
            <Text size="sm">
              {t('monitoring.progressValue', {
                answered: r.answered,
                required: r.required,
                percent: formatPercent(r.progress),
              })}
            </Text>
            <Progress
              value={r.progress ?? 0}
              size="sm"
              aria-label={`${r.code} ${t('monitoring.progress')} ${formatPercent(r.progress)}`}
            />
          </Stack>
        ),
      },
      {
        id: 'lastActivity',
        header: t('monitoring.lastActivity'),
        meta: { sortKey: 'lastActivity' },
        cell: ({ row: { original: r } }) =>
          r.lastActivityAt ? formatDate(r.lastActivityAt, lang, true) : t('monitoring.never'),
      },
      {
        id: 'deadline',
        header: t('monitoring.deadline'),
        meta: { sortKey: 'deadline' },
        cell: ({ row: { original: r } }) => (
          <>
            {r.deadline ? formatDate(r.deadline, lang, true) : '–'}
            {r.deadlineOverridden && (
              <Text size="xs" c="dimmed">
                {t('monitoring.overridden')}
              </Text>
            )}
            {isAdmin && (
              <Button
                size="compact-xs"
                variant="light"
                mt={4}
                display="block"
                onClick={() => setExtending(r)}
                aria-label={t('monitoring.extend.aria', { agency: `${r.name[lang]} (${r.code})` })}
                data-testid={`extend-${r.code}`}
              >
                {t('monitoring.extend.action')}
              </Button>
            )}
          </>
        ),
      },
      {
        id: 'lastReminded',
        header: t('reminders.lastReminded'),
        cell: ({ row: { original: r } }) => (
          <div data-testid={`last-reminded-${r.code}`}>
            <LastReminded at={lastReminder.get(r.agencyId)} />
          </div>
        ),
      },
    ],
    [t, lang, isAdmin, lastReminder],
  );
  const selectedIds = Object.keys(selected).map(Number);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="not-submitted-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h4" id="not-submitted-title">
          {t('monitoring.notSubmitted', { count: rows.length })}
        </Title>
        <Group gap="xs">
          {rows.length > 0 && (
            <Button size="sm" onClick={() => setReminding('all')} data-testid="remind-all">
              {t('reminders.remindAll')}
            </Button>
          )}
          <Button
            variant="default"
            size="sm"
            loading={busy === 'csv'}
            onClick={() => void download('csv')}
            data-testid="download-csv"
          >
            {t('monitoring.downloadCsv')}
          </Button>
          <Button
            variant="default"
            size="sm"
            loading={busy === 'xlsx'}
            onClick={() => void download('xlsx')}
            data-testid="download-xlsx"
          >
            {t('monitoring.downloadXlsx')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('monitoring.progressNote')}
      </Text>
      <ScheduledReminders cycleId={cycleId} log={reminders.data} />
      {rows.length === 0 ? (
        <Alert color="green">{t('monitoring.allSubmitted')}</Alert>
      ) : (
        <Stack gap="sm">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Select
              label={t('monitoring.status')}
              w={{ base: '100%', sm: 220 }}
              allowDeselect={false}
              value={view.get('status') ?? ''}
              onChange={(v) => view.set({ status: v || null })}
              data={[
                { value: '', label: t('review.allStatuses') },
                ...(['not_started', 'in_progress', 'returned'] as const).map((v) => ({
                  value: v,
                  label: t(`review.statuses.${v}`),
                })),
              ]}
            />
            <GridTrackSelect view={view} />
            <GridSearch view={view} />
          </Group>
          <DataGrid
            label={t('monitoring.notSubmitted', { count: rows.length })}
            view={view}
            columns={columns}
            {...gridQueryProps(list)}
            getRowId={(r) => String(r.agencyId)}
            rowTestId={(r) => `not-submitted-${r.code}`}
            empty={t('review.empty')}
            selection={{ selected, onChange: setSelected, rowLabel: (r) => `${r.name[lang]} (${r.code})` }}
            bulkActions={
              <Button size="sm" onClick={() => setReminding('selected')} data-testid="remind-selected">
                {t('reminders.remindSelected', { count: selectedIds.length })}
              </Button>
            }
            minWidth={1150}
            testId="not-submitted-table"
          />
        </Stack>
      )}
      <DeadlineDialog cycleId={cycleId} row={extending} onClose={() => setExtending(null)} />
      <ReminderDialog
        cycleId={cycleId}
        agencyIds={reminding === 'selected' ? selectedIds : undefined}
        opened={reminding !== null}
        onClose={() => setReminding(null)}
        onSent={() => setSelected({})}
      />
    </Paper>
  );
}

/** When the agency was last reminded (B.E. in Thai), and whether the mail reached it. */
function LastReminded({ at }: { at: ReturnType<ReturnType<typeof latestByAgency>['get']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!at) return <Text size="sm">{t('reminders.never')}</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">{formatDate(at.lastRemindedAt, lang, true)}</Text>
      <Text size="xs" c={at.status === 'failed' || at.status === 'no_recipient' ? 'red.8' : 'dimmed'}>
        {at.status === 'scheduled' && Date.parse(at.lastRemindedAt) > Date.now()
          ? t('reminderSchedule.scheduledStatus')
          : t(`reminders.status.${at.status}`)}
        {at.count > 1 ? ` · ${t('reminders.times', { count: at.count })}` : ''}
      </Text>
    </Stack>
  );
}
