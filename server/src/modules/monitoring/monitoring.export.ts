import type { NotSubmitted } from '@dg/shared/schemas/monitoring';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { xlsxBuffer } from '../../lib/spreadsheet';
import { csvStream } from '../analytics/analytics.export';
import * as repo from './monitoring.repository';
import { bangkokDate } from './monitoring.service';

/** The follow-up list, one agency a row; times are Asia/Bangkok local (UTC+07:00). */
export const NOT_SUBMITTED_COLUMNS = [
  'agency_code',
  'agency_name_th',
  'agency_name_en',
  'track',
  'ministry_code',
  'ministry_name_th',
  'status',
  'answered_required',
  'visible_required',
  'progress_percent',
  'last_activity_bangkok',
  'deadline_bangkok',
  'deadline_overridden',
  'contacts',
] as const;

type Cell = string | number | null;

/** "2023-05-02 14:30" in Bangkok time. */
export function bangkokDateTime(isoString: string | null): string | null {
  if (!isoString) return null;
  const d = new Date(isoString);
  const local = new Date(d.getTime() + 7 * 60 * 60 * 1000).toISOString();
  return `${bangkokDate(d)} ${local.slice(11, 16)}`;
}

export async function notSubmittedRows(db: Db, list: readonly NotSubmitted[]): Promise<Cell[][]> {
  const contacts = new Map<number, string[]>();
  for (const c of await repo.contactsOf(
    db,
    list.map((r) => r.agencyId),
  )) {
    if (c.agency_id === null) continue;
    const l = contacts.get(c.agency_id) ?? [];
    l.push(`${c.display_name} <${c.email}>`);
    contacts.set(c.agency_id, l);
  }
  return list.map((r) => [
    r.code,
    r.name.th,
    r.name.en,
    r.track,
    r.ministry?.code ?? null,
    r.ministry?.name.th ?? null,
    r.status,
    r.answered,
    r.required,
    r.progress,
    bangkokDateTime(r.lastActivityAt),
    bangkokDateTime(r.deadline),
    r.deadlineOverridden ? 'yes' : 'no',
    (contacts.get(r.agencyId) ?? []).join('; ') || null,
  ]);
}

export const notSubmittedCsv = (rows: Cell[][]) => csvStream(NOT_SUBMITTED_COLUMNS, rows);

export async function notSubmittedXlsx(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('not_submitted');
  ws.addRow([...NOT_SUBMITTED_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  NOT_SUBMITTED_COLUMNS.forEach((_, i) => {
    ws.getColumn(i + 1).width = i === 1 || i === 13 ? 40 : 16;
  });
  return xlsxBuffer(wb);
}
