import { formatPercent } from '@dg/shared/domain/analytics-math';
import { verifiedBasisState } from '@dg/shared/domain/basis';
import type { Levels } from '@dg/shared/schemas/analytics';
import type { PublicOverview } from '@dg/shared/schemas/public-results';
import { Alert, Center, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lang, levelName, tx, useLang } from './public-api';

/** ECharts is heavy: its chunk loads after the tables are on screen (the tables carry the same figures). */
const LevelChart = lazy(() => import('./level-chart'));

/** A caption that stays in view and wraps to the screen while its table scrolls sideways. */
const CAPTION = {
  position: 'sticky',
  left: 0,
  display: 'inline-block',
  maxWidth: 'calc(100vw - 40px)',
} as const;

type Share = { numerator: number; denominator: number; percent: number | null };
const pct = (s: Share) => `${formatPercent(s.percent)}%`;
const LEVELS = [1, 2, 3, 4, 5];

function ScrollTable({
  caption,
  children,
  minWidth = 600,
}: {
  caption: string;
  children: React.ReactNode;
  minWidth?: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder fz="sm" verticalSpacing={6} captionSide="top">
        <Table.Caption style={{ textAlign: 'start' }}>
          {/* Kept in view while the table scrolls sideways on a phone. */}
          <span style={CAPTION}>{caption}</span>
        </Table.Caption>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

function RatesTable({ o }: { o: PublicOverview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = [
    { ...o.responseRates.overall, label: { th: t('publicResults.all'), en: t('publicResults.all') } },
    ...o.responseRates.byTrack,
  ];
  return (
    <ScrollTable caption={t('publicResults.responseRatesCaption')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" miw={170}>
            {t('publicResults.group')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.invited')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.submitted')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.verified')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>
              {tx(r.label, lang)}
            </Table.Th>
            {r.suppressed ? (
              <Table.Td colSpan={3} ta="end">
                {t('publicResults.withheld')}
              </Table.Td>
            ) : (
              <>
                <Table.Td ta="end">{r.invited}</Table.Td>
                <Table.Td ta="end">
                  {r.submitted.numerator} ({pct(r.submitted)})
                </Table.Td>
                <Table.Td ta="end">
                  {r.verified.numerator} ({pct(r.verified)})
                </Table.Td>
              </>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

interface LevelRow {
  key: string;
  label: string;
  suppressed: boolean;
  denominator: number;
  levels: { level: number; count: number; share: Share }[];
  atLeast: Share;
}

function LevelTable({
  caption,
  head,
  rows,
  atLeast,
}: {
  caption: string;
  head: string;
  rows: LevelRow[];
  atLeast: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ScrollTable caption={caption} minWidth={860}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" miw={170}>
            {head}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.denominator')}
          </Table.Th>
          {LEVELS.map((l) => (
            <Table.Th scope="col" ta="end" key={l}>
              {levelName(l, lang)}
            </Table.Th>
          ))}
          <Table.Th scope="col" ta="end">
            {t('publicResults.atLeast', { level: atLeast })}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>
              {r.label}
            </Table.Th>
            {r.suppressed ? (
              <Table.Td colSpan={LEVELS.length + 2} ta="end">
                {t('publicResults.withheld')}
              </Table.Td>
            ) : (
              <>
                <Table.Td ta="end">{r.denominator}</Table.Td>
                {LEVELS.map((l) => {
                  const c = r.levels.find((x) => x.level === l);
                  return (
                    <Table.Td ta="end" key={l}>
                      {c ? `${c.count} (${pct(c.share)})` : '–'}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="end">{pct(r.atLeast)}</Table.Td>
              </>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

const overallRow = (key: string, label: string, l: Levels): LevelRow => ({
  key,
  label,
  suppressed: !!l.suppressed,
  denominator: l.denominator,
  levels: l.overall.levels,
  atLeast: l.overall.atLeast,
});

export function pillarRows(l: Levels, lang: Lang): LevelRow[] {
  return l.pillars.map((p) => ({
    key: p.key,
    label: `${p.number}. ${tx(p.name, lang)}`,
    suppressed: !!l.suppressed,
    denominator: p.levels.reduce((n, x) => n + x.count, 0),
    levels: p.levels,
    atLeast: p.atLeast,
  }));
}

function TargetsTable({ o }: { o: PublicOverview }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (o.targets.length === 0) return <Text c="dimmed">{t('publicResults.noTargets')}</Text>;
  return (
    <ScrollTable caption={t('publicResults.targetsCaption')} minWidth={760}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" miw={200}>
            {t('publicResults.target')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.targetValue')}
          </Table.Th>
          <Table.Th scope="col" ta="end">
            {t('publicResults.actual')}
          </Table.Th>
          <Table.Th scope="col">{t('publicResults.met')}</Table.Th>
          <Table.Th scope="col">{t('publicResults.source')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {o.targets.map((s) => {
          const p = s.points.find((x) => x.fiscalYear === o.cycle.fiscalYear);
          return (
            <Table.Tr key={s.code}>
              <Table.Th scope="row" fw={500}>
                {tx(s.label, lang)}
              </Table.Th>
              <Table.Td ta="end">
                {p ? `${p.comparison === 'gte' ? '≥' : '≤'} ${formatPercent(p.targetPercent)}%` : '–'}
              </Table.Td>
              <Table.Td ta="end">{p?.suppressed || !p?.actual ? t('publicResults.withheld') : pct(p.actual)}</Table.Td>
              <Table.Td>{p?.met == null ? '–' : p.met ? t('publicResults.metYes') : t('publicResults.metNo')}</Table.Td>
              <Table.Td>{tx(s.source, lang)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}

export function OverviewSection({ o }: { o: PublicOverview }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pillar = t('glossary.pillar');
  const [segment, setSegment] = useState('all');
  const trackLabel = (l: Levels, i: number) =>
    tx(o.responseRates.byTrack.find((r) => r.key === l.segment.track)?.label, lang) || `${i}`;
  const chosen =
    segment === 'all' ? o.levels.all : (o.levels.byTrack.find((l) => l.segment.track === segment) ?? o.levels.all);
  const segmentName = segment === 'all' ? t('publicResults.all') : trackLabel(chosen, 0);
  const atLeast = o.levels.all.atLeast;
  return (
    <Stack gap="lg">
      <Title order={2} id="overview">
        {t('publicResults.overview')}
      </Title>
      <Stack gap="xs">
        <Title order={3}>{t('publicResults.responseRates')}</Title>
        <RatesTable o={o} />
      </Stack>
      <Stack gap="xs">
        <Title order={3}>{t('publicResults.levels')}</Title>
        <LevelTable
          caption={t('publicResults.levelsCaption', {
            basis: t(
              `publicResults.basis_${verifiedBasisState(o.responseRates.overall.verified.numerator, o.responseRates.overall.submitted.numerator)}`,
              {
                n: o.responseRates.overall.verified.numerator,
                of: o.responseRates.overall.submitted.numerator,
              },
            ),
          })}
          head={t('publicResults.group')}
          atLeast={atLeast}
          rows={[
            overallRow('all', t('publicResults.all'), o.levels.all),
            ...o.levels.byTrack.map((l, i) => overallRow(l.segment.track ?? `${i}`, trackLabel(l, i), l)),
          ]}
        />
        {o.levels.all.narrative[lang].map((s) => (
          <Text key={s} size="sm">
            {s}
          </Text>
        ))}
      </Stack>
      <Stack gap="xs">
        <Title order={3}>{t('publicResults.pillarsTitle', { pillar })}</Title>
        <SegmentedControl
          className="dg-public-no-print"
          aria-label={t('publicResults.segmentPicker')}
          value={segment}
          onChange={setSegment}
          data={[
            { value: 'all', label: t('publicResults.all') },
            ...o.levels.byTrack.map((l, i) => ({ value: l.segment.track ?? `${i}`, label: trackLabel(l, i) })),
          ]}
          fullWidth
          styles={{ label: { whiteSpace: 'normal' } }}
        />
        {chosen.suppressed ? (
          <Alert color="gray">{tx(chosen.suppressed.message, lang)}</Alert>
        ) : (
          <>
            <LevelTable
              caption={t('publicResults.pillarsCaption', { pillar, segment: segmentName })}
              head={pillar}
              atLeast={atLeast}
              rows={pillarRows(chosen, lang)}
            />
            <Suspense
              fallback={
                <Center py="md" role="status">
                  <Loader size="sm" aria-label={t('publicResults.chartLoading')} />
                </Center>
              }
            >
              <LevelChart levels={chosen} lang={lang} label={t('publicResults.chartLabel')} />
            </Suspense>
          </>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3}>{t('publicResults.targets')}</Title>
        <TargetsTable o={o} />
      </Stack>
    </Stack>
  );
}
