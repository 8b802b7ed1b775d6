import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CyclePicker, useCyclePick } from '../../components/cycle-picker';
import { DataGrid, type GridColumn, useGridUrl } from '../../components/data-grid';
import { LoadError, Loading, notifyError, STATUS_COLOR, StaffOnly, useLang } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import {
  type NotSubmitted,
  type RateRow,
  saveFile,
  useBoard,
  useMyJobs,
  useNotSubmittedPage,
  useReportJob,
  useStartReportsZip,
} from './api';
import { DeadlineDialog } from './deadline-dialog';
import { ReminderDialog } from './reminder-dialog';
import { latestByAgency, useReminderLog } from './reminders-api';
import { TrendChart } from './trend-chart';

export function MonitoringPage() {
  return (
    <StaffOnly>
      <MonitoringContent />
    </StaffOnly>
  );
}

function MonitoringContent() {
  const { t } = useTranslation();
  const { cycles, sorted, cycleId, choose } = useCyclePick();

  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <LoadError error={cycles.error} onRetry={() => void cycles.refetch()} />;

  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <Title order={2}>{t('monitoring.title')}</Title>
        <Text c="dimmed">{t('monitoring.intro')}</Text>
      </Stack>
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('review.noCycle')}</Text>
      ) : (
        <>
          <CyclePicker label={t('monitoring.cycle')} cycles={sorted} value={cycleId} onChange={choose} />
          {cycleId !== undefined && <Board cycleId={cycleId} />}
        </>
      )}
    </Stack>
  );
}

