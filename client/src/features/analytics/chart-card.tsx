import { Button, Card, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { chartPng, chartSvg } from '../../lib/chart-export';
import { saveBlob, saveCsv } from './api';

// Canvas on the page (getDataURL then gives a PNG); the SVG renderer draws the SVG export off-screen.
echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export const FONT = 'Sarabun, "Noto Sans Thai", "Noto Sans", sans-serif';

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  seriesName?: string;
  name: string;
}

/** An ECharts canvas bound to a div; the option is applied whenever its data (not its functions) changes. */
function useEChart(option: ChartOption, height: number, onClick?: (p: ChartClick) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const optionRef = useRef(option);
  optionRef.current = option;
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const key = JSON.stringify(option);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { renderer: 'canvas', height });
    chart.current = c;
    c.on('click', (p) => clickRef.current?.(p as unknown as ChartClick));
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(onResize) : null;
    ro?.observe(ref.current);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, [height]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the option's content
  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: FONT }, ...optionRef.current },
      { notMerge: true },
    );
  }, [key, height]);

  return { ref, chart, optionRef };
}

export interface DataTable {
  head: string[];
  rows: (string | number)[][];
}

/**
 * One chart of the analytics pages: title, the chart (canvas, with a text alternative), its data
 * as a compact table beneath, and PNG / CSV exports of exactly that data.
 */
export function ChartCard({
  title,
  subtitle,
  option,
  height = 320,
  table,
  fileBase,
  onClick,
  footer,
  testId,
  cellAction,
}: {
  title: string;
  subtitle?: ReactNode;
  option: ChartOption;
  height?: number;
  table: DataTable;
  fileBase: string;
  onClick?: (p: ChartClick) => void;
  footer?: ReactNode;
  testId?: string;
  /** The same drill-down as a chart click, from the data table, so keyboard users reach it too. */
  cellAction?: CellAction;
}) {
  const { t } = useTranslation();
  const { ref, chart, optionRef } = useEChart(option, height, onClick);
  const png = () => {
    if (chart.current) saveBlob(chartPng(chart.current), `${fileBase}.png`);
  };
  const svg = () => {
    const width = ref.current?.clientWidth || 800;
    saveBlob(chartSvg({ textStyle: { fontFamily: FONT }, ...optionRef.current }, width, height), `${fileBase}.svg`);
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId} component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ flex: 1, minWidth: 240 }}>
            <Title order={3} size="h5">
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </div>
          <Group gap={6} wrap="nowrap">
            <Button
              size="compact-xs"
              variant="default"
              onClick={png}
              aria-label={`${t('analytics.exportPng')}: ${title}`}
            >
              PNG
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={svg}
              aria-label={`${t('analytics.exportSvg')}: ${title}`}
            >
              SVG
            </Button>
            <Button
              size="compact-xs"
              variant="default"
              onClick={() => saveCsv([table.head, ...table.rows], `${fileBase}.csv`)}
              aria-label={`${t('analytics.exportCsv')}: ${title}`}
            >
              CSV
            </Button>
          </Group>
        </Group>
        <div
          ref={ref}
          role="img"
          aria-label={`${title}. ${t('analytics.chartAlt')}`}
          data-testid={testId ? `${testId}-chart` : undefined}
          style={{ width: '100%', height }}
        />
        {onClick && (
          <Text size="xs" c="dimmed">
            {t('analytics.clickHint')}
          </Text>
        )}
        <CompactTable
          table={table}
          caption={title}
          testId={testId ? `${testId}-table` : undefined}
          cellAction={cellAction}
        />
        {footer}
      </Stack>
    </Card>
  );
}

/** For a data cell, the action it opens (a drill-down), or undefined when the cell is plain. */
export type CellAction = (row: number, col: number) => (() => void) | undefined;

export function CompactTable({
  table,
  caption,
  testId,
  cellAction,
}: {
  table: DataTable;
  caption: string;
  testId?: string;
  cellAction?: CellAction;
}) {
  const { t } = useTranslation();
  return (
    // A focusable region, so keyboard users can scroll a wide or long table.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable region must be focusable (axe)
    <section tabIndex={0} aria-label={caption} style={{ maxHeight: 320, overflow: 'auto' }}>
      <Table
        striped
        withTableBorder
        fz="xs"
        verticalSpacing={4}
        horizontalSpacing="xs"
        data-testid={testId}
        stickyHeader
      >
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          {t('analytics.tableOf', { title: caption })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {table.head.map((h, i) => (
              <Table.Th key={h} ta={i === 0 ? 'left' : 'right'} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((r, ri) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <Table.Tr key={ri}>
              {r.map((c, ci) =>
                ci === 0 ? (
                  <Table.Th key={table.head[ci]} scope="row" fw={500}>
                    {c}
                  </Table.Th>
                ) : (
                  <Table.Td key={table.head[ci]} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Cell value={c} action={cellAction?.(ri, ci)} label={`${r[0]} · ${table.head[ci]}`} />
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Cell({ value, action, label }: { value: string | number; action?: () => void; label: string }) {
  if (!action) return <>{value}</>;
  return (
    <UnstyledButton
      onClick={action}
      aria-label={`${label}: ${value}`}
      data-testid="drill-cell"
      fz="xs"
      c="blue.8"
      td="underline"
    >
      {value}
    </UnstyledButton>
  );
}
