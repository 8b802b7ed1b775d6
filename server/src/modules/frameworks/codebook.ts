import type { Condition, Framework, MaturityRef, Option, Question } from '@dg/shared/schemas/framework';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { csvCast, xlsxBuffer } from '../../lib/spreadsheet';

/** The codebook columns, in order: what analysts read beside the raw data export. */
export const CODEBOOK_COLUMNS = [
  'pillar',
  'indicator',
  'code',
  'kind',
  'type',
  'required',
  'tracks',
  'text_th',
  'text_en',
  'option_code',
  'option_th',
  'option_en',
  'show_if',
  'maturity',
  'unit',
  'min',
  'max',
] as const;
export type CodebookColumn = (typeof CODEBOOK_COLUMNS)[number];
export type CodebookRow = Record<CodebookColumn, string | number | null>;

/** Spreadsheet apps execute text cells that start with these; a leading apostrophe keeps them text. */

const OP_TEXT: Record<string, string> = {
  eq: '=',
  neq: '≠',
  in: 'in',
  includes: 'includes',
  excludes: 'excludes',
  gte: '≥',
  lte: '≤',
  gt: '>',
  lt: '<',
  stage_at_least: 'stage ≥',
};

const valueText = (v: string | number | string[] | undefined) =>
  Array.isArray(v) ? `(${v.join(', ')})` : v === undefined ? '' : String(v);

