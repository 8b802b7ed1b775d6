import { wrapWords } from '@dg/shared/domain/word-wrap';
import * as echarts from 'echarts';
import { CHART_FONT } from '../reports/charts';
import type { ModelChart } from './national-report.kit';

/** A figure's chart as vector SVG (ECharts server-side rendering), inlined into the PDF's HTML. */

const COLORS = ['#1c7ed6', '#f08c00', '#37b24d', '#ae3ec9', '#868e96'];
const LEVEL_COLORS = ['#e03131', '#f08c00', '#fab005', '#74b816', '#2f9e44'];

export function chartSvg(c: ModelChart, width = 640): string {
  const horizontal = c.kind === 'hbar';
  const height = horizontal ? Math.max(160, 60 + c.categories.length * 28) : 300;
  const valueAxis = { type: 'value', min: 0, max: c.max, axisLabel: { fontFamily: CHART_FONT, fontSize: 10 } };
  // Wrapped here, between words: ECharts' own breaking cuts Thai words and detaches vowel signs.
  const columns = horizontal ? 34 : 13;
  const categoryAxis = {
    type: 'category',
    data: c.categories.map((label) => wrapWords(label, columns).join('\n')),
    inverse: horizontal,
    axisLabel: { fontFamily: CHART_FONT, fontSize: 10, interval: 0, lineHeight: 13 },
  };
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      color: c.kind === 'stacked' ? LEVEL_COLORS : COLORS,
      legend: c.series.length > 1 ? { top: 0, textStyle: { fontFamily: CHART_FONT, fontSize: 11 } } : undefined,
      grid: {
        left: horizontal ? 230 : 44,
        right: 24,
        top: c.series.length > 1 ? 40 : 16,
        bottom: horizontal ? 24 : 48,
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: c.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        stack: c.kind === 'stacked' ? 'levels' : undefined,
        barMaxWidth: 24,
        label:
          c.kind === 'stacked'
            ? undefined
            : { show: true, position: horizontal ? 'right' : 'top', fontSize: 9, fontFamily: CHART_FONT },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
