import { unneutralizeCell } from '@dg/shared/domain/spreadsheet-cells';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading an uploaded table (CSV or XLSX) into rows of text cells. Row numbers are the file's own:
 * the header is row 1, so an error's row matches what the user sees in a spreadsheet.
 */
export interface Table {
  header: string[];
  /** Data rows with their row number in the file (header = 1). */
  rows: { row: number; cells: string[] }[];
}

/** Export neutralizes cells a spreadsheet would execute ('=...' becomes "'=..."); undo it on the way back. */
export const unneutralize = unneutralizeCell;

/** A CSV the parser refuses, with the file's line where it stopped (header = 1). */
export class CsvError extends Error {
  constructor(
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(line === null ? `CSV: ${reason}` : `CSV row ${line}: ${reason}`);
  }
}

/**
 * RFC 4180 CSV through csv-parse: quoted fields with "" escapes and embedded newlines, CRLF or LF,
 * optional UTF-8 BOM. Strict about quotes: `"x"y,z` is an error naming its row, never read as `xy`.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvError(typeof e.lines === 'number' ? e.lines : null, e.message);
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return '';
  }
  return String(v);
}

async function xlsxRows(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: string[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(r.getCell(c).value));
    out[n - 1] = cells;
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out;
}

const isXlsx = (content: Buffer) => content.length > 4 && content.readUInt32BE(0) === 0x504b0304;

/** Parses the upload; throws on a file that is neither readable CSV (UTF-8) nor XLSX. */
export async function readTable(content: Buffer, fileName = ''): Promise<Table> {
  let raw: string[][];
  if (isXlsx(content) || /\.xlsx$/i.test(fileName)) raw = await xlsxRows(content);
  else {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    raw = parseCsv(text);
  }
  const [head = [], ...body] = raw;
  const header = head.map((h) => unneutralize(h.trim()));
  const rows: Table['rows'] = [];
  body.forEach((cells, i) => {
    const clean = cells.map((c) => unneutralize(c));
    if (clean.every((c) => c.trim() === '')) return;
    rows.push({ row: i + 2, cells: clean });
  });
  return { header, rows };
}
