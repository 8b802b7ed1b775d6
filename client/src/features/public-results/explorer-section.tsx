import { formatPercent } from '@dg/shared/domain/analytics-math';
import type { ItemStat } from '@dg/shared/schemas/analytics';
import type { PublicItemIndex } from '@dg/shared/schemas/public-results';
import { Alert, Center, Loader, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { type Lang, type Pick, tx, useLang, usePublicItem, usePublicItems } from './public-api';

/** A caption that stays in view and wraps to the screen while its table scrolls sideways. */
const CAPTION = {
  position: 'sticky',
  left: 0,
  display: 'inline-block',
  maxWidth: 'calc(100vw - 40px)',
} as const;

type Share = { numerator: number; denominator: number; percent: number | null };
const pct = (s: Share) => `${formatPercent(s.percent)}%`;

interface Row {
  key: string;
  label: string;
  count: number;
  share: Share;
}

/** The rows a question's statistics print as: its options, or each matrix row's options. */
function rowsOf(stat: ItemStat, lang: Lang): Row[] {
  if (stat.rows?.length)
    return stat.rows.flatMap((r) =>
      r.options.map((o) => ({
        key: `${r.code}.${o.code}`,
        label: `${tx(r.label, lang)}: ${tx(o.label, lang)}`,
        count: o.count,
        share: o.share,
      })),
    );
  return (stat.options ?? []).map((o) => ({ key: o.code, label: tx(o.label, lang), count: o.count, share: o.share }));
}

function StatTable({ caption, rows }: { caption: string; rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={360} type="native" tabIndex={0} role="region" aria-label={caption}>
      <Table striped withTableBorder fz="sm" verticalSpacing={6} captionSide="top">
        <Table.Caption style={{ textAlign: 'start' }}>
          {/* Kept in view while the table scrolls sideways on a phone. */}
          <span style={CAPTION}>{caption}</span>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('publicResults.option')}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t('publicResults.count')}
            </Table.Th>
            <Table.Th scope="col" ta="end">
              {t('publicResults.share')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={400}>
                {r.label}
              </Table.Th>
              <Table.Td ta="end">{r.count}</Table.Td>
              <Table.Td ta="end">
                {pct(r.share)} ({r.share.numerator}/{r.share.denominator})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ItemResult({
  year,
  pick,
  track,
  segment,
}: {
  year: number;
  pick: Pick;
  track: string | null;
  segment: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = usePublicItem(year, pick, track);
  if (q.isPending)
    return (
      <Center py="md" role="status">
        <Loader size="sm" aria-label={t('state.loading')} />
      </Center>
    );
  if (q.isError) return <Alert color="red">{t('state.error')}</Alert>;
  const { data } = q;
  if (data.kind === 'indicator') {
    const s = data.s;
    if (s.suppressed) return <Alert color="gray">{tx(s.suppressed.message, lang)}</Alert>;
    return (
      <Stack gap="xs">
        <Text size="sm">{t('publicResults.population', { n: s.share.denominator })}</Text>
        <Text size="sm" c="dimmed">
          {tx(s.populationLabel, lang)}
        </Text>
        <StatTable
          caption={t('publicResults.itemCaption', { text: tx(s.label, lang), segment })}
          rows={[{ key: s.code, label: t('publicResults.headline'), count: s.share.numerator, share: s.share }]}
        />
      </Stack>
    );
  }
  const s = data.s;
  const stat = s.overall;
  if (s.suppressed || stat.suppressed)
    return <Alert color="gray">{tx((s.suppressed ?? stat.suppressed)?.message, lang)}</Alert>;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('publicResults.population', { n: stat.population })}</Text>
      {s.populationLabel && (
        <Text size="sm" c="dimmed">
          {tx(s.populationLabel, lang)}
        </Text>
      )}
      <StatTable
        caption={t('publicResults.itemCaption', { text: tx(s.text, lang), segment })}
        rows={rowsOf(stat, lang)}
      />
    </Stack>
  );
}

/** The public reads questions by their text; staff also see the codes they work with. */
function pickerData(idx: PublicItemIndex, lang: Lang, indicatorsLabel: string, withCodes: boolean) {
  const groups = idx.pillars
    .filter((p) => p.items.length > 0)
    .map((p) => ({
      group: `${p.number}. ${tx(p.name, lang)}`,
      items: p.items.map((i) => {
        const text = tx(i.text, lang) || i.code;
        return { value: `item:${i.code}`, label: withCodes ? `${i.code} · ${text}` : text };
      }),
    }));
  if (idx.indicators.length)
    groups.unshift({
      group: indicatorsLabel,
      items: idx.indicators.map((i) => ({ value: `indicator:${i.code}`, label: tx(i.label, lang) })),
    });
  return groups;
}

export function ExplorerSection({ year, tracks }: { year: number; tracks: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const idx = usePublicItems(year, true);
  const role = useAuth().user?.role;
  const staff = role === 'analyst' || role === 'admin';
  const [chosen, setChosen] = useState<string | null>(null);
  const [track, setTrack] = useState('all');
  const data = useMemo(
    () => (idx.data ? pickerData(idx.data, lang, t('publicResults.indicatorsGroup'), staff) : []),
    [idx.data, lang, t, staff],
  );
  const value = chosen ?? data[0]?.items[0]?.value ?? null;
  const pick: Pick | null = value
    ? { kind: value.startsWith('indicator:') ? 'indicator' : 'item', code: value.split(':')[1] ?? '' }
    : null;
  const segment = tracks.find((x) => x.value === track)?.label ?? '';
  return (
    <Stack gap="sm">
      <Title order={2} id="explorer">
        {t('publicResults.explorer')}
      </Title>
      <Text size="sm">{t('publicResults.explorerIntro')}</Text>
      {idx.isPending ? (
        <Center py="md" role="status">
          <Loader size="sm" aria-label={t('state.loading')} />
        </Center>
      ) : idx.isError ? (
        <Alert color="red">{t('state.error')}</Alert>
      ) : (
        <>
          <Select
            className="dg-public-no-print"
            label={t('publicResults.item')}
            data={data}
            value={value}
            onChange={(v) => v && setChosen(v)}
            searchable
            allowDeselect={false}
            maxDropdownHeight={360}
            comboboxProps={{ width: 'target' }}
          />
          <SegmentedControl
            className="dg-public-no-print"
            aria-label={t('publicResults.segmentPicker')}
            value={track}
            onChange={setTrack}
            data={tracks}
            fullWidth
            styles={{ label: { whiteSpace: 'normal' } }}
          />
          {pick && <ItemResult year={year} pick={pick} track={track === 'all' ? null : track} segment={segment} />}
        </>
      )}
    </Stack>
  );
}
