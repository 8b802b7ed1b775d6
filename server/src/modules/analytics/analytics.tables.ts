import type { ItemStatistics, RateRow, ResponseRates, YearOverYear } from '@dg/shared/schemas/analytics';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { csvCast, xlsxBuffer } from '../../lib/spreadsheet';
import { ITEM_COLUMNS, itemRowsOf } from './analytics.export';

/** A flat aggregate table: the same rows go to CSV, XLSX and the open-data package. */
export type Cell = string | number | boolean | null;
export interface Table {
  columns: readonly string[];
  rows: Cell[][];
}

/** CSV text, UTF-8 with BOM (Excel opens Thai correctly), header row first. */
export function tableCsv(t: Table): string {
  return stringify(t.rows, {
    bom: true,
    header: true,
    columns: [...t.columns],
    cast: { ...csvCast, boolean: (b) => (b ? '1' : '0') },
  });
}

/** One worksheet per table; sheet names are Excel-safe (31 characters, no []:*?/\). */
export async function tablesXlsx(sheets: Record<string, Table>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, t] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31));
    ws.addRow([...t.columns]);
    for (const r of t.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
  }
  return xlsxBuffer(wb);
}

export const itemTable = (s: ItemStatistics): Table => ({ columns: ITEM_COLUMNS, rows: itemRowsOf(s) });

export const RATE_COLUMNS = [
  'segment_by',
  'segment_value',
  'label_th',
  'label_en',
  'invited',
  'started',
  'started_percent',
  'submitted',
  'submitted_percent',
  'verified',
  'verified_percent',
] as const;

const rateCells = (by: string, r: RateRow): Cell[] =>
  r.suppressed
    ? [by, r.key, r.label?.th ?? '', r.label?.en ?? '', null, null, null, null, null, null, null]
    : rateNumbers(by, r);

const rateNumbers = (by: string, r: RateRow): Cell[] => [
  by,
  r.key,
  r.label?.th ?? '',
  r.label?.en ?? '',
  r.invited,
  r.started.numerator,
  r.started.percent,
  r.submitted.numerator,
  r.submitted.percent,
  r.verified.numerator,
  r.verified.percent,
];

/** Response rates; every share is over `invited`. Ministries are left out when `ministries` is false. */
export function rateTable(r: ResponseRates, ministries = true): Table {
  const rows: Cell[][] = [rateCells('all', r.overall)];
  for (const x of r.byTrack) rows.push(rateCells('track', x));
  for (const x of r.byOrgType) rows.push(rateCells('org_type', x));
  for (const x of r.byRole) rows.push(rateCells('role', x));
  if (ministries) for (const x of r.byMinistry) rows.push(rateCells('ministry', x));
  return { columns: RATE_COLUMNS, rows };
}

export const YOY_COLUMNS = [
  'scope',
  'pillar_key',
  'pillar_number',
  'pillar_name_th',
  'pillar_name_en',
  'previous_pillar_key',
  'changed',
  'cycle',
  'level',
  'count',
  'denominator',
  'percent',
] as const;

/** Year over year, long: per scope and cycle (current/previous) each level, then the at-or-above share. */
export function yoyTable(y: YearOverYear): Table {
  const rows: Cell[][] = [];
  type Dist = YearOverYear['overall']['current'];
  const push = (head: Cell[], which: 'current' | 'previous', d: Dist | null) => {
    if (!d) return;
    if (d.suppressed) {
      rows.push([...head, which, 'withheld', null, null, null]);
      return;
    }
    for (const l of d.levels) rows.push([...head, which, l.level, l.count, l.share.denominator, l.share.percent]);
    rows.push([...head, which, `${y.atLeast}+`, d.atLeast.numerator, d.atLeast.denominator, d.atLeast.percent]);
  };
  const overall: Cell[] = ['overall', '', '', '', '', '', false];
  push(overall, 'current', y.overall.current);
  push(overall, 'previous', y.overall.previous);
  for (const p of y.pillars) {
    const head: Cell[] = ['pillar', p.key, p.number, p.name.th, p.name.en, p.previousKey ?? '', p.changed];
    push(head, 'current', p.current);
    push(head, 'previous', p.previous);
  }
  return { columns: YOY_COLUMNS, rows };
}
