import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { ImportIssue } from '@dg/shared/schemas/frameworks-routes';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Table } from './imports.parse';

/**
 * Turns an uploaded table (long or wide raw format, as the analytics raw export writes them) into
 * answers per agency, checking every row against the cycle's framework and the agency's track.
 * Pure: the caller supplies the agencies it found and writes nothing unless `errors` is empty.
 */

export type Verification = 'self_reported' | 'verified' | 'rejected';

export interface ImportedAnswer {
  value: unknown;
  notApplicable: { justification: string } | null;
  /** Undefined when the file does not say (keep the stored state, or self-reported for new answers). */
  verification?: Verification;
  codedCategory?: string | null;
}

export type { ImportIssue };

export interface AgencyRef {
  id: number;
  code: string;
  track: Track;
}

export interface Parsed {
  format: 'long' | 'wide';
  /** agency code -> question code -> answer (agencies in file order). */
  agencies: Map<string, { agency: AgencyRef; answers: Map<string, ImportedAnswer> }>;
  answerCount: number;
  errors: ImportIssue[];
}

const LONG_REQUIRED = ['agency_code', 'question_code', 'value'];
/** Columns of the raw wide export that describe the agency rather than answer a question. */
const WIDE_META = new Set(['agency_code', 'agency_name_th', 'agency_name_en', 'track', 'status']);
const VERIFICATIONS = new Set<Verification>(['self_reported', 'verified', 'rejected']);
const TRACK_TH: Record<Track, string> = { department: 'ระดับกรม', province: 'ระดับจังหวัด' };

export function detectFormat(header: readonly string[]): 'long' | 'wide' | null {
  const h = new Set(header);
  if (h.has('question_code') && h.has('value')) return 'long';
  if (h.has('agency_code')) return 'wide';
  return null;
}

/** Questions of the framework by code, with the tracks that answer them. */
export function questionIndex(framework: Framework): Map<string, Question> {
  const out = new Map<string, Question>();
  for (const p of framework.pillars) for (const i of p.indicators) for (const q of i.questions) out.set(q.code, q);
  return out;
}

type ValueResult = { ok: true; value: unknown } | { ok: false; reason: string; messages: LocalizedText };

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const THOUSANDS_RE = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A cell's text as the question type's value: JSON for arrays/objects, plain text otherwise. */
export function parseCellValue(q: Question, text: string): ValueResult {
  const t = text.trim();
  const json = (): ValueResult => {
    try {
      return { ok: true, value: JSON.parse(t) };
    } catch {
      return {
        ok: false,
        reason: 'invalid_json',
        messages: { th: 'ค่าไม่ใช่ JSON ที่ถูกต้อง', en: 'The value is not valid JSON' },
      };
    }
  };
  switch (q.type) {
    case 'number':
    case 'percentage': {
      const n = THOUSANDS_RE.test(t) ? t.replace(/,/g, '') : t;
      return { ok: true, value: NUMBER_RE.test(n) ? Number(n) : t };
    }
    case 'multiple':
      if (t.startsWith('[')) return json();
      return { ok: true, value: t.split(/[;|]/).map((s) => s.trim()) };
    case 'matrix':
      return json();
    case 'reason': {
      if (t.startsWith('{')) return json();
      return { ok: true, value: { choice: t } };
    }
    case 'text':
    case 'long_text':
      return { ok: true, value: text };
    default:
      return { ok: true, value: t };
  }
}

function issue(
  row: number,
  column: string,
  agencyCode: string | null,
  questionCode: string | null,
  reason: string,
  messages: LocalizedText,
): ImportIssue {
  return { row, column, agencyCode, questionCode, reason, message: messages.en, messages };
}

interface Ctx {
  framework: Framework;
  questions: Map<string, Question>;
  agencies: Map<string, AgencyRef>;
}

