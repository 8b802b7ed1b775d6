import type { Question } from '../schemas/framework';
import type { LocalizedText } from '../schemas/i18n';

/**
 * Checks that an answer value has the shape its question type expects and only uses
 * codes the question defines. Pure: the client runs it as the user types, the server
 * on every save and again on submission. `null` clears an answer and is always valid.
 */
export type AnswerCheck = { ok: true } | { ok: false; message: LocalizedText };

const OK: AnswerCheck = { ok: true };
const fail = (th: string, en: string): AnswerCheck => ({ ok: false, message: { th, en } });

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function optionCodes(q: Question): Set<string> {
  return new Set((q.options ?? []).map((o) => o.code));
}

/**
 * Numbers travel as JSON and are read as IEEE doubles (by the browser, the server and the
 * analytics), so only values a double holds exactly are accepted: whole numbers within
 * ±(2^53 − 1), and fractions of at most 15 significant digits (what a double keeps of any decimal). Anything
 * larger was already rounded on the way in (2^53 + 1 arrives as 2^53) and would be stored wrong.
 */
export const MAX_SIGNIFICANT_DIGITS = 15;

function significantDigits(value: number): number {
  // toExponential() without an argument prints the shortest digits that read back as this double.
  const mantissa = value.toExponential().split('e')[0] ?? '';
  return mantissa.replace(/[-.]/g, '').replace(/0+$/, '').length || 1;
}

function checkPrecision(value: number): AnswerCheck {
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return fail(
      'ตัวเลขใหญ่เกินกว่าจะเก็บได้อย่างถูกต้อง (ต้องไม่เกิน 9,007,199,254,740,991)',
      'Number too large to store exactly (at most 9,007,199,254,740,991 either way)',
    );
  }
  // Every whole number in that range is exact; a fraction keeps at most 15 digits.
  if (!Number.isInteger(value) && significantDigits(value) > MAX_SIGNIFICANT_DIGITS) {
    return fail(
      `ตัวเลขมีจำนวนหลักมากเกินกว่าจะเก็บได้อย่างถูกต้อง (ไม่เกิน ${MAX_SIGNIFICANT_DIGITS} หลัก)`,
      `Too many digits to store exactly (at most ${MAX_SIGNIFICANT_DIGITS} significant digits)`,
    );
  }
  return OK;
}

function checkNumber(q: Question, value: unknown): AnswerCheck {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('ต้องเป็นตัวเลข', 'Must be a number');
  const spec = q.number;
  let min = spec?.min;
  let max = spec?.max;
  if (q.type === 'percentage') {
    min = Math.max(min ?? 0, 0);
    max = Math.min(max ?? 100, 100);
  }
  if (spec?.integer && !Number.isInteger(value)) return fail('ต้องเป็นจำนวนเต็ม', 'Must be a whole number');
  const precision = checkPrecision(value);
  if (!precision.ok) return precision;
  if (min !== undefined && value < min) return fail(`ต้องไม่น้อยกว่า ${min}`, `Must be at least ${min}`);
  if (max !== undefined && value > max) return fail(`ต้องไม่เกิน ${max}`, `Must be at most ${max}`);
  return OK;
}

export function validateAnswerValue(question: Question, value: unknown): AnswerCheck {
  if (value === null || value === undefined) return OK;
  switch (question.type) {
    case 'single':
    case 'staged': {
      if (typeof value !== 'string') return fail('กรุณาเลือกหนึ่งตัวเลือก', 'Choose one option');
      if (!optionCodes(question).has(value)) return fail('ไม่มีตัวเลือกนี้', `Unknown option "${value}"`);
      return OK;
    }
    case 'yes_no': {
      if (typeof value !== 'string') return fail('กรุณาเลือก ใช่ หรือ ไม่ใช่', 'Choose yes or no');
      const allowed = question.options?.length ? optionCodes(question) : new Set(['yes', 'no']);
      if (!allowed.has(value)) return fail('กรุณาเลือก ใช่ หรือ ไม่ใช่', 'Choose yes or no');
      return OK;
    }
    case 'multiple': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return fail('กรุณาเลือกตัวเลือก', 'Choose one or more options');
      }
      const codes = optionCodes(question);
      const unknown = value.find((v) => !codes.has(v));
      if (unknown !== undefined) return fail('ไม่มีตัวเลือกนี้', `Unknown option "${unknown}"`);
      if (new Set(value).size !== value.length) return fail('เลือกตัวเลือกซ้ำ', 'An option is selected twice');
      const exclusive = (question.options ?? []).filter((o) => o.exclusive && value.includes(o.code));
      if (exclusive.length > 0 && value.length > 1) {
        const label = exclusive[0]?.label;
        return fail(
          `ตัวเลือก "${label?.th}" เลือกร่วมกับตัวเลือกอื่นไม่ได้`,
          `"${label?.en}" cannot be combined with other options`,
        );
      }
      return OK;
    }
    case 'reason': {
      const v = typeof value === 'string' ? { choice: value } : value;
      if (!isPlainRecord(v) || typeof v.choice !== 'string') return fail('กรุณาเลือกเหตุผล', 'Choose a reason');
      const opt = (question.options ?? []).find((o) => o.code === v.choice);
      if (!opt) return fail('ไม่มีตัวเลือกนี้', `Unknown reason "${v.choice}"`);
      if (v.other !== undefined && typeof v.other !== 'string') return fail('ข้อความไม่ถูกต้อง', 'Invalid text');
      if (opt.other && (typeof v.other !== 'string' || v.other.trim() === '')) {
        return fail('กรุณาระบุเหตุผลอื่น ๆ', 'Please specify the other reason');
      }
      return OK;
    }
    case 'number':
    case 'percentage':
      return checkNumber(question, value);
    case 'text':
    case 'long_text': {
      if (typeof value !== 'string') return fail('ต้องเป็นข้อความ', 'Must be text');
      const max = question.type === 'text' ? 2000 : 20000;
      if (value.length > max) return fail(`ข้อความยาวเกิน ${max} ตัวอักษร`, `Text is longer than ${max} characters`);
      return OK;
    }
    case 'date': {
      if (typeof value !== 'string' || !isValidDate(value)) {
        return fail('วันที่ไม่ถูกต้อง (รูปแบบ ปปปป-ดด-วว ค.ศ.)', 'Invalid date (YYYY-MM-DD)');
      }
      return OK;
    }
    case 'matrix': {
      if (!isPlainRecord(value)) return fail('กรุณาตอบในแต่ละแถว', 'Answer each row');
      const rows = new Set((question.rows ?? []).map((r) => r.code));
      const codes = optionCodes(question);
      for (const [row, code] of Object.entries(value)) {
        if (!rows.has(row)) return fail('ไม่มีแถวนี้', `Unknown row "${row}"`);
        if (typeof code !== 'string' || !codes.has(code)) return fail('ไม่มีตัวเลือกนี้', `Unknown option in row "${row}"`);
      }
      return OK;
    }
    default:
      return fail('ประเภทคำถามไม่รองรับ', 'Unsupported question type');
  }
}
