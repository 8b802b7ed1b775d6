import * as echarts from 'echarts';

/** Server-side ECharts (SVG, no DOM): the SVG is inlined into the report HTML and printed by Chromium with Sarabun. */

export const CHART_FONT = 'Sarabun, sans-serif';
export const SERIES_COLORS = ['#1c7ed6', '#f08c00', '#868e96'];

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface RadarSeries {
  name: string;
  values: (number | null)[];
}

/** Agency vs peer median vs national median, one axis per pillar (levels 0..5). */
export function radarSvg(axes: string[], series: RadarSeries[], width = 640, height = 400): string {
  return render(
    {
      color: SERIES_COLORS,
      legend: { bottom: 0, itemGap: 24, textStyle: { fontFamily: CHART_FONT, fontSize: 12 } },
      radar: {
        center: ['50%', '48%'],
        radius: '52%',
        indicator: axes.map((name) => ({ name, max: 5, min: 0 })),
        splitNumber: 5,
        axisName: { color: '#333', fontFamily: CHART_FONT, fontSize: 11 },
      },
      series: [
        {
          type: 'radar',
          data: series.map((s, i) => ({
            name: s.name,
            value: s.values.map((v) => v ?? 0),
            areaStyle: i === 0 ? { opacity: 0.15 } : undefined,
            lineStyle: { width: i === 0 ? 2.5 : 1.5, type: i === 0 ? 'solid' : 'dashed' },
            symbolSize: 4,
          })),
        },
      ],
    },
    width,
    height,
  );
}

/** Year-over-year levels per pillar: previous cycle vs this cycle. */
export function yoyBarsSvg(
  categories: string[],
  series: { name: string; values: (number | null)[] }[],
  width = 640,
  height = 300,
): string {
  return render(
    {
      color: ['#868e96', '#1c7ed6'],
      legend: { top: 0, itemGap: 24, textStyle: { fontFamily: CHART_FONT, fontSize: 12 } },
      grid: { left: 40, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: categories, axisLabel: { fontFamily: CHART_FONT, fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 5, interval: 1, axisLabel: { fontFamily: CHART_FONT } },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        barMaxWidth: 22,
        label: { show: true, position: 'top', fontSize: 10, fontFamily: CHART_FONT },
      })),
    },
    width,
    height,
  );
}
