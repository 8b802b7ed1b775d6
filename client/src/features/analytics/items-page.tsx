import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatYear } from '@dg/shared/domain/dates';
import { factFindingTopics } from '@dg/shared/domain/fact-finding-topics';
import {
  type CrossBy,
  type ItemStat,
  type ItemStatistics,
  ItemStatisticsSchema,
  type SegmentQuery,
} from '@dg/shared/schemas/analytics';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Empty, Loading } from '../../components/page-state';
import { getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useUpdateParams } from '../../lib/url-params';
import {
  base,
  downloadApi,
  type Filters,
  isStaff,
  type Lang,
  qs,
  segmentOf,
  useFilters,
  useFramework,
  useLang,
  useResponseRates,
} from './api';
import { type CellAction, ChartCard, CompactTable, type DataTable } from './chart-card';
import {
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
import { ItemAgenciesDrawer, type ItemDrill } from './item-agencies-drawer';
import { barHeight, shareBarsOption } from './options';

const STAT_TYPES = new Set(['yes_no', 'single', 'multiple', 'reason', 'staged', 'number', 'percentage', 'matrix']);
const NUMERIC = new Set(['number', 'percentage']);

const num = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '–'
    : v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Questions of the framework for a track, grouped for the picker: fact-finding topics first, then by pillar. */
export function questionGroups(
  fw: Framework,
  track: string,
  lang: Lang,
  topicsLabel: string,
  derivedLabel = 'Derived indicators',
) {
  const topicOrder = new Map(factFindingTopics.map((t, i) => [t.id as string, i]));
  const all: { q: Question; pillar: Framework['pillars'][number] }[] = [];
  for (const p of fw.pillars)
    for (const ind of p.indicators)
      for (const q of ind.questions)
        if (STAT_TYPES.has(q.type) && q.tracks.includes(track as Question['tracks'][number]))
          all.push({ q, pillar: p });
  const item = (q: Question) => ({ value: q.code, label: `${q.code} · ${q.text[lang]}` });
  const rank = (q: Question) => Math.min(...(q.topics ?? []).map((t) => topicOrder.get(t) ?? 999));
  const topical = all.filter((x) => x.q.topics?.length).sort((a, b) => rank(a.q) - rank(b.q));
  const groups = [] as { group: string; items: { value: string; label: string }[] }[];
  // Derived indicators (framework data: rules over several answers) are picked and shown like questions.
  const derived = (fw.derivedIndicators ?? []).filter((d) => d.tracks.includes(track as Question['tracks'][number]));
  if (derived.length)
    groups.push({
      group: derivedLabel,
      items: derived.map((d) => ({ value: d.code, label: `${d.code} · ${d.label[lang]}` })),
    });
  if (topical.length) groups.push({ group: topicsLabel, items: topical.map((x) => item(x.q)) });
  for (const p of fw.pillars) {
    const items = all.filter((x) => x.pillar.key === p.key && !x.q.topics?.length).map((x) => item(x.q));
    if (items.length)
      groups.push({
        group: lang === 'th' ? `ตัวชี้วัดที่ ${p.number} ${p.name.th}` : `Pillar ${p.number} ${p.name.en}`,
        items,
      });
  }
  return groups;
}

/** /analytics/items: fact-finding explorer, one question at a time, over its own population. */
export function ItemExplorerPage() {
  return (
    <SignedIn>
      <Explorer />
    </SignedIn>
  );
}

function Explorer() {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, set] = useFilters();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const code = params.get('q');
  const { user } = useAuth();
  const staff = isStaff(user?.role);
  // Agency users narrow by one dimension at a time: a breakdown by another one would be a second.
  const narrowed = (['orgType', 'role', 'ministry', 'region'] as const).find((d) => f[d]);
  const allowed = (c: CrossBy) => staff || !narrowed || c === 'track' || c === narrowed;
  const asked = (params.get('crossBy') as CrossBy | null) ?? null;
  const crossBy = asked && allowed(asked) ? asked : null;
  const setParam = (k: string, v: string | null) =>
    update((n) => {
      if (v) n.set(k, v);
      else n.delete(k);
    });
  const { cycles, list, cycle } = useChosenCycle(f);
  const cycleId = cycle?.id ?? null;
  const fw = useFramework(cycleId);
  const rates = useResponseRates(cycleId);
  const labels = segmentLabels(rates.data, lang, t);

  if (cycles.isLoading) return <Loading />;
  if (cycles.error) return <QueryError error={cycles.error} />;
  if (!cycle) return <Empty>{t('analytics.noCycle')}</Empty>;
  const groups = fw.data
    ? questionGroups(fw.data, f.track, lang, t('analytics.topicsGroup'), t('derivedUi.group'))
    : [];

  return (
    <Stack maw={1280} gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('analytics.explorerTitle', { year: formatYear(cycle.fiscalYear, lang) })}</Title>
          <Text c="dimmed" size="sm">
            {t('analytics.explorerSubtitle')}
          </Text>
        </div>
        <Button component={Link} to={`/analytics?cycle=${cycle.id}&track=${f.track}`} variant="light">
          {t('analytics.backOverview')}
        </Button>
      </Group>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <CycleSelect list={list} cycle={cycle} onChange={(id) => set({ cycle: id })} />
          <TrackTabs
            value={f.track}
            onChange={(track) => {
              set({ track, orgType: null, role: null, ministry: null, region: null });
            }}
          />
          <SegmentFilters f={f} set={set} labels={labels} />
          {fw.error ? (
            <QueryError error={fw.error} />
          ) : (
            <Select
              label={t('analytics.question')}
              placeholder={fw.isLoading ? t('state.loading') : t('analytics.questionPlaceholder')}
              searchable
              clearable
              nothingFoundMessage={t('analytics.nothingFound')}
              data={groups}
              value={code}
              onChange={(v) => setParam('q', v)}
              maxDropdownHeight={420}
              comboboxProps={{ width: 'target' }}
            />
          )}
          <Select
            label={t('analytics.crossBy')}
            w={{ base: '100%', sm: 300 }}
            clearable
            placeholder={t('analytics.noCrossBy')}
            value={crossBy}
            onChange={(v) => setParam('crossBy', v)}
            data={(['orgType', 'role', 'ministry', 'region', 'track'] as const).filter(allowed).map((c) => ({
              value: c,
              label: t(`analytics.segments.${c}`),
            }))}
          />
        </Stack>
      </Card>
      {rates.error ? (
        <QueryError error={rates.error} />
      ) : code ? (
        <ItemView
          cycleId={cycle.id}
          be={cycle.fiscalYear + 543}
          code={code}
          f={f}
          crossBy={crossBy}
          labels={labels}
          staff={staff}
        />
      ) : (
        <Empty>{t('analytics.pickQuestion')}</Empty>
      )}
    </Stack>
  );
}

