import { neutralizeCell } from '@dg/shared/domain/spreadsheet-cells';
import type ExcelJS from 'exceljs';

/**
 * The one way the platform writes an XLSX: every text cell of every sheet (headers, notes and
 * data alike) is neutralized here, once, just before writing, so no writer can forget a cell.
 * Writers add raw values; they must not neutralize themselves (a second pass would add a
 * second apostrophe).
 */
export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const safe = neutralizeCell(v);
          if (safe !== v) cell.value = safe;
        } else if (v && typeof v === 'object' && 'formula' in v) {
          // The platform writes no formulas: one here came from data, and is kept as its text.
          cell.value = `'=${String((v as { formula: unknown }).formula)}`;
        }
      });
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** For csv-stringify: neutralizes every string cell, the header row included. */
export const csvCast = { string: (v: string) => neutralizeCell(v) } as const;