/** A showIf or criterion condition as one readable line: `DG_STATUS = in_operation AND (A ≥ 3 OR NOT B is answered)`. */
export function describeCondition(cond: Condition, nested = false): string {
  if ('all' in cond || 'any' in cond) {
    const parts = 'all' in cond ? cond.all : cond.any;
    const text = parts.map((c) => describeCondition(c, true)).join('all' in cond ? ' AND ' : ' OR ');
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  if ('not' in cond) return `NOT ${describeCondition(cond.not, true)}`;
  const subject = cond.row ? `${cond.question}[${cond.row}]` : cond.question;
  if (cond.op === 'answered') return `${subject} is answered`;
  return `${subject} ${OP_TEXT[cond.op] ?? cond.op} ${valueText(cond.value)}`;
}

const maturityText = (m: Pick<MaturityRef, 'pillar' | 'level' | 'weight' | 'required'>, label?: string) =>
  `${label ? `${label}: ` : ''}${m.pillar}/L${m.level}/w${m.weight}${m.required ? '/required' : ''}`;

function questionMaturity(q: Question): string {
  return (q.criteria ?? []).map((c) => maturityText(c, `${c.code} when ${describeCondition(c.when)}`)).join('; ');
}

const YES_NO: Option[] = [
  { code: 'yes', label: { th: 'ใช่', en: 'Yes' } },
  { code: 'no', label: { th: 'ไม่ใช่', en: 'No' } },
];

/** One row per question, then one per option (and per matrix row), in document order. */
export function codebookRows(framework: Framework): CodebookRow[] {
  const rows: CodebookRow[] = [];
  for (const pillar of framework.pillars) {
    for (const indicator of pillar.indicators) {
      for (const q of indicator.questions) {
        const base = {
          pillar: pillar.key,
          indicator: indicator.code,
          code: q.code,
          type: q.type,
          required: q.required ? 'yes' : 'no',
          tracks: q.tracks.join(', '),
          show_if: q.showIf ? describeCondition(q.showIf) : '',
        };
        rows.push({
          ...base,
          kind: 'question',
          text_th: q.text.th,
          text_en: q.text.en,
          option_code: '',
          option_th: '',
          option_en: '',
          maturity: questionMaturity(q),
          unit: q.number?.unit ? `${q.number.unit.th} / ${q.number.unit.en}` : q.type === 'percentage' ? '%' : '',
          min: q.number?.min ?? (q.type === 'percentage' ? 0 : null),
          max: q.number?.max ?? (q.type === 'percentage' ? 100 : null),
        });
        const options = q.type === 'yes_no' && !q.options?.length ? YES_NO : (q.options ?? []);
        for (const o of options) {
          const flags = [o.exclusive ? 'exclusive' : '', o.other ? 'other, specify' : ''].filter(Boolean).join(', ');
          const m = o.maturity;
          rows.push({
            ...base,
            kind: 'option',
            text_th: q.text.th,
            text_en: q.text.en,
            option_code: o.code,
            option_th: o.label.th,
            option_en: o.label.en,
            maturity: [m ? maturityText(m) : '', flags].filter(Boolean).join('; '),
            unit: '',
            min: null,
            max: null,
          });
        }
        for (const r of q.rows ?? []) {
          rows.push({
            ...base,
            kind: 'row',
            text_th: q.text.th,
            text_en: q.text.en,
            option_code: r.code,
            option_th: r.label.th,
            option_en: r.label.en,
            maturity: '',
            unit: '',
            min: null,
            max: null,
          });
        }
        rows.push(...wideColumnRows(q, base));
      }
    }
  }
  return rows;
}

/**
 * The raw wide export's extra columns (analytics.export.ts, wideColumns), one row each, so SPSS
 * users can read every column: CODE__option (multiple choice, 1 chosen / 0 not / empty not shown or
 * not answered), CODE__row (matrix row, the option code), CODE__other and CODE__coded (reason).
 */
function wideColumnRows(
  q: Question,
  base: Omit<
    CodebookRow,
    'kind' | 'text_th' | 'text_en' | 'option_code' | 'option_th' | 'option_en' | 'maturity' | 'unit' | 'min' | 'max'
  >,
): CodebookRow[] {
  const row = (
    code: string,
    type: string,
    th: string,
    en: string,
    o?: { code: string; th: string; en: string },
    range?: [number, number],
  ): CodebookRow => ({
    ...base,
    code,
    kind: 'wide_column',
    type,
    text_th: `${q.text.th} — ${th}`,
    text_en: `${q.text.en} — ${en}`,
    option_code: o?.code ?? '',
    option_th: o?.th ?? '',
    option_en: o?.en ?? '',
    maturity: '',
    unit: '',
    min: range?.[0] ?? null,
    max: range?.[1] ?? null,
  });
  if (q.type === 'multiple') {
    return (q.options ?? []).map((o) =>
      row(
        `${q.code}__${o.code}`,
        'binary',
        `1 = เลือก "${o.label.th}", 0 = ไม่เลือก, ว่าง = ไม่ได้แสดงหรือไม่ได้ตอบ`,
        `1 = "${o.label.en}" chosen, 0 = not chosen, empty = not shown or not answered`,
        { code: o.code, th: o.label.th, en: o.label.en },
        [0, 1],
      ),
    );
  }
  if (q.type === 'matrix') {
    return (q.rows ?? []).map((r) =>
      row(
        `${q.code}__${r.code}`,
        'single',
        `แถว "${r.label.th}": รหัสตัวเลือกที่ตอบ`,
        `row "${r.label.en}": the option code answered`,
        { code: r.code, th: r.label.th, en: r.label.en },
      ),
    );
  }
  if (q.type === 'reason') {
    return [
      row(`${q.code}__other`, 'text', 'ข้อความ "อื่น ๆ (ระบุ)" ที่หน่วยงานกรอก', 'the "other, specify" text the agency typed'),
      row(
        `${q.code}__coded`,
        'single',
        'หมวดเหตุผลที่นักวิเคราะห์กำหนดให้ข้อความ "อื่น ๆ"',
        "the analyst's coded reason category for the other text",
      ),
    ];
  }
  return [];
}

const cellOf = (v: string | number | null) => v ?? '';

/** UTF-8 with a byte-order mark, so Excel opens Thai text correctly. */
export function codebookCsv(framework: Framework): string {
  const rows = codebookRows(framework).map((r) => CODEBOOK_COLUMNS.map((c) => cellOf(r[c])));
  return stringify(rows, { bom: true, header: true, columns: [...CODEBOOK_COLUMNS], cast: csvCast });
}

export async function codebookXlsx(framework: Framework, hash: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DG Readiness Survey';
  wb.created = new Date();
  const ws = wb.addWorksheet('codebook', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Partial<Record<CodebookColumn, number>> = {
    text_th: 60,
    text_en: 60,
    option_th: 40,
    option_en: 40,
    show_if: 40,
    maturity: 40,
    code: 24,
  };
  ws.columns = CODEBOOK_COLUMNS.map((c) => ({ header: c, key: c, width: widths[c] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  for (const r of codebookRows(framework)) {
    ws.addRow(Object.fromEntries(CODEBOOK_COLUMNS.map((c) => [c, cellOf(r[c])])));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CODEBOOK_COLUMNS.length } };

  const about = wb.addWorksheet('framework');
  about.columns = [
    { header: 'field', key: 'field', width: 16 },
    { header: 'value', key: 'value', width: 80 },
  ];
  about.getRow(1).font = { bold: true };
  about.addRows([
    { field: 'code', value: framework.code },
    { field: 'year', value: framework.year },
    { field: 'title_th', value: framework.title.th },
    { field: 'title_en', value: framework.title.en },
    { field: 'hash', value: hash },
  ]);
  return xlsxBuffer(wb);
}
