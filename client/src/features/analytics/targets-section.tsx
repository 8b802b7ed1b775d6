import { formatPercent } from '@dg/shared/domain/analytics-math';
import { formatYear } from '@dg/shared/domain/dates';
import { TargetOverviewSchema, type TargetSeries } from '@dg/shared/schemas/targets';
import { Alert, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/page-state';
import { TableScroll } from '../../components/table-scroll';
import { getJson } from '../../lib/api';
import { type Lang, useLang } from './api';
import { ChartCard, type ChartOption, FONT } from './chart-card';
import { QueryError } from './filters';

/** Actual against target over the years: a line per figure, the target dashed. */
function targetLineOption(s: TargetSeries, lang: Lang, names: { actual: string; target: string }): ChartOption {
  const years = s.points.map((p) => formatYear(p.fiscalYear, lang));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '–' : `${formatPercent(Number(v))}%`) },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: names.actual,
        type: 'line',
        data: s.points.map((p) => p.actual?.percent ?? null),
        symbolSize: 8,
        label: { show: true, formatter: (p: { value: number }) => `${formatPercent(p.value)}%` },
        itemStyle: { color: '#1864ab' },
      },
      {
        name: names.target,
        type: 'line',
        step: 'middle',
        data: s.points.map((p) => p.targetPercent),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 2 },
        itemStyle: { color: '#c92a2a' },
      },
    ],
  };
}

function Nearest({ s, lang }: { s: TargetSeries; lang: Lang }) {
  const { t } = useTranslation();
  if (!s.nearest) return null;
  return (
    <Card withBorder padding="md" data-testid={`target-nearest-${s.code}`}>
      <Title order={4} size="h6" mb={4}>
        {t('analytics.targets.nearestTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('analytics.targets.nearestNote', { n: s.nearest.length })}
      </Text>
      {s.nearest.length === 0 ? null : (
        <TableScroll minWidth={480} label={t('analytics.targets.nearestTitle')}>
          <Table striped fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('analytics.code')}</Table.Th>
                <Table.Th scope="col">{t('analytics.agency')}</Table.Th>
                <Table.Th scope="col">{t('analytics.targets.oneShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.nearest.slice(0, 15).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.code}</Table.Td>
                  <Table.Td>{a.name[lang]}</Table.Td>
                  <Table.Td>{a.pillars.map((p) => `${p.key} → ${p.targetLevel}`).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}

/** National targets (set per cycle by DGA) as actual against target over the years. */
export function NationalTargets() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery({
    queryKey: ['analytics', 'targets'],
    queryFn: () => getJson('/api/analytics/targets', TargetOverviewSchema),
    retry: false,
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const series = q.data?.series ?? [];
  if (series.length === 0) return null;
  const names = { actual: t('analytics.targets.actual'), target: t('analytics.targets.target') };
  return (
    <Stack gap="md" data-testid="national-targets">
      {series.map((s) => {
        const last = s.points[s.points.length - 1];
        return (
          <Stack key={s.code} gap="sm">
            <ChartCard
              testId={`target-${s.code}`}
              title={s.label[lang]}
              subtitle={[
                `${t('analytics.targets.source')}: ${s.source[lang]}`,
                s.targetYear === null
                  ? null
                  : t('analytics.targets.targetYear', { year: formatYear(s.targetYear, lang) }),
              ]
                .filter(Boolean)
                .join(' · ')}
              option={targetLineOption(s, lang, names)}
              height={300}
              table={{
                head: [t('analytics.year'), names.target, names.actual, t('analytics.n'), t('analytics.targets.met')],
                rows: s.points.map((p) => [
                  formatYear(p.fiscalYear, lang),
                  `${p.comparison === 'gte' ? '≥' : '≤'} ${formatPercent(p.targetPercent)}%`,
                  p.actual?.percent == null ? '–' : `${formatPercent(p.actual.percent)}%`,
                  p.actual ? `${p.actual.numerator}/${p.actual.denominator}` : '–',
                  p.met === null ? '–' : p.met ? t('analytics.targets.yes') : t('analytics.targets.no'),
                ]),
              }}
              fileBase={`target-${s.code}`}
            />
            {last?.suppressed && <Alert color="gray">{last.suppressed.message[lang]}</Alert>}
            {last && last.met !== null && (
              <Text size="sm" fw={600} data-testid={`target-status-${s.code}`}>
                {last.met ? t('analytics.targets.metLatest') : t('analytics.targets.notMetLatest')}
              </Text>
            )}
            <Nearest s={s} lang={lang} />
          </Stack>
        );
      })}
    </Stack>
  );
}
