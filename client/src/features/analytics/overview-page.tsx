import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatYear } from '@dg/shared/domain/dates';
import {
  AgencyListSchema,
  type Levels,
  type RateRow,
  type SegmentQuery,
  type YearOverYear,
  YearOverYearSchema,
} from '@dg/shared/schemas/analytics';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NationalReportDialog } from '../../components/national-report-dialog';
import { Empty, Loading } from '../../components/page-state';
import { getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { AgencyListDrawer } from './agency-list-drawer';
import {
  type Basis,
  base,
  downloadApi,
  downloadBuilt,
  fetchLevels,
  isStaff,
  type Lang,
  levelName,
  qs,
  segmentOf,
  tx,
  useCycles,
  useFilters,
  useLang,
  useResponseRates,
} from './api';
import { ChartCard, type ChartClick } from './chart-card';
import {
  BasisSwitch,
  CycleSelect,
  labelOf,
  QueryError,
  SegmentFilters,
  type SegmentLabels,
  SignedIn,
  segmentLabels,
  TrackTabs,
  useChosenCycle,
  Withheld,
} from './filters';
import {
  averageLevel,
  barHeight,
  type LevelRow,
  levelTable,
  radarOption,
  shareBarsOption,
  stackedLevelsOption,
} from './options';
import { RawExportButton } from './raw-export';
import { NationalTargets } from './targets-section';

interface DrillTarget {
  title: string;
  level: number;
  pillar?: string;
  segment: SegmentQuery;
}

const pillarLabel = (p: { number: number; name: { th: string; en: string } }, lang: Lang) =>
  lang === 'th' ? `ตัวชี้วัดที่ ${p.number} ${p.name.th}` : `Pillar ${p.number} ${p.name.en}`;

/** /analytics: the national overview, laid out like DGA's published findings. */
export function AnalyticsOverviewPage() {
  return (
    <SignedIn>
      <Overview />
    </SignedIn>
  );
}

function Overview() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const staff = isStaff(user?.role);
  const [f, set] = useFilters();
  const { cycles, list, cycle } = useChosenCycle(f);
  const cycleId = cycle?.id ?? null;
  const rates = useResponseRates(cycleId);
  const labels = segmentLabels(rates.data, lang, t);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [dlError, setDlError] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);

  if (cycles.isLoading) return <Loading />;
  if (cycles.error) return <QueryError error={cycles.error} onRetry={() => void cycles.refetch()} />;
  if (!cycle) return <Empty>{t('analytics.noCycle')}</Empty>;

  const year = formatYear(cycle.fiscalYear, lang);
  const segment = segmentOf(f);
  const dl = (path: string, name: string) => {
    setDlError(null);
    downloadApi(path, name).catch((e: Error) => setDlError(e.message));
  };
  const levelsQuery = qs({ basis: f.basis, ...segment });
  // File names carry the reader's year: B.E. in Thai, C.E. in English (as every other export).
  const be = formatYear(cycle.fiscalYear, lang);

  return (
    <Stack maw={1280} gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('analytics.title', { year })}</Title>
          <Text c="dimmed" size="sm">
            {t('analytics.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          {/* The national report is built from a cycle's final results: staff, once it is closed. */}
          {staff && (cycle.status === 'closed' || cycle.status === 'published') && (
            <Button variant="light" onClick={() => setReportOpen(true)} aria-label={t('nationalReport.aria', { year })}>
              {t('nationalReport.action')}
            </Button>
          )}
          <Button
            component={Link}
            to={`/analytics/items${cycleId ? `?cycle=${cycleId}&track=${f.track}` : ''}`}
            variant="light"
          >
            {t('analytics.openExplorer')}
          </Button>
        </Group>
      </Group>

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="lg" wrap="wrap">
            <CycleSelect list={list} cycle={cycle} onChange={(id) => set({ cycle: id })} />
            <BasisSwitch
              value={f.basis}
              onChange={(basis) => set({ basis })}
              counts={
                rates.data
                  ? {
                      verified: rates.data.overall.verified.numerator,
                      submitted: rates.data.overall.submitted.numerator,
                    }
                  : undefined
              }
            />
          </Group>
          <TrackTabs
            value={f.track}
            onChange={(track) => set({ track, orgType: null, role: null, ministry: null, region: null })}
          />
          <SegmentFilters f={f} set={set} labels={labels} />
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/levels.csv${levelsQuery}`, `levels-${be}.csv`)}
            >
              {t('analytics.downloadLevelsCsv')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/levels.xlsx${levelsQuery}`, `levels-${be}.xlsx`)}
            >
              {t('analytics.downloadLevelsXlsx')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/response-rates.csv`, `response-rates-${be}.csv`)}
            >
              {t('analytics.downloadRatesCsv')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/response-rates.xlsx`, `response-rates-${be}.xlsx`)}
            >
              {t('analytics.downloadRatesXlsx')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/year-over-year.csv${levelsQuery}`, `year-over-year-${be}.csv`)}
            >
              {t('analytics.downloadYoyCsv')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => dl(`${base(cycle.id)}/year-over-year.xlsx${levelsQuery}`, `year-over-year-${be}.xlsx`)}
            >
              {t('analytics.downloadYoyXlsx')}
            </Button>
            <Button
              size="xs"
              variant="light"
              loading={building}
              onClick={() => {
                setDlError(null);
                setBuilding(true);
                downloadBuilt(`${base(cycle.id)}/open-data.zip`, `open-data-${be}.zip`)
                  .catch((e: Error) => setDlError(e.message))
                  .finally(() => setBuilding(false));
              }}
            >
              {t('analytics.downloadOpenData')}
            </Button>
            {staff && (
              <>
                <RawExportButton
                  cycleId={cycle.id}
                  format="long"
                  label={t('analytics.rawLong')}
                  fileName={`raw-long-${be}.csv`}
                />
                <RawExportButton
                  cycleId={cycle.id}
                  format="wide"
                  label={t('analytics.rawWide')}
                  fileName={`raw-wide-${be}.csv`}
                />
              </>
            )}
          </Group>
          {dlError && (
            <Alert color="red" role="alert">
              {t('analytics.downloadFailed')}: {dlError}
            </Alert>
          )}
        </Stack>
      </Card>

      <NationalTargets />

      {rates.isLoading ? (
        <Loading />
      ) : rates.error ? (
        <QueryError error={rates.error} onRetry={() => void rates.refetch()} />
      ) : rates.data ? (
        <>
          <RateCards rows={[rates.data.overall, ...rates.data.byTrack]} />
          <Results cycle={cycle} basis={f.basis} segment={segment} labels={labels} staff={staff} onDrill={setDrill} />
        </>
      ) : null}

      <AgencyDrawer cycleId={cycle.id} basis={f.basis} target={drill} onClose={() => setDrill(null)} />
      <NationalReportDialog cycle={reportOpen ? cycle : null} onClose={() => setReportOpen(false)} />
    </Stack>
  );
}

function RateCards({ rows }: { rows: RateRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      {rows.map((r) => (
        <Card key={r.key} withBorder padding="md" data-testid={`rate-${r.key}`}>
          <Text size="sm" c="dimmed">
            {r.key === 'all' ? t('analytics.rateAll') : t('analytics.rateOf', { track: tx(r.label, lang) })}
          </Text>
          {r.suppressed ? (
            <Text size="sm" mt="xs">
              {r.suppressed.message[lang]}
            </Text>
          ) : (
            <>
              <Text fz={34} fw={700} c="blue.9" lh={1.2}>
                {formatPercent(r.submitted.percent)}%
              </Text>
              <Text size="sm">
                {t('analytics.rateSentence', {
                  submitted: r.submitted.numerator.toLocaleString(),
                  invited: r.invited.toLocaleString(),
                  percent: formatPercent(r.submitted.percent),
                })}
              </Text>
            </>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Results({
  cycle,
  basis,
  segment,
  labels,
  staff,
  onDrill,
}: {
  cycle: CycleSummary;
  basis: Basis;
  segment: SegmentQuery;
  labels: SegmentLabels;
  staff: boolean;
  onDrill: (d: DrillTarget) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // File names carry the reader's year: B.E. in Thai, C.E. in English (as every other export).
  const be = formatYear(cycle.fiscalYear, lang);
  const levels = useQuery({
    queryKey: ['analytics', cycle.id, 'levels', basis, segment],
    queryFn: () => fetchLevels(cycle.id, basis, segment),
    retry: false,
  });
  const yoy = useQuery({
    queryKey: ['analytics', cycle.id, 'yoy', basis, segment],
    queryFn: () => getJson(`${base(cycle.id)}/year-over-year${qs({ basis, ...segment })}`, YearOverYearSchema),
    retry: false,
  });

  if (levels.isLoading) return <Loading />;
  if (levels.error) return <QueryError error={levels.error} onRetry={() => void levels.refetch()} />;
  const l = levels.data as Levels;
  if (l.suppressed) return <Withheld s={l.suppressed} />;
  if (l.denominator === 0) return <Empty>{t('analytics.emptySegment')}</Empty>;

  const nHead = t('analytics.n');
  const overallRow: LevelRow = { label: t('analytics.overall'), levels: l.overall.levels, denominator: l.denominator };
  const pillarRows: LevelRow[] = l.pillars.map((p) => ({
    label: pillarLabel(p, lang),
    levels: p.levels,
    denominator: l.denominator,
  }));
  const rows = [overallRow, ...pillarRows];
  const table = levelTable(rows, t('analytics.pillar'), lang, nHead);
  const atLeastHead = t('analytics.atLeastHead', { level: levelName(l.atLeast, lang) });
  table.head.push(atLeastHead);
  table.rows.forEach((r, i) => {
    const s = i === 0 ? l.overall.atLeast : l.pillars[i - 1]?.atLeast;
    r.push(s ? `${s.numerator} (${formatPercent(s.percent)}%)` : '–');
  });
  const clickPillars = staff
    ? (p: ChartClick) => {
        const row = [...rows].reverse()[p.dataIndex];
        const idx = row ? rows.indexOf(row) : -1;
        const level = (p.seriesIndex ?? 0) + 1;
        const pillar = idx > 0 ? l.pillars[idx - 1]?.key : undefined;
        if (idx < 0) return;
        onDrill({ title: `${row?.label} · ${levelName(level, lang)}`, level, pillar, segment });
      }
    : undefined;
  const trackName = t(`analytics.tracks.${segment.track ?? 'department'}`);

  return (
    <Stack gap="lg">
      <Card withBorder padding="md" bg="blue.0">
        <Title order={3} size="h5" mb="xs">
          {t('analytics.findings')}
        </Title>
        <List spacing={4} size="sm" data-testid="narrative">
          {l.narrative[lang].map((s) => (
            <List.Item key={s}>{s}</List.Item>
          ))}
        </List>
      </Card>

      <ChartCard
        testId="pillar-levels"
        title={t('analytics.pillarChartTitle', { track: trackName, year: formatYear(cycle.fiscalYear, lang) })}
        subtitle={t('analytics.respondentsN', { n: l.denominator.toLocaleString() })}
        option={stackedLevelsOption(rows, lang, { clickable: staff })}
        height={barHeight(rows.length, 44)}
        table={table}
        fileBase={`levels-by-pillar-${be}`}
        onClick={clickPillars}
        cellAction={
          staff
            ? (ri, ci) => {
                const level = ci - 1;
                const row = rows[ri];
                if (level < 1 || level > 5 || !row) return undefined;
                const pillar = ri > 0 ? l.pillars[ri - 1]?.key : undefined;
                return () => onDrill({ title: `${row.label} · ${levelName(level, lang)}`, level, pillar, segment });
              }
            : undefined
        }
      />

      <YearOverYearSection yoy={yoy} cycle={cycle} levels={l} staff={staff} onDrill={onDrill} segment={segment} />

      <GroupBreakdowns cycle={cycle} basis={basis} segment={segment} labels={labels} staff={staff} onDrill={onDrill} />
    </Stack>
  );
}

function YearOverYearSection({
  yoy,
  cycle,
  levels,
  staff,
  onDrill,
  segment,
}: {
  yoy: ReturnType<typeof useQuery<YearOverYear>>;
  cycle: CycleSummary;
  levels: Levels;
  staff: boolean;
  onDrill: (d: DrillTarget) => void;
  segment: SegmentQuery;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // File names carry the reader's year: B.E. in Thai, C.E. in English (as every other export).
  const be = formatYear(cycle.fiscalYear, lang);
  const year = formatYear(cycle.fiscalYear, lang);
  const axes = levels.pillars.map((p) => pillarLabel(p, lang));
  const current = levels.pillars.map((p) => averageLevel(p.levels));
  const cycles = useCycles();
  if (yoy.isLoading) return <Loading />;
  if (yoy.error) return <QueryError error={yoy.error} onRetry={() => void yoy.refetch()} />;
  const y = yoy.data as YearOverYear;
  const prevCycle = cycles.data?.find((c) => c.id === y.previousCycleId);
  const prevYear = y.previousCycleId ? formatYear(prevCycle?.fiscalYear ?? cycle.fiscalYear - 1, lang) : null;
  const previousAvg = levels.pillars.map((p) => {
    const yp = y.pillars.find((x) => x.key === p.key);
    return yp?.previous ? averageLevel(yp.previous.levels) : null;
  });
  const radarSeries = [{ name: year, values: current }];
  if (prevYear && previousAvg.some((v) => v !== null)) radarSeries.push({ name: prevYear, values: previousAvg });

  const radar = (
    <ChartCard
      testId="pillar-radar"
      title={t('analytics.radarTitle')}
      subtitle={t('analytics.radarNote')}
      option={radarOption(axes, radarSeries)}
      height={400}
      table={{
        head: [t('analytics.pillar'), ...radarSeries.map((s) => s.name)],
        rows: axes.map((a, i) => [
          a,
          ...radarSeries.map((s) => (s.values[i] === null ? '–' : (s.values[i] as number).toFixed(2))),
        ]),
      }}
      fileBase={`pillar-average-${be}`}
    />
  );

  if (!y.overall.previous || !prevYear || y.overall.previous.suppressed) {
    return (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Alert color="gray" title={t('analytics.yoyTitle')}>
          {y.overall.previous?.suppressed ? y.overall.previous.suppressed.message[lang] : t('analytics.noPrevious')}
        </Alert>
        {radar}
      </SimpleGrid>
    );
  }
  const yoyRows: LevelRow[] = [
    { label: prevYear, levels: y.overall.previous.levels, denominator: y.overall.previous.denominator },
    { label: year, levels: y.overall.current.levels, denominator: y.overall.current.denominator },
  ];
  const changed = y.pillars.filter((p) => p.changed);
  const pillarNames = y.pillars.map((p) => `${pillarLabel(p, lang)}${p.changed ? ' *' : ''}`);
  const atLeastName = levelName(y.atLeast, lang);
  return (
    <>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ChartCard
          testId="yoy-overall"
          title={t('analytics.yoyTitle')}
          subtitle={t('analytics.yoySubtitle', { year, prev: prevYear })}
          option={stackedLevelsOption(yoyRows, lang, { clickable: staff })}
          height={200}
          table={levelTable(yoyRows, t('analytics.year'), lang, t('analytics.n'))}
          fileBase={`overall-yoy-${be}`}
          onClick={
            staff
              ? (p) => {
                  // Only this year's bar lists agencies of the chosen cycle.
                  if (p.dataIndex !== 1) return;
                  const level = (p.seriesIndex ?? 0) + 1;
                  onDrill({ title: `${t('analytics.overall')} ${year} · ${levelName(level, lang)}`, level, segment });
                }
              : undefined
          }
        />
        {radar}
      </SimpleGrid>
      <ChartCard
        testId="yoy-pillars"
        title={t('analytics.yoyPillarsTitle', { level: atLeastName })}
        subtitle={t('analytics.yoySubtitle', { year, prev: prevYear })}
        option={shareBarsOption(
          pillarNames,
          [
            { name: prevYear, values: y.pillars.map((p) => p.previous?.atLeast.percent ?? null) },
            { name: year, values: y.pillars.map((p) => p.current.atLeast.percent) },
          ],
          { colors: ['#adb5bd', '#1864ab'] },
        )}
        height={barHeight(y.pillars.length, 56)}
        table={{
          head: [t('analytics.pillar'), prevYear, year, t('analytics.change')],
          rows: y.pillars.map((p, i) => {
            const a = p.previous?.atLeast;
            const b = p.current.atLeast;
            const diff = a?.percent != null && b.percent != null ? (b.percent - a.percent).toFixed(2) : '–';
            return [
              pillarNames[i] as string,
              a ? `${a.numerator}/${a.denominator} (${formatPercent(a.percent)}%)` : '–',
              `${b.numerator}/${b.denominator} (${formatPercent(b.percent)}%)`,
              diff === '–' ? diff : `${Number(diff) > 0 ? '+' : ''}${diff}`,
            ];
          }),
        }}
        fileBase={`pillars-yoy-${be}`}
        footer={
          changed.length > 0 && (
            <Alert
              color="yellow"
              variant="light"
              title={t('analytics.changedTitle')}
              data-testid="changed-note"
              styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
            >
              <List size="sm" spacing={4}>
                {changed.map((p) => (
                  <List.Item key={p.key}>
                    <b>* {pillarLabel(p, lang)}</b>: {p.changeNote ? p.changeNote[lang] : t('analytics.changedGeneric')}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )
        }
      />
    </>
  );
}

/** Overall level distribution per organization type and per role (departments) or per region (provinces). */
function GroupBreakdowns({
  cycle,
  basis,
  segment,
  labels,
  staff,
  onDrill,
}: {
  cycle: CycleSummary;
  basis: Basis;
  segment: SegmentQuery;
  labels: SegmentLabels;
  staff: boolean;
  onDrill: (d: DrillTarget) => void;
}) {
  const all: ('orgType' | 'role' | 'region')[] = segment.track === 'province' ? ['region'] : ['orgType', 'role'];
  // Agency users narrow by one dimension at a time: with one chosen, only its own breakdown is asked.
  const narrowed = (['orgType', 'role', 'ministry', 'region'] as const).filter((d) => segment[d]);
  const groups = staff || narrowed.length === 0 ? all : all.filter((by) => narrowed.includes(by));
  return (
    <SimpleGrid cols={1} spacing="lg">
      {groups.map((by) => (
        <GroupChart
          key={by}
          by={by}
          cycle={cycle}
          basis={basis}
          segment={segment}
          labels={labels}
          staff={staff}
          onDrill={onDrill}
        />
      ))}
    </SimpleGrid>
  );
}

function GroupChart({
  by,
  cycle,
  basis,
  segment,
  labels,
  staff,
  onDrill,
}: {
  by: 'orgType' | 'role' | 'region';
  cycle: CycleSummary;
  basis: Basis;
  segment: SegmentQuery;
  labels: SegmentLabels;
  staff: boolean;
  onDrill: (d: DrillTarget) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const values = segment[by] ? labels[by].filter((o) => o.value === segment[by]) : labels[by];
  const results = useQueries({
    queries: values.map((o) => {
      const seg = { ...segment, [by]: o.value };
      return {
        queryKey: ['analytics', cycle.id, 'levels', basis, seg],
        queryFn: () => fetchLevels(cycle.id, basis, seg),
        retry: false,
      };
    }),
  });
  const title = t(`analytics.byTitle.${by}`);
  if (values.length === 0) return null;
  if (results.some((r) => r.isLoading)) return <Loading />;
  const err = results.find((r) => r.error)?.error;
  if (err) return <QueryError error={err} />;
  const rows: LevelRow[] = [];
  const segs: SegmentQuery[] = [];
  const withheld: string[] = [];
  results.forEach((r, i) => {
    const d = r.data;
    const o = values[i];
    if (d?.suppressed && o) withheld.push(o.label);
    if (!d || !o || d.suppressed || d.denominator === 0) return;
    rows.push({ label: `${o.label} (${d.denominator})`, levels: d.overall.levels, denominator: d.denominator });
    segs.push({ ...segment, [by]: o.value });
  });
  const withheldNote = withheld.length ? (
    <Text size="sm" c="dimmed" data-testid={`withheld-${by}`}>
      {t('analytics.withheldGroups', { list: withheld.join(', '), min: firstMinimum(results) })}
    </Text>
  ) : null;
  if (rows.length === 0) return withheldNote;
  const table = levelTable(rows, t(`analytics.segments.${by}`), lang, t('analytics.n'));
  table.head.push(t('analytics.atLeastHead', { level: levelName(3, lang) }));
  results.forEach((r) => {
    const d = r.data;
    if (!d || d.suppressed || d.denominator === 0) return;
    table.rows[segs.findIndex((s) => s[by] === d.segment[by])]?.push(
      `${d.overall.atLeast.numerator} (${formatPercent(d.overall.atLeast.percent)}%)`,
    );
  });
  return (
    <Stack gap={4}>
      <ChartCard
        testId={`by-${by}`}
        title={title}
        subtitle={t('analytics.byNote', { label: labelOf(labels, by, segment[by] ?? '', t('analytics.all')) })}
        option={stackedLevelsOption(rows, lang, { clickable: staff })}
        height={barHeight(rows.length, 46)}
        table={table}
        fileBase={`levels-by-${by}-${cycle.fiscalYear + 543}`}
        onClick={
          staff
            ? (p) => {
                const idx = rows.length - 1 - p.dataIndex;
                const row = rows[idx];
                const seg = segs[idx];
                if (!row || !seg) return;
                const level = (p.seriesIndex ?? 0) + 1;
                onDrill({ title: `${row.label} · ${levelName(level, lang)}`, level, segment: seg });
              }
            : undefined
        }
      />
      {withheldNote}
    </Stack>
  );
}

/** The minimum the server applied, for the note under a breakdown with withheld groups. */
function firstMinimum(results: { data?: Levels }[]): number {
  return results.find((r) => r.data?.suppressed)?.data?.suppressed?.minimum ?? 5;
}

function AgencyDrawer({
  cycleId,
  basis,
  target,
  onClose,
}: {
  cycleId: number;
  basis: Basis;
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // Ministry names come with the response rates (already loaded by the page): a name, not a code.
  const rates = useResponseRates(cycleId);
  const ministries = new Map((rates.data?.byMinistry ?? []).map((r) => [r.key, r.label?.[lang] ?? r.key]));
  const q = useQuery({
    queryKey: ['analytics', cycleId, 'agencies', basis, target],
    queryFn: () =>
      getJson(
        `${base(cycleId)}/agencies${qs({ basis, pillar: target?.pillar, level: target?.level, match: 'eq', ...target?.segment })}`,
        AgencyListSchema,
      ),
    enabled: !!target,
    retry: false,
  });
  return (
    <AgencyListDrawer
      cycleId={cycleId}
      title={target ? target.title : null}
      query={q}
      lang={lang}
      before={[{ header: t('analytics.code'), cell: (a) => a.code }]}
      after={[
        {
          header: t('analytics.ministry'),
          cell: (a) => (a.ministryCode ? (ministries.get(a.ministryCode) ?? a.ministryCode) : '–'),
        },
      ]}
      testId="agency-drawer"
      onClose={onClose}
    />
  );
}
