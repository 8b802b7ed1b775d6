import { formatPercent, type Share } from '@dg/shared/domain/analytics-math';

/**
 * The report model: sections of paragraphs and figures (a chart and its table), as plain strings.
 * Every number in a paragraph is a Fact: a cell of one of the report's tables, cited by position, so
 * the text shows the very string the table prints (never a number typed or computed twice).
 */

export type Lang = 'th' | 'en';

export interface ModelTable {
  columns: string[];
  rows: string[][];
  /** What every share in the table is over (its denominator), in words. */
  note: string;
}

export interface ModelChart {
  kind: 'bar' | 'stacked' | 'hbar';
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Axis maximum (100 for percents). */
  max?: number;
}

export interface ModelFigure {
  id: string;
  title: string;
  chart: ModelChart | null;
  table: ModelTable;
}

export interface Fact {
  figure: string;
  row: number;
  col: number;
  value: string;
}

export interface ModelParagraph {
  text: string;
  facts: Fact[];
}

export interface ModelSection {
  id: string;
  heading: string;
  /** 1: a chapter; 2: a section of one. */
  level: 1 | 2;
  paragraphs: ModelParagraph[];
  figures: ModelFigure[];
}

export interface NationalReportModel {
  lang: Lang;
  title: string;
  subtitle: string;
  fiscalYearLabel: string;
  generatedAt: string;
  sections: ModelSection[];
}

export const pct = (s: Share | null | undefined) => formatPercent(s?.percent ?? null);
export const num = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));
export const dec = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : (Math.round(n * 100) / 100).toFixed(2);

/** A cell of a figure's table, to be placed in a sentence. */
export function cite(fig: ModelFigure, row: number, col: number): Fact {
  const value = fig.table.rows[row]?.[col];
  if (value === undefined) throw new Error(`Figure ${fig.id} has no cell ${row},${col}`);
  return { figure: fig.id, row, col, value };
}

/** A sentence from text and cited cells: the facts are kept beside the text for checking. */
export function para(...parts: (string | Fact)[]): ModelParagraph {
  const facts = parts.filter((p): p is Fact => typeof p !== 'string');
  return { text: parts.map((p) => (typeof p === 'string' ? p : p.value)).join(''), facts };
}

export function section(id: string, heading: string, level: 1 | 2 = 1): ModelSection {
  return { id, heading, level, paragraphs: [], figures: [] };
}

/** A percent value for a chart (null stays a gap). */
export const chartValue = (s: Share | null | undefined) => s?.percent ?? null;

/** A table row whose figures are withheld: the label, then the withheld mark in each of `cells` cells. */
export const withheldRow = (label: string, cells: number, mark: string) => [label, ...Array<string>(cells).fill(mark)];

/** A figure of percents: its chart's axis runs to 100. */
export function percentFigure(
  id: string,
  title: string,
  chart: Omit<ModelChart, 'max'>,
  table: ModelTable,
): ModelFigure {
  return { id, title, chart: { ...chart, max: 100 }, table };
}
