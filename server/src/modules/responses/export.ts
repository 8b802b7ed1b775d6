import type { Question } from '@dg/shared/schemas/framework';
import type { Locale, LocalizedText } from '@dg/shared/schemas/i18n';
import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../lib/spreadsheet';
import type { TrackFramework } from './framework-cache';
import type { AnswerRow } from './responses.repository';

function labelOf(q: Question, code: string, locale: Locale): string {
  const o = q.options?.find((x) => x.code === code);
  return o ? o.label[locale] : code;
}

/** An answer as a person reads it: option labels instead of codes, rows spelled out. */
export function renderValue(q: Question, value: unknown, locale: Locale): string | number | null {
  if (value === null || value === undefined) return null;
  switch (q.type) {
    case 'single':
    case 'staged':
    case 'yes_no':
      if (typeof value !== 'string') return JSON.stringify(value);
      if (q.type === 'yes_no' && !q.options?.length) {
        return value === 'yes'
          ? locale === 'th'
            ? 'ใช่'
            : 'Yes'
          : value === 'no'
            ? locale === 'th'
              ? 'ไม่ใช่'
              : 'No'
            : value;
      }
      return labelOf(q, value, locale);
    case 'multiple':
      return Array.isArray(value) ? value.map((c) => labelOf(q, String(c), locale)).join('; ') : JSON.stringify(value);
    case 'reason': {
      const v = (typeof value === 'string' ? { choice: value } : value) as { choice?: string; other?: string };
      const label = v.choice ? labelOf(q, v.choice, locale) : '';
      return v.other ? `${label}: ${v.other}` : label;
    }
    case 'matrix': {
      if (typeof value !== 'object' || value === null) return JSON.stringify(value);
      return Object.entries(value as Record<string, string>)
        .map(([row, code]) => {
          const r = q.rows?.find((x) => x.code === row);
          return `${r ? r.label[locale] : row}: ${labelOf(q, code, locale)}`;
        })
        .join('; ');
    }
    case 'number':
    case 'percentage':
      return typeof value === 'number' ? value : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

export async function buildAnswersWorkbook(
  fw: TrackFramework,
  agencyName: LocalizedText,
  rows: readonly AnswerRow[],
): Promise<Buffer> {
  // Text cells are neutralized against formula injection by xlsxBuffer, every sheet at once.
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Digital Government Readiness Survey';
  const ws = wb.addWorksheet('Answers');
  ws.columns = [
    { header: 'Pillar', key: 'pillar', width: 8 },
    { header: 'Question code', key: 'code', width: 24 },
    { header: 'คำถาม', key: 'textTh', width: 60 },
    { header: 'Question', key: 'textEn', width: 60 },
    { header: 'คำตอบ', key: 'valueTh', width: 40 },
    { header: 'Answer', key: 'valueEn', width: 40 },
    { header: 'Not applicable: justification', key: 'na', width: 30 },
    { header: 'Revision', key: 'revision', width: 10 },
    { header: 'Updated by', key: 'updatedBy', width: 24 },
    { header: 'Updated at (UTC)', key: 'updatedAt', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  const byCode = new Map(rows.map((r) => [r.question_code, r]));
  // Questionnaire order, so the sheet reads like the form; unanswered questions stay as empty rows.
  for (const [code, { question, pillarKey }] of fw.questions) {
    const r = byCode.get(code);
    ws.addRow({
      pillar: pillarKey,
      code,
      textTh: question.text.th,
      textEn: question.text.en,
      valueTh: r ? renderValue(question, r.value, 'th') : null,
      valueEn: r ? renderValue(question, r.value, 'en') : null,
      na: r?.not_applicable?.justification ?? null,
      revision: r?.revision ?? null,
      updatedBy: r?.updated_by_name ?? null,
      updatedAt: r ? new Date(r.updated_at).toISOString() : null,
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const info = wb.addWorksheet('About');
  info.addRow(['Agency', agencyName.en]);
  info.addRow(['หน่วยงาน', agencyName.th]);
  info.addRow(['Framework', fw.framework.code]);
  info.addRow(['Framework hash', fw.hash]);
  info.addRow(['Exported at (UTC)', new Date().toISOString()]);
  return xlsxBuffer(wb);
}
