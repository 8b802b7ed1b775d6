import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { Button, Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CyclePicker, useCyclePick } from '../../components/cycle-picker';
import { LoadError, Loading, notifyError, StaffOnly, useLang } from '../../components/page-state';
import { TableScroll } from '../../components/table-scroll';
import { saveFile } from '../../lib/save-file';
import { type RateRow, useBoard, useMyJobs, useReportJob, useStartReportsZip } from './api';
import { NotSubmittedPanel } from './not-submitted-grid';
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

      {/* Side by side only from ~1400 px: beside the navigation, two tables of five columns were cramped at 1366. */}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
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
        <TableScroll minWidth={480} labelledBy={`${id}-title`}>
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
        </TableScroll>
      )}
    </Paper>
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
