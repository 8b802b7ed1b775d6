import type { Levels } from '@dg/shared/schemas/analytics';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { type Lang, levelName, tx } from './public-api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The level colours of the analytics pages (1 Initial ... 5 Optimizing). */
const LEVEL_COLORS = ['#c92a2a', '#f08c00', '#fab005', '#2f9e44', '#1864ab'];
const FONT = 'Sarabun, "Noto Sans Thai", "Noto Sans", sans-serif';

/** Percent of agencies at each level, one stacked bar per pillar: the table above, drawn. */
export default function LevelChart({ levels, lang, label }: { levels: Levels; lang: Lang; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const pillars = [...levels.pillars].reverse();
  const height = Math.max(220, pillars.length * 44 + 90);
  const option = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: pillars.map((p) => `${p.number}`),
      name: '',
    },
    series: [1, 2, 3, 4, 5].map((l) => ({
      name: levelName(l, lang),
      type: 'bar',
      stack: 'levels',
      itemStyle: { color: LEVEL_COLORS[l - 1] },
      data: pillars.map((p) => p.levels.find((x) => x.level === l)?.share.percent ?? 0),
    })),
  };
  const key = JSON.stringify(option);
  const names = pillars.map((p) => `${p.number} ${tx(p.name, lang)}`).join(', ');

  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the figures (the key) change
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { renderer: 'svg', height });
    c.setOption(option);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
    };
  }, [key, height]);

  return <div ref={ref} role="img" aria-label={`${label}: ${names}`} style={{ width: '100%', height }} />;
}