export function parseImport(table: Table, ctx: Omit<Ctx, 'questions'>): Parsed {
  const full: Ctx = { ...ctx, questions: questionIndex(ctx.framework) };
  const format = detectFormat(table.header);
  const out: Parsed = { format: format ?? 'long', agencies: new Map(), answerCount: 0, errors: [] };
  if (!format) {
    out.errors.push(
      issue(1, '', null, null, 'unrecognized_header', {
        th: 'ไม่รู้จักรูปแบบไฟล์: แถวแรกต้องมีคอลัมน์ agency_code (และ question_code, value สำหรับรูปแบบแนวยาว)',
        en: 'Unrecognized file: the first row must have an agency_code column (and question_code, value for the long format)',
      }),
    );
    return out;
  }
  if (table.rows.length === 0) {
    out.errors.push(issue(1, '', null, null, 'empty_file', { th: 'ไฟล์ไม่มีข้อมูล', en: 'The file has no data rows' }));
    return out;
  }
  if (format === 'long') parseLong(table, full, out);
  else parseWide(table, full, out);
  for (const a of out.agencies.values()) out.answerCount += a.answers.size;
  return out;
}

/** Resolves the agency of a row, recording an error when it is missing or unknown. */
function agencyOf(code: string, row: number, ctx: Ctx, out: Parsed) {
  if (code === '') {
    out.errors.push(
      issue(row, 'agency_code', null, null, 'missing_agency', {
        th: 'ไม่ได้ระบุรหัสหน่วยงาน',
        en: 'The agency code is missing',
      }),
    );
    return undefined;
  }
  const agency = ctx.agencies.get(code);
  if (!agency) {
    out.errors.push(
      issue(row, 'agency_code', code, null, 'unknown_agency', {
        th: `ไม่พบรหัสหน่วยงาน "${code}"`,
        en: `Unknown agency code "${code}"`,
      }),
    );
  }
  return agency;
}

function notInTrack(row: number, column: string, agency: AgencyRef, code: string): ImportIssue {
  return issue(row, column, agency.code, code, 'not_in_track', {
    th: `คำถาม "${code}" ไม่อยู่ในแบบสอบถามของหน่วยงาน${TRACK_TH[agency.track]}`,
    en: `Question "${code}" is not asked of ${agency.track} agencies`,
  });
}

function unknownQuestion(row: number, column: string, agencyCode: string | null, code: string): ImportIssue {
  return issue(row, column, agencyCode, code, 'unknown_question', {
    th: `ไม่พบคำถามรหัส "${code}" ในกรอบการประเมินของรอบนี้`,
    en: `Question "${code}" is not in this cycle's framework`,
  });
}

function entryFor(out: Parsed, agency: AgencyRef) {
  let e = out.agencies.get(agency.code);
  if (!e) {
    e = { agency, answers: new Map() };
    out.agencies.set(agency.code, e);
  }
  return e;
}

/** Validates a value for its question; pushes the error and returns false when invalid. */
function checkValue(
  q: Question,
  v: ValueResult,
  row: number,
  column: string,
  agencyCode: string,
  out: Parsed,
): v is { ok: true; value: unknown } {
  if (!v.ok) {
    out.errors.push(issue(row, column, agencyCode, q.code, v.reason, v.messages));
    return false;
  }
  const check = validateAnswerValue(q, v.value);
  if (!check.ok) {
    out.errors.push(issue(row, column, agencyCode, q.code, 'invalid_value', check.message));
    return false;
  }
  return true;
}