function ItemView({
  cycleId,
  be,
  code,
  f,
  crossBy,
  labels,
  staff,
}: {
  cycleId: number;
  be: number;
  code: string;
  f: Filters;
  crossBy: CrossBy | null;
  labels: SegmentLabels;
  staff: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [dlError, setDlError] = useState<string | null>(null);
  const [drill, setDrill] = useState<ItemDrill | null>(null);
  const seg: SegmentQuery = segmentOf(f);
  const query = qs({ ...seg, crossBy: crossBy ?? undefined });
  const q = useQuery({
    queryKey: ['analytics', cycleId, 'item', code, query],
    queryFn: () => getJson(`${base(cycleId)}/items/${code}${query}`, ItemStatisticsSchema),
    retry: false,
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data as ItemStatistics;
  const o = s.overall;
  const numeric = NUMERIC.has(s.type);
  const fileBase = `${s.questionCode}-${be}`;
  const derived = s.type === 'derived';
  // Staff reach the agencies behind a count; agency users never see names (the route refuses them too).
  const onDrill = staff ? setDrill : undefined;

  return (
    <Stack gap="lg" data-testid="item-view">
      <Card withBorder padding="md">
        <Group gap="xs" mb={4}>
          <Badge variant="light">{s.questionCode}</Badge>
          <Badge variant="outline" color={derived ? 'grape' : 'gray'}>
            {derived ? t('derivedUi.type') : t(`analytics.types.${s.type}`, { defaultValue: s.type })}
          </Badge>
        </Group>
        <Title order={3} size="h4">
          {s.text[lang]}
        </Title>
        {!o.suppressed && (
          <>
            <Text fw={600} mt="xs" data-testid="denominator">
              {t('analytics.denominator', { n: o.population.toLocaleString() })}
            </Text>
            <Text size="sm" c="dimmed">
              {derived && s.populationLabel
                ? t('derivedUi.populationNote', {
                    population: s.populationLabel[lang],
                    shown: o.shown.toLocaleString(),
                    respondents: s.respondents.toLocaleString(),
                  })
                : t('analytics.populationNote', {
                    shown: o.shown.toLocaleString(),
                    respondents: s.respondents.toLocaleString(),
                  })}
            </Text>
            {staff && (
              <Text size="xs" c="dimmed">
                {t('derivedUi.drillHint')}
              </Text>
            )}
          </>
        )}
        <Group mt="sm" gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setDlError(null);
              downloadApi(`${base(cycleId)}/items/${code}.csv${query}`, `${fileBase}.csv`).catch((e: Error) =>
                setDlError(e.message),
              );
            }}
          >
            {t('analytics.downloadItemCsv')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setDlError(null);
              downloadApi(`${base(cycleId)}/items/${code}.xlsx${query}`, `${fileBase}.xlsx`).catch((e: Error) =>
                setDlError(e.message),
              );
            }}
          >
            {t('analytics.downloadItemXlsx')}
          </Button>
        </Group>
        {dlError && (
          <Alert color="red" mt="xs" role="alert">
            {t('analytics.downloadFailed')}: {dlError}
          </Alert>
        )}
      </Card>

      {o.suppressed ? (
        <Withheld s={o.suppressed} />
      ) : o.population === 0 ? (
        <Empty>{t('analytics.noAnswers')}</Empty>
      ) : (
        <>
          {o.options && (
            <OptionsChart
              title={t('analytics.distribution')}
              stat={o}
              fileBase={fileBase}
              testId="item-options"
              onDrill={onDrill}
            />
          )}
          {o.atLeastStage && (
            <OptionsChart
              title={t('analytics.atLeastStage')}
              stat={{ ...o, options: o.atLeastStage }}
              fileBase={`${fileBase}-stages`}
              testId="item-stages"
            />
          )}
          {o.rows && <MatrixChart stat={o} fileBase={`${fileBase}-rows`} />}
          {o.summary && (
            <Card withBorder padding="md" data-testid="item-summary">
              <Title order={4} size="h5" mb="xs">
                {t('analytics.summary')}
              </Title>
              <CompactTable caption={t('analytics.summary')} table={summaryTable(o, t)} />
            </Card>
          )}
          {o.otherTexts && o.otherTexts.length > 0 && (
            <Card withBorder padding="md">
              <Title order={4} size="h5" mb="xs">
                {t('analytics.otherTexts')}
              </Title>
              <CompactTable
                caption={t('analytics.otherTexts')}
                table={{
                  head: [t('analytics.otherText'), t('analytics.codedAs'), t('analytics.count')],
                  rows: o.otherTexts.map((x) => [
                    x.text,
                    x.codedCategory
                      ? (o.options?.find((op) => op.code === x.codedCategory)?.label[lang] ?? x.codedCategory)
                      : t('analytics.uncoded'),
                    x.count,
                  ]),
                }}
              />
            </Card>
          )}
        </>
      )}

      {s.crossBy && s.segments && (
        <CrossTab
          s={s}
          crossBy={s.crossBy}
          labels={labels}
          numeric={numeric}
          fileBase={`${fileBase}-by-${s.crossBy}`}
          onDrill={onDrill}
        />
      )}
      {staff && (
        <ItemAgenciesDrawer cycleId={cycleId} code={code} seg={seg} target={drill} onClose={() => setDrill(null)} />
      )}
    </Stack>
  );
}

