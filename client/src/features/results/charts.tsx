import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { wrapLabel } from '../../lib/wrap-label';

echarts.use([RadarChart, BarChart, RadarComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const FONT = 'Sarabun, sans-serif';
export const COLORS = ['#1c7ed6', '#f08c00', '#868e96'];

function useChart(option: echarts.EChartsCoreOption, height: number) {
  const ref = useRef<HTMLDivElement>(null);
  // Callers build the option inline: redraw only when its content changes.
  const key = JSON.stringify(option);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'svg', height });
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...(JSON.parse(key) as object) });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key, height]);
  return ref;
}

export function RadarView({
  axes,
  series,
  label,
}: {
  axes: string[];
  series: { name: string; values: (number | null)[] }[];
  label: string;
}) {
  const ref = useChart(
    {
      color: COLORS,
      tooltip: {},
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      radar: {
        // Wrapped names (Thai has no spaces) and a smaller radius keep every name inside the chart.
        radius: '55%',
        center: ['50%', '47%'],
        indicator: axes.map((name) => ({ name: wrapLabel(name, 14), min: 0, max: 5 })),
        axisName: { color: '#333', fontFamily: FONT, fontSize: 11, lineHeight: 13 },
      },
      series: [
        {
          type: 'radar',
          data: series.map((s, i) => ({
            name: s.name,
            value: s.values.map((v) => v ?? 0),
            areaStyle: i === 0 ? { opacity: 0.15 } : undefined,
            lineStyle: { type: i === 0 ? 'solid' : 'dashed' },
          })),
        },
      ],
    },
    360,
  );
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 360 }} />;
}

export function YoyBars({
  categories,
  series,
  label,
}: {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  label: string;
}) {
  const ref = useChart(
    {
      color: [COLORS[2] as string, COLORS[0] as string],
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 36, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', min: 0, max: 5, interval: 1 },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        barMaxWidth: 22,
        label: { show: true, position: 'top' },
      })),
    },
    280,
  );
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