function parseLong(table: Table, ctx: Ctx, out: Parsed) {
  const col = new Map(table.header.map((h, i) => [h, i]));
  const missing = LONG_REQUIRED.filter((c) => !col.has(c));
  if (missing.length > 0) {
    out.errors.push(
      issue(1, missing.join(', '), null, null, 'missing_column', {
        th: `ไม่มีคอลัมน์ ${missing.join(', ')}`,
        en: `Missing column(s): ${missing.join(', ')}`,
      }),
    );
    return;
  }
  const naCol = table.header.includes('not_applicable_justification')
    ? 'not_applicable_justification'
    : table.header.includes('not_applicable')
      ? 'not_applicable'
      : null;
  const at = (cells: string[], name: string | null) =>
    name && col.has(name) ? (cells[col.get(name) as number] ?? '') : '';
  const seen = new Map<string, number>();

  for (const { row, cells } of table.rows) {
    const agencyCode = at(cells, 'agency_code').trim();
    const code = at(cells, 'question_code').trim();
    const agency = agencyOf(agencyCode, row, ctx, out);
    const q = ctx.questions.get(code);
    if (!q) {
      out.errors.push(
        code === ''
          ? issue(row, 'question_code', agencyCode || null, null, 'missing_question', {
              th: 'ไม่ได้ระบุรหัสคำถาม',
              en: 'The question code is missing',
            })
          : unknownQuestion(row, 'question_code', agencyCode || null, code),
      );
      continue;
    }
    if (!agency) continue;
    if (!q.tracks.includes(agency.track)) {
      out.errors.push(notInTrack(row, 'question_code', agency, code));
      continue;
    }
    const key = `${agency.code}\u0000${code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.errors.push(
        issue(row, 'question_code', agency.code, code, 'duplicate', {
          th: `ซ้ำกับแถวที่ ${first} (หน่วยงานและคำถามเดียวกัน)`,
          en: `Duplicate of row ${first} (same agency and question)`,
        }),
      );
      continue;
    }
    seen.set(key, row);

    let ok = true;
    const verificationText = at(cells, 'verification').trim();
    if (verificationText !== '' && !VERIFICATIONS.has(verificationText as Verification)) {
      ok = false;
      out.errors.push(
        issue(row, 'verification', agency.code, code, 'invalid_verification', {
          th: 'สถานะการตรวจสอบต้องเป็น self_reported, verified หรือ rejected',
          en: 'Verification must be self_reported, verified or rejected',
        }),
      );
    }
    const justification = at(cells, naCol).trim();
    const valueText = at(cells, 'value');
    let answer: ImportedAnswer | undefined;
    if (justification !== '') {
      if (!q.allowNotApplicable) {
        out.errors.push(
          issue(row, naCol as string, agency.code, code, 'na_not_allowed', {
            th: 'คำถามนี้ไม่สามารถตอบว่า "ไม่เกี่ยวข้อง" ได้',
            en: 'This question cannot be answered "not applicable"',
          }),
        );
        continue;
      }
      if (valueText.trim() !== '') {
        out.errors.push(
          issue(row, 'value', agency.code, code, 'na_with_value', {
            th: 'คำตอบ "ไม่เกี่ยวข้อง" ต้องไม่มีค่าคำตอบ',
            en: 'A "not applicable" answer must leave the value empty',
          }),
        );
        continue;
      }
      answer = { value: null, notApplicable: { justification } };
    } else {
      if (valueText.trim() === '') continue; // no answer to this question
      const v = parseCellValue(q, valueText);
      if (!checkValue(q, v, row, 'value', agency.code, out)) continue;
      answer = { value: v.value, notApplicable: null };
    }
    if (!ok) continue;
    if (verificationText !== '') answer.verification = verificationText as Verification;
    if (col.has('coded_category')) answer.codedCategory = at(cells, 'coded_category').trim() || null;
    entryFor(out, agency).answers.set(code, answer);
  }
}

interface WideQuestion {
  question: Question;
  /** Column positions: the question's own column, or one per option/row, plus reason extras. */
  main?: number;
  parts: Map<string, number>;
  other?: number;
  coded?: number;
}

function parseWide(table: Table, ctx: Ctx, out: Parsed) {
  const byCode = new Map<string, WideQuestion>();
  const get = (q: Question) => {
    let w = byCode.get(q.code);
    if (!w) {
      w = { question: q, parts: new Map() };
      byCode.set(q.code, w);
    }
    return w;
  };
  const badColumns = new Set<number>();
  const place = (name: string): Question | undefined => {
    const direct = ctx.questions.get(name);
    if (direct && direct.type !== 'multiple' && direct.type !== 'matrix') return direct;
    const sep = name.indexOf('__');
    return sep > 0 ? ctx.questions.get(name.slice(0, sep)) : undefined;
  };
  table.header.forEach((name, i) => {
    if (WIDE_META.has(name) || name === '') return;
    const q = place(name);
    if (q && q.code === name) {
      get(q).main = i;
      return;
    }
    const suffix = q ? name.slice(q.code.length + 2) : '';
    if (q) {
      const w = get(q);
      if (q.type === 'multiple' && q.options?.some((o) => o.code === suffix)) {
        w.parts.set(suffix, i);
        return;
      }
      if (q.type === 'matrix' && q.rows?.some((r) => r.code === suffix)) {
        w.parts.set(suffix, i);
        return;
      }
      if (q.type === 'reason' && suffix === 'other') {
        w.other = i;
        return;
      }
      if (q.type === 'reason' && suffix === 'coded') {
        w.coded = i;
        return;
      }
    }
    const sep = name.indexOf('__');
    badColumns.add(i);
    out.errors.push(
      q
        ? issue(1, name, null, q.code, 'unknown_column', {
            th: `คอลัมน์ "${name}" ไม่ตรงกับตัวเลือกหรือแถวของคำถาม ${q.code}`,
            en: `Column "${name}" matches no option or row of question ${q.code}`,
          })
        : unknownQuestion(1, name, null, sep > 0 ? name.slice(0, sep) : name),
    );
  });
  const agencyCol = table.header.indexOf('agency_code');
  const seen = new Map<string, number>();
  const name = (i: number | undefined) => table.header[i as number] ?? '';

  for (const { row, cells } of table.rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const agencyCode = cell(agencyCol);
    const agency = agencyOf(agencyCode, row, ctx, out);
    if (!agency) continue;
    const first = seen.get(agency.code);
    if (first !== undefined) {
      out.errors.push(
        issue(row, 'agency_code', agency.code, null, 'duplicate', {
          th: `หน่วยงานนี้ซ้ำกับแถวที่ ${first}`,
          en: `Duplicate of row ${first} (same agency)`,
        }),
      );
      continue;
    }
    seen.set(agency.code, row);
    const entry = entryFor(out, agency);

    for (const w of byCode.values()) {
      const q = w.question;
      const columns = [w.main, ...w.parts.values(), w.other, w.coded].filter((i): i is number => i !== undefined);
      const filled = columns.find((i) => cell(i) !== '');
      if (filled === undefined) continue;
      if (!q.tracks.includes(agency.track)) {
        out.errors.push(notInTrack(row, name(filled), agency, q.code));
        continue;
      }
      let v: ValueResult;
      let column = name(w.main);
      if (q.type === 'multiple') {
        const chosen: string[] = [];
        let bad: number | undefined;
        for (const o of q.options ?? []) {
          const i = w.parts.get(o.code);
          const c = cell(i);
          if (c === '1' || c.toLowerCase() === 'true') chosen.push(o.code);
          else if (c !== '' && c !== '0' && c.toLowerCase() !== 'false') bad ??= i;
        }
        if (bad !== undefined) {
          out.errors.push(
            issue(row, name(bad), agency.code, q.code, 'invalid_flag', {
              th: 'ต้องเป็น 0 หรือ 1',
              en: 'Must be 0 or 1',
            }),
          );
          continue;
        }
        v = { ok: true, value: chosen };
        column = name(filled);
      } else if (q.type === 'matrix') {
        const obj: Record<string, string> = {};
        for (const [row_, i] of w.parts) if (cell(i) !== '') obj[row_] = cell(i);
        v = { ok: true, value: obj };
        column = name(filled);
      } else if (q.type === 'reason') {
        const choice = cell(w.main);
        const other = cell(w.other);
        if (choice === '' && other === '') {
          // Only a coded category: nothing to import without the answer it codes.
          continue;
        }
        v = { ok: true, value: other === '' ? { choice } : { choice, other } };
      } else {
        v = parseCellValue(q, cells[w.main as number] ?? '');
      }
      if (!checkValue(q, v, row, column, agency.code, out)) continue;
      const answer: ImportedAnswer = { value: v.value, notApplicable: null };
      if (w.coded !== undefined) answer.codedCategory = cell(w.coded) || null;
      entry.answers.set(q.code, answer);
    }
  }
  if (badColumns.size > 0) out.agencies.clear();
}