function summaryTable(o: ItemStat, t: (k: string) => string): DataTable {
  const m = o.summary;
  // Agency users: the server withholds the extremes (each is one agency's answer) and says so.
  const extreme = (v: number | null) => (m?.extremesWithheld ? t('analytics.extremeWithheld') : num(v));
  return {
    head: [t('analytics.statistic'), t('analytics.value')],
    rows: m
      ? [
          ['n', m.n],
          [t('analytics.mean'), num(m.mean)],
          [t('analytics.median'), num(m.median)],
          ['Q1', num(m.q1)],
          ['Q3', num(m.q3)],
          [t('analytics.min'), extreme(m.min)],
          [t('analytics.max'), extreme(m.max)],
        ]
      : [],
  };
}

function OptionsChart({
  title,
  stat,
  fileBase,
  testId,
  onDrill,
}: {
  title: string;
  stat: ItemStat;
  fileBase: string;
  testId: string;
  onDrill?: (d: ItemDrill) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const options = stat.options ?? [];
  // The count column (1) opens the agencies counted there.
  const cellAction: CellAction | undefined = onDrill
    ? (row, col) => {
        const x = options[row];
        return col === 1 && x ? () => onDrill({ title: x.label[lang], option: x.code }) : undefined;
      }
    : undefined;
  return (
    <ChartCard
      testId={testId}
      title={title}
      subtitle={t('analytics.denominator', { n: stat.population.toLocaleString() })}
      option={shareBarsOption(
        options.map((x) => x.label[lang]),
        [{ name: t('analytics.percent'), values: options.map((x) => x.share.percent) }],
      )}
      height={barHeight(options.length, 40, 160)}
      table={{
        head: [t('analytics.option'), t('analytics.count'), t('analytics.percent'), 'n'],
        rows: [...options.map((x) => [x.label[lang], x.count, formatPercent(x.share.percent), x.share.denominator])],
      }}
      fileBase={fileBase}
      cellAction={cellAction}
    />
  );
}

function MatrixChart({ stat, fileBase }: { stat: ItemStat; fileBase: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = stat.rows ?? [];
  const opts = rows[0]?.options ?? [];
  return (
    <ChartCard
      testId="item-matrix"
      title={t('analytics.matrix')}
      subtitle={t('analytics.denominator', { n: stat.population.toLocaleString() })}
      option={shareBarsOption(
        rows.map((r) => r.label[lang]),
        opts.map((op) => ({
          name: op.label[lang],
          values: rows.map((r) => r.options.find((x) => x.code === op.code)?.share.percent ?? null),
        })),
      )}
      height={barHeight(rows.length, 26 + opts.length * 16)}
      table={{
        head: [t('analytics.row'), ...opts.map((op) => op.label[lang])],
        rows: rows.map((r) => [
          r.label[lang],
          ...opts.map((op) => {
            const x = r.options.find((y) => y.code === op.code);
            return x ? `${x.count} (${formatPercent(x.share.percent)}%)` : '–';
          }),
        ]),
      }}
      fileBase={fileBase}
    />
  );
}

function CrossTab({
  s,
  crossBy,
  labels,
  numeric,
  fileBase,
  onDrill,
}: {
  s: ItemStatistics;
  crossBy: CrossBy;
  labels: SegmentLabels;
  numeric: boolean;
  fileBase: string;
  onDrill?: (d: ItemDrill) => void;
}) {
  const { t } = useTranslation();
  const segs = (s.segments ?? []).filter((x) => !x.stat.suppressed && x.stat.population > 0);
  const name = (v: string) => labelOf(labels, crossBy, v, t('analytics.notSpecified'));
  const title = t('analytics.crossTitle', { by: t(`analytics.segments.${crossBy}`) });
  const withheld = (s.segments ?? []).filter((x) => x.stat.suppressed);
  const note = withheld.length ? (
    <Text size="sm" c="dimmed" data-testid="withheld-groups">
      {t('analytics.withheldGroups', {
        list: withheld.map((x) => name(x.value)).join(', '),
        min: withheld[0]?.stat.suppressed?.minimum ?? 5,
      })}
    </Text>
  ) : null;
  if (segs.length === 0) return note ?? <Empty>{t('analytics.noAnswers')}</Empty>;
  return (
    <Stack gap={4}>
      <CrossTabChart
        segs={segs}
        s={s}
        crossBy={crossBy}
        name={name}
        title={title}
        numeric={numeric}
        fileBase={fileBase}
        onDrill={onDrill}
      />
      {note}
    </Stack>
  );
}

function CrossTabChart({
  segs,
  s,
  crossBy,
  name,
  title,
  numeric,
  fileBase,
  onDrill,
}: {
  segs: NonNullable<ItemStatistics['segments']>;
  s: ItemStatistics;
  crossBy: CrossBy;
  name: (v: string) => string;
  title: string;
  numeric: boolean;
  fileBase: string;
  onDrill?: (d: ItemDrill) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (numeric) {
    const table: DataTable = {
      head: [t(`analytics.segments.${crossBy}`), 'n', t('analytics.mean'), t('analytics.median'), 'Q1', 'Q3'],
      rows: segs.map((x) => [
        name(x.value),
        x.stat.summary?.n ?? 0,
        num(x.stat.summary?.mean),
        num(x.stat.summary?.median),
        num(x.stat.summary?.q1),
        num(x.stat.summary?.q3),
      ]),
    };
    const max = Math.max(...segs.map((x) => x.stat.summary?.median ?? 0), 1);
    return (
      <ChartCard
        testId="item-cross"
        title={title}
        subtitle={t('analytics.medianBySegment')}
        option={shareBarsOption(
          segs.map((x) => `${name(x.value)} (n=${x.stat.population})`),
          [{ name: t('analytics.median'), values: segs.map((x) => x.stat.summary?.median ?? null) }],
          // A percentage question stays on 0-100%; any other number is drawn in its own unit.
          s.type === 'percentage' ? { max: 100 } : { max: Math.ceil(max * 1.15), unit: '' },
        )}
        height={barHeight(segs.length, 34)}
        table={table}
        fileBase={fileBase}
      />
    );
  }
  const optionsOf = (st: ItemStat) => st.options ?? st.atLeastStage ?? [];
  const codes = optionsOf(s.overall).map((x) => ({ code: x.code, label: x.label[lang] }));
  const shown = codes.slice(0, 6);
  // Option columns start at 2 (segment, n): a count there opens that segment's agencies of the option.
  const cellAction: CellAction | undefined = onDrill
    ? (row, col) => {
        const seg = segs[row];
        const c = codes[col - 2];
        return seg && c
          ? () => onDrill({ title: `${name(seg.value)} · ${c.label}`, option: c.code, crossBy, segment: seg.value })
          : undefined;
      }
    : undefined;
  const table: DataTable = {
    head: [t(`analytics.segments.${crossBy}`), 'n', ...codes.map((c) => c.label)],
    rows: segs.map((x) => [
      name(x.value),
      x.stat.population,
      ...codes.map((c) => {
        const o = optionsOf(x.stat).find((y) => y.code === c.code);
        return o ? `${o.count} (${formatPercent(o.share.percent)}%)` : '–';
      }),
    ]),
  };
  return (
    <SimpleGrid cols={1}>
      <ChartCard
        testId="item-cross"
        title={title}
        subtitle={codes.length > shown.length ? t('analytics.topOptions', { n: shown.length }) : undefined}
        option={shareBarsOption(
          segs.map((x) => `${name(x.value)} (n=${x.stat.population})`),
          shown.map((c) => ({
            name: c.label,
            values: segs.map((x) => optionsOf(x.stat).find((y) => y.code === c.code)?.share.percent ?? null),
          })),
        )}
        height={barHeight(segs.length, 18 + shown.length * 14)}
        table={table}
        fileBase={fileBase}
        cellAction={cellAction}
      />
    </SimpleGrid>
  );
}
