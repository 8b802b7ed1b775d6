import { formatDate } from '@dg/shared/domain/dates';
import { Table, Text } from '@mantine/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/table-scroll';
import type { TrendPoint } from './api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = 'Sarabun, sans-serif';
const HEIGHT = 320;

/** Cumulative started and submitted per day: a canvas line chart, with the same figures as a table. */
export function TrendChart({ points, invited, lang }: { points: TrendPoint[]; invited: number; lang: 'th' | 'en' }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const labels = points.map((p) => formatDate(`${p.date}T00:00:00+07:00`, lang));
  const option = {
    animation: false,
    textStyle: { fontFamily: FONT },
    color: ['#f08c00', '#1c7ed6'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 48, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: invited || undefined, minInterval: 1 },
    series: [
      {
        name: t('monitoring.started'),
        type: 'line',
        symbolSize: 6,
        data: points.map((p) => p.started),
        lineStyle: { type: 'dashed' },
      },
      {
        name: t('monitoring.submitted'),
        type: 'line',
        symbolSize: 6,
        data: points.map((p) => p.submitted),
        areaStyle: { opacity: 0.12 },
      },
    ],
  };
  // The option is rebuilt each render: redraw only when its content changes.
  const key = JSON.stringify(option);

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'canvas', height: HEIGHT });
    chart.setOption(JSON.parse(key) as echarts.EChartsCoreOption);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key]);

  if (points.length === 0) return <Text c="dimmed">{t('monitoring.noTrend')}</Text>;
  const last = points[points.length - 1] as TrendPoint;
  return (
    <>
      <div
        ref={ref}
        role="img"
        aria-label={t('monitoring.trendAlt', {
          from: labels[0],
          to: labels[labels.length - 1],
          started: last.started,
          submitted: last.submitted,
          invited,
        })}
        data-testid="trend-chart"
        style={{ width: '100%', height: HEIGHT }}
      />
      <details>
        <summary>{t('monitoring.trendTable')}</summary>
        <TableScroll minWidth={360} maxHeight={320} label={t('monitoring.trendTable')}>
          <Table striped withTableBorder data-testid="trend-table" aria-label={t('monitoring.trendTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('monitoring.date')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.started')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('monitoring.submitted')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p, i) => (
                <Table.Tr key={p.date}>
                  <Table.Th scope="row" fw={400}>
                    {labels[i]}
                  </Table.Th>
                  <Table.Td ta="right">{p.started}</Table.Td>
                  <Table.Td ta="right">{p.submitted}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </details>
    </>
  );
}