function Board({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const board = useBoard(cycleId);
  if (board.isPending) return <Loading />;
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;
  const o = b.rates.overall;
  const fy = b.cycle.fiscalYear;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard testId="card-invited" label={t('monitoring.invited')} value={String(o.invited)} />
        {(['started', 'submitted', 'verified'] as const).map((k) => (
          <StatCard
            key={k}
            testId={`card-${k}`}
            label={t(`monitoring.${k}`)}
            value={String(o[k].numerator)}
            detail={t('monitoring.ofTotal', { total: o.invited, percent: formatPercent(o[k].percent) })}
            percent={o[k].percent}
          />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('monitoring.asOf', { date: formatDate(b.generatedAt, lang, true) })}
      </Text>

      <Paper withBorder p="md" component="section" aria-labelledby="trend-title">
        <Title order={3} size="h4" id="trend-title" mb="xs">
          {t('monitoring.trend')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('monitoring.trendNote')}
        </Text>
        <TrendChart points={b.trend} invited={o.invited} lang={lang} />
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RateTable
          id="by-track"
          title={t('monitoring.byTrack')}
          rows={b.rates.byTrack}
          labelOf={(r) => trackLabel(t, r)}
        />
        <RateTable id="by-type" title={t('monitoring.byOrgType')} rows={b.rates.byOrgType} />
        <RateTable id="by-role" title={t('monitoring.byRole')} rows={b.rates.byRole} />
        <RateTable id="by-ministry" title={t('monitoring.byMinistry')} rows={b.rates.byMinistry} />
      </SimpleGrid>

      <NotSubmittedPanel cycleId={cycleId} fiscalYear={fy} rows={b.notSubmitted} />
      <ReportsZipPanel key={cycleId} cycleId={cycleId} fiscalYear={fy} />
    </Stack>
  );
}

function trackLabel(t: (k: string) => string, r: RateRow) {
  return r.key === 'department' || r.key === 'province' ? t(`review.tracks.${r.key}`) : r.key;
}

function StatCard({
  label,
  value,
  detail,
  percent,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  percent?: number | null;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.2}>
        {value}
      </Text>
      {detail && <Text size="sm">{detail}</Text>}
      {percent != null && <Progress mt="xs" value={percent} aria-label={`${label} ${detail ?? ''}`} />}
    </Paper>
  );
}

function RateTable({
  id,
  title,
  rows,
  labelOf,
}: {
  id: string;
  title: string;
  rows: RateRow[];
  labelOf?: (r: RateRow) => string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const name = (r: RateRow) =>
    labelOf?.(r) ?? r.label?.[lang] ?? (r.key === '(none)' ? t('monitoring.unspecified') : r.key);
  const pct = (s: RateRow['submitted']) => `${s.numerator} (${formatPercent(s.percent)})`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Title order={3} size="h5" id={`${id}-title`} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('monitoring.noRows')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid={id} aria-labelledby={`${id}-title`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.segment')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.invited')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.startedPct')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.submittedPct')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.verifiedPct')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row" fw={400}>
                    {name(r)}
                  </Table.Th>
                  <Table.Td ta="right">{r.invited}</Table.Td>
                  <Table.Td ta="right">{pct(r.started)}</Table.Td>
                  <Table.Td ta="right">{pct(r.submitted)}</Table.Td>
                  <Table.Td ta="right">{pct(r.verified)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

const FILTERS = ['status', 'track'] as const;

/**
 * The agencies still to chase, as the shared data grid: a page at a time from the server, the view
 * (sort, filters, page) in the URL; selected rows are reminded together.
 */
function NotSubmittedPanel({
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
  const [search, setSearch] = useState(view.search);
  const pushSearch = useDebouncedCallback((v: string) => view.set({ search: v.trim() || null }), 350);

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
            <Select
              label={t('review.track')}
              w={{ base: '100%', sm: 200 }}
              allowDeselect={false}
              value={view.get('track') ?? ''}
              onChange={(v) => view.set({ track: v || null })}
              data={[
                { value: '', label: t('review.allTracks') },
                { value: 'department', label: t('review.tracks.department') },
                { value: 'province', label: t('review.tracks.province') },
              ]}
            />
            <TextInput
              label={t('review.search')}
              placeholder={t('review.searchPlaceholder')}
              w={{ base: '100%', sm: 300 }}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                pushSearch(e.currentTarget.value);
              }}
            />
          </Group>
          <DataGrid
            label={t('monitoring.notSubmitted', { count: rows.length })}
            view={view}
            columns={columns}
            rows={list.data?.items}
            total={list.data?.total ?? 0}
            getRowId={(r) => String(r.agencyId)}
            rowTestId={(r) => `not-submitted-${r.code}`}
            loading={list.isPending}
            fetching={list.isFetching}
            error={list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : undefined}
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
        {t(`reminders.status.${at.status}`)}
        {at.count > 1 ? ` · ${t('reminders.times', { count: at.count })}` : ''}
      </Text>
    </Stack>
  );
}

function ReportsZipPanel({ cycleId, fiscalYear }: { cycleId: number; fiscalYear: number }) {
  const { t } = useTranslation();
  const uiLang = useLang();
  const [reportLang, setReportLang] = useState<'th' | 'en'>(uiLang);
  const [started, setStarted] = useState<string | null>(null);
  const mine = useMyJobs();
  // The newest report ZIP of this cycle the user started, from the server: it survives leaving the page.
  const latest = mine.data?.jobs.find((x) => x.kind === 'report-zip' && x.cycleId === cycleId);
  const jobId = started ?? latest?.id ?? null;
  const start = useStartReportsZip(cycleId);
  const job = useReportJob(jobId);
  const [saving, setSaving] = useState(false);
  const j = job.data;
  const running = j?.status === 'queued' || j?.status === 'running';
  const pct = j && j.total > 0 ? (100 * j.done) / j.total : 0;

  const begin = () =>
    start.mutate(reportLang, {
      onSuccess: (created) => {
        setStarted(created.id);
        void mine.refetch();
      },
      onError: notifyError,
    });

  const download = async () => {
    if (!j?.downloadUrl) return;
    setSaving(true);
    try {
      await saveFile(j.downloadUrl, `dg-readiness-reports-${formatYear(fiscalYear, uiLang)}.zip`);
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="zip-title" data-testid="reports-zip">
      <Title order={3} size="h4" id="zip-title" mb="xs">
        {t('monitoring.zip.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('monitoring.zip.intro')}
      </Text>
      <Group gap="sm" align="flex-end" mb="sm">
        <Stack gap={4}>
          <Text size="sm" id="zip-lang">
            {t('monitoring.zip.lang')}
          </Text>
          <SegmentedControl
            aria-labelledby="zip-lang"
            value={reportLang}
            onChange={(v) => setReportLang(v === 'en' ? 'en' : 'th')}
            data={[
              { value: 'th', label: 'ไทย' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Stack>
        <Button onClick={begin} loading={start.isPending} disabled={running} data-testid="zip-start">
          {t('monitoring.zip.start')}
        </Button>
      </Group>
      {jobId && job.isError && <LoadError error={job.error} />}
      {j && (
        <Stack gap={6} aria-live="polite">
          <Text size="sm" data-testid="zip-progress-text">
            {j.status === 'failed'
              ? `${t('monitoring.zip.failed')}${j.error ? `: ${j.error}` : ''}`
              : t(j.status === 'done' ? 'monitoring.zip.done' : 'monitoring.zip.progress', {
                  done: j.done,
                  total: j.total,
                })}
          </Text>
          <Progress
            value={pct}
            animated={running}
            color={j.status === 'failed' ? 'red' : undefined}
            aria-label={t('monitoring.zip.progress', { done: j.done, total: j.total })}
            data-testid="zip-progress"
          />
          {j.status === 'done' && (
            <Group>
              <Button onClick={() => void download()} loading={saving} data-testid="zip-download">
                {t('monitoring.zip.download')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
