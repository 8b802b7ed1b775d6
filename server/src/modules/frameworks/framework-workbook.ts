import { frameworkToWorkbook } from '@dg/shared/domain/framework-workbook-export';
import type { WorkbookData } from '@dg/shared/domain/framework-workbook-import';
import {
  FIRST_DATA_ROW,
  SHEET_SPECS,
  WORKBOOK_SHEETS,
  type WorkbookCell,
} from '@dg/shared/domain/framework-workbook-sheets';
import { unneutralizeCell } from '@dg/shared/domain/spreadsheet-cells';
import type { Framework } from '@dg/shared/schemas/framework';
import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../lib/spreadsheet';

const README_TH = [
  'แบบฟอร์มกรอบการประเมินความพร้อมรัฐบาลดิจิทัล (แก้ไขแล้วนำเข้ากลับได้)',
  'แถวที่ 1 ของแต่ละชีตเป็นคำอธิบายภาษาไทย แถวที่ 2 เป็นรหัสคอลัมน์ที่ระบบอ่าน ห้ามแก้แถวที่ 2 ข้อมูลเริ่มแถวที่ 3',
  'ลำดับของแถวคือลำดับในแบบสอบถาม คำถาม ตัวเลือก และเกณฑ์อ้างถึงรายการแม่ด้วยรหัส',
  'ใช่/ไม่ใช่: พิมพ์ "ใช่" หรือ "ไม่ใช่" ช่องว่างหมายถึงไม่ระบุ (ใช้ค่าตั้งต้น)',
  'เงื่อนไข: ชีต conditions หนึ่งแถวต่อหนึ่งส่วนของเงื่อนไข ลำดับ 1 คือราก 1.1, 1.2 คือส่วนย่อยของ all/any',
  'ตัวดำเนินการ: eq, neq, in, includes, excludes, gte, lte, gt, lt, answered, stage_at_least',
  'ชนิดคำถาม: single, multiple, yes_no, number, percentage, text, long_text, date, staged, reason, matrix',
  'เมื่อนำเข้า ระบบจะตรวจทั้งไฟล์และแจ้งทุกปัญหาพร้อมชีต แถว และคอลัมน์',
];

/** The framework as an XLSX workbook: a Thai guide sheet, then one sheet per part. */
export async function frameworkWorkbookXlsx(framework: Framework, hash: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DG Readiness Survey';
  wb.created = new Date();
  const guide = wb.addWorksheet('คำอธิบาย');
  guide.getColumn(1).width = 120;
  for (const line of [...README_TH, '', `รหัสกรอบ: ${framework.code}`, `hash: ${hash}`]) guide.addRow([line]);
  guide.getRow(1).font = { bold: true, size: 14 };

  const rows = frameworkToWorkbook(framework);
  for (const name of WORKBOOK_SHEETS) {
    const spec = SHEET_SPECS[name];
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 }] });
    spec.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? 14;
    });
    const label = ws.addRow(spec.columns.map((c) => c.th));
    label.font = { bold: true };
    label.alignment = { wrapText: true, vertical: 'top' };
    const keys = ws.addRow(spec.columns.map((c) => c.key));
    keys.font = { italic: true, color: { argb: 'FF555555' } };
    for (const r of rows[name]) ws.addRow(spec.columns.map((c) => r[c.key] ?? null));
  }
  return xlsxBuffer(wb);
}

function cellValue(v: ExcelJS.CellValue): WorkbookCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return unneutralizeCell(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return unneutralizeCell(v.richText.map((t) => t.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      return typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' ? result : null;
    }
    if ('text' in v) return unneutralizeCell(String((v as { text: unknown }).text));
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

/** Reads the known sheets of an uploaded workbook into rows keyed by the key row; other sheets are ignored. */
export async function readFrameworkWorkbook(buffer: Buffer): Promise<WorkbookData> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const data: WorkbookData = {};
  for (const name of WORKBOOK_SHEETS) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const keyRow = ws.getRow(FIRST_DATA_ROW - 1);
    const columns: string[] = [];
    for (let c = 1; c <= Math.max(keyRow.cellCount, SHEET_SPECS[name].columns.length); c++) {
      const v = cellValue(keyRow.getCell(c).value);
      columns.push(typeof v === 'string' ? v.trim() : '');
    }
    const rows: WorkbookData[typeof name] = { columns, rows: [] };
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber < FIRST_DATA_ROW) return;
      const cells: Record<string, WorkbookCell> = {};
      let any = false;
      columns.forEach((key, i) => {
        if (key === '') return;
        const v = cellValue(row.getCell(i + 1).value);
        cells[key] = v;
        if (v !== null && !(typeof v === 'string' && v.trim() === '')) any = true;
      });
      if (any) rows.rows.push({ row: rowNumber, cells });
    });
    data[name] = rows;
  }
  return data;
}
