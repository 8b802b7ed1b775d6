import { formatPercent, type Share } from '@dg/shared/domain/analytics-math';
import { wrapLabel } from '../../lib/wrap-label';
import { type Lang, LEVEL_COLORS, LEVEL_TEXT, levelName } from './api';
import { type ChartOption, FONT } from './chart-card';

export interface LevelRow {
  label: string;
  /** Shares of levels 1..5. */
  levels: { level: number; count: number; share: Share }[];
  denominator: number;
}

const wrap = wrapLabel;

/** 100% stacked horizontal bars: one bar per row, one segment per level, in the level colours. */
export function stackedLevelsOption(rows: LevelRow[], lang: Lang, opts: { clickable?: boolean } = {}): ChartOption {
  // Horizontal bars read top-down: ECharts draws the first category at the bottom.
  const ordered = [...rows].reverse();
  return {
    color: [...LEVEL_COLORS],
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesIndex: number; dataIndex: number; name: string }) => {
        const row = ordered[p.dataIndex];
        const l = row?.levels[p.seriesIndex];
        if (!row || !l) return '';
        return `${p.name.replace(/\n/g, ' ')}<br/>${levelName(l.level, lang)}: ${l.count} / ${row.denominator} (${formatPercent(l.share.percent)}%)`;
      },
    },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => wrap(r.label, 28)),
      axisLabel: { fontFamily: FONT, fontSize: 11, lineHeight: 14 },
    },
    series: [1, 2, 3, 4, 5].map((level) => ({
      type: 'bar',
      stack: 'levels',
      name: levelName(level, lang),
      barMaxWidth: 34,
      cursor: opts.clickable ? 'pointer' : 'default',
      label: {
        show: true,
        color: LEVEL_TEXT[level - 1],
        fontSize: 11,
        formatter: (p: { value: number }) => (p.value >= 5 ? p.value.toFixed(2) : ''),
      },
      data: ordered.map((r) => r.levels.find((l) => l.level === level)?.share.percent ?? 0),
    })),
  };
}

export function levelTable(rows: LevelRow[], firstHead: string, lang: Lang, nHead: string) {
  return {
    head: [firstHead, nHead, ...[1, 2, 3, 4, 5].map((l) => levelName(l, lang))],
    rows: rows.map((r) => [
      r.label,
      r.denominator,
      ...[1, 2, 3, 4, 5].map((lv) => {
        const l = r.levels.find((x) => x.level === lv);
        return l ? `${l.count} (${formatPercent(l.share.percent)}%)` : '–';
      }),
    ]),
  };
}

/** Average level (1..5) of a distribution; null when nobody was assessed. */
export function averageLevel(levels: { level: number; count: number }[]): number | null {
  let n = 0;
  let s = 0;
  for (const l of levels) {
    n += l.count;
    s += l.count * l.level;
  }
  return n ? s / n : null;
}

export function radarOption(axes: string[], series: { name: string; values: (number | null)[] }[]): ChartOption {
  return {
    color: ['#1864ab', '#868e96'],
    tooltip: {},
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    radar: {
      // Room for names of up to three short lines on every side, down to a phone's width.
      radius: '55%',
      center: ['50%', '50%'],
      indicator: axes.map((name) => ({ name: wrap(name, 14), min: 0, max: 5 })),
      axisName: { color: '#333', fontFamily: FONT, fontSize: 11, lineHeight: 13 },
    },
    series: [
      {
        type: 'radar',
        data: series.map((s, i) => ({
          name: s.name,
          value: s.values.map((v) => (v === null ? 0 : Math.round(v * 100) / 100)),
          areaStyle: i === 0 ? { opacity: 0.18 } : undefined,
          lineStyle: { type: i === 0 ? 'solid' : 'dashed' },
          label: i === 0 ? { show: true, fontSize: 10 } : undefined,
        })),
      },
    ],
  };
}

/**
 * Horizontal bars, one per category; several series are grouped. Shares by default (0-100%); with
 * `unit` the axis is in the question's own unit (a count of transactions is not a percentage).
 */
export function shareBarsOption(
  categories: string[],
  series: { name: string; values: (number | null)[] }[],
  opts: { max?: number; colors?: string[]; unit?: string } = {},
): ChartOption {
  const ordered = [...categories].reverse();
  const unit = opts.unit ?? '%';
  const percent = unit === '%';
  // Whole numbers stay whole; shares keep their two decimals.
  const show = (v: number) => (percent ? v.toFixed(2) : Number.isInteger(v) ? String(v) : v.toFixed(2));
  return {
    color: opts.colors ?? ['#1864ab', '#f08c00', '#2f9e44', '#c92a2a', '#7048e8', '#0c8599', '#868e96'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { top: 0, type: 'scroll', textStyle: { fontFamily: FONT } } : undefined,
    grid: { left: 8, right: 48, top: series.length > 1 ? 36 : 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      max: opts.max ?? (percent ? 100 : undefined),
      axisLabel: { formatter: unit ? `{value}${percent ? '%' : ` ${unit}`}` : '{value}', hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      data: ordered.map((c) => wrap(c, 34)),
      axisLabel: { fontFamily: FONT, fontSize: 11, lineHeight: 14 },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 26,
      label: {
        show: true,
        position: 'right',
        fontSize: 10,
        formatter: (p: { value: number | null }) => (p.value === null ? '' : show(p.value)),
      },
      data: [...s.values].reverse(),
    })),
  };
}

/** Height that keeps horizontal bars readable for n categories. */
export const barHeight = (n: number, perRow = 38, min = 220) => Math.max(min, 60 + n * perRow);
