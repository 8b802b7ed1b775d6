import { rejectionReasonLabel } from '@dg/shared/domain/rejection-reasons';
import type { Framework } from '@dg/shared/schemas/framework';
import type { ResultsDashboard } from '@dg/shared/schemas/report';
import type { CriterionState } from '@dg/shared/schemas/result';
import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../lib/spreadsheet';
import type { Lang } from './report-html';
import { formatAnswer, questionIndex } from './reports.service';

/** A cell's value: numbers stay numbers, the rest text (neutralized against formulas by xlsxBuffer). */
export function safeCell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  return String(v);
}

const STATE: Record<Lang, Record<CriterionState, string>> = {
  th: {
    met: 'ผ่าน',
    not_met: 'ยังไม่ผ่าน',
    not_applicable: 'ไม่เกี่ยวข้อง',
    unanswered: 'ไม่ได้ตอบ',
    rejected: 'ไม่ผ่านการตรวจสอบหลักฐาน',
  },
  en: {
    met: 'Met',
    not_met: 'Not met',
    not_applicable: 'Not applicable',
    unanswered: 'Unanswered',
    rejected: 'Rejected at verification',
  },
};

export interface XlsxAnswer {
  question_code: string;
  value: unknown;
  not_applicable: unknown;
  verification: string;
  verification_reason: string | null;
  verification_comment: string | null;
}

export async function reportXlsx(
  d: ResultsDashboard,
  framework: Framework,
  answers: readonly XlsxAnswer[],
  lang: Lang,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DG Readiness Survey';
  wb.created = new Date();
  const add = (name: string, header: string[], rows: unknown[][], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(safeCell));
    ws.columns.forEach((c, i) => {
      c.width = widths[i] ?? 14;
    });
    return ws;
  };
  const th = lang === 'th';
  const questions = questionIndex(framework);
  const pillarOf = new Map<string, string>();
  for (const p of framework.pillars)
    for (const ind of p.indicators) for (const q of ind.questions) pillarOf.set(q.code, p.key);

  add(
    'Answers',
    th
      ? ['รหัสคำถาม', 'ตัวชี้วัด', 'คำถาม', 'คำตอบ', 'ค่าที่บันทึก', 'การตรวจสอบ', 'เหตุผล', 'ความเห็น']
      : ['Question code', 'Pillar', 'Question', 'Answer', 'Stored value', 'Verification', 'Reason', 'Comment'],
    answers.map((a) => {
      const q = questions.get(a.question_code);
      const showVerification = d.basis === 'verified';
      return [
        a.question_code,
        pillarOf.get(a.question_code) ?? '',
        q ? q.text[lang] : '',
        formatAnswer(q, a.value, a.not_applicable)[lang],
        a.value === null || a.value === undefined
          ? ''
          : typeof a.value === 'string'
            ? a.value
            : JSON.stringify(a.value),
        showVerification ? a.verification : '',
        showVerification ? (rejectionReasonLabel(a.verification_reason)?.[lang] ?? '') : '',
        showVerification ? (a.verification_comment ?? '') : '',
      ];
    }),
    [14, 8, 60, 40, 24, 14, 30, 30],
  );

  add(
    'Pillars',
    th
      ? ['ตัวชี้วัด', 'ชื่อตัวชี้วัด', 'ระดับ', 'ชื่อระดับ', 'คะแนน', 'ระดับประเมินตนเอง', 'คะแนนประเมินตนเอง', 'สถานะ', 'ฐาน']
      : [
          'Pillar',
          'Name',
          'Level',
          'Level name',
          'Score',
          'Self-assessed level',
          'Self-assessed score',
          'Status',
          'Basis',
        ],
    [
      ...d.result.pillars.map((p) => {
        const self = d.selfAssessed.pillars.find((x) => x.key === p.key);
        return [
          p.key,
          p.name[lang],
          p.level,
          p.levelName?.[lang] ?? '',
          p.score,
          self?.level ?? null,
          self?.score ?? null,
          p.status,
          d.basis,
        ];
      }),
      [
        'overall',
        th ? 'ภาพรวม' : 'Overall',
        d.result.overall.level,
        d.result.overall.levelName?.[lang] ?? '',
        null,
        d.selfAssessed.overall.level,
        null,
        d.label,
        d.basis,
      ],
    ],
    [8, 40, 8, 30, 10, 12, 12, 14, 10],
  );

  // Named and grouped as on the results screen and in the PDF (criteria-groups.ts): one source.
  const critRows: unknown[][] = [];
  for (const p of d.criteria)
    for (const ind of p.indicators)
      for (const c of ind.criteria) {
        critRows.push([
          `${p.number}. ${p.name[lang]}`,
          ind.name[lang],
          c.level,
          c.label[lang],
          STATE[lang][c.state],
          c.hidden
            ? th
              ? 'ไม่ได้ถาม (ไม่เข้าเงื่อนไขของคำถาม)'
              : 'Not asked (condition not met)'
            : (c.answer?.[lang] ?? ''),
          c.state === 'met' || c.state === 'not_applicable' ? '' : c.action[lang],
          c.inNextLevel ? (th ? 'ใช่' : 'yes') : '',
          c.required ? (th ? 'บังคับ' : 'yes') : '',
          c.weight,
          c.id,
          c.questionCode,
        ]);
      }
  add(
    'Criteria',
    th
      ? [
          'ตัวชี้วัด',
          'ตัวชี้วัดย่อย',
          'ระดับ',
          'เกณฑ์',
          'ผล',
          'คำตอบของหน่วยงาน',
          'สิ่งที่ต้องทำเพื่อให้ผ่านเกณฑ์',
          'อยู่ในแผนสู่ระดับถัดไป',
          'เกณฑ์บังคับ',
          'น้ำหนัก',
          'รหัสเกณฑ์',
          'รหัสคำถาม',
        ]
      : [
          'Pillar',
          'Indicator',
          'Level',
          'Criterion',
          'Result',
          "Agency's answer",
          'What to do to meet it',
          'In the plan for the next level',
          'Required',
          'Weight',
          'Criterion code',
          'Question code',
        ],
    critRows,
    [28, 34, 7, 55, 16, 40, 55, 12, 10, 8, 24, 20],
  );

  add(
    'Benchmarks',
    th
      ? ['ตัวชี้วัด', 'ชื่อตัวชี้วัด', 'ระดับของหน่วยงาน', 'มัธยฐานกลุ่มเดียวกัน', 'มัธยฐานระดับประเทศ', 'ระดับปีก่อน', 'ตัวชี้วัดของปีก่อน']
      : ['Pillar', 'Name', 'Agency level', 'Peer median', 'National median', 'Previous level', 'Previous pillar'],
    d.benchmarks.map((b) => {
      const p = d.result.pillars.find((x) => x.key === b.key);
      return [
        b.key,
        b.name[lang],
        p?.level ?? null,
        b.peerMedian,
        b.nationalMedian,
        b.previousLevel,
        b.previousKey ?? '',
      ];
    }),
    [8, 40, 14, 16, 16, 12, 14],
  );

  return xlsxBuffer(wb);
}
