import type { Question } from '../schemas/framework';
import type { AddIssue, QuestionEntry } from './framework-issue';

/** Question types answered by choosing among options. */
export const OPTION_TYPES = new Set(['single', 'multiple', 'staged', 'reason', 'matrix', 'yes_no']);

/** Options answer by code; yes_no without options implies yes/no. */
export function optionCodesOf(question: Question): Set<string> {
  if (question.type === 'yes_no' && (question.options === undefined || question.options.length === 0)) {
    return new Set(['yes', 'no']);
  }
  return new Set((question.options ?? []).map((o) => o.code));
}

/**
 * One question on its own: unique option and row codes, the options its type needs (yes_no's are
 * yes and no, one exclusive option at most, one "other" for a reason), a number range that is one.
 */
export function checkQuestionShape(entry: QuestionEntry, add: AddIssue) {
  const q = entry.question;
  const options = q.options ?? [];
  const seenOptions = new Set<string>();
  options.forEach((option, oi) => {
    if (seenOptions.has(option.code)) {
      add(
        [...entry.path, 'options', oi, 'code'],
        'duplicate_option_code',
        `Question ${q.code} lists option ${option.code} more than once; option codes must be unique within a question.`,
        `คำถาม ${q.code} มีตัวเลือก ${option.code} มากกว่าหนึ่งครั้ง รหัสตัวเลือกในคำถามเดียวกันต้องไม่ซ้ำกัน`,
      );
    }
    seenOptions.add(option.code);
  });
  if (OPTION_TYPES.has(q.type) && q.type !== 'yes_no' && options.length === 0) {
    add(
      [...entry.path, 'options'],
      'options_missing',
      `Question ${q.code} is of type ${q.type} and needs at least one option.`,
      `คำถาม ${q.code} เป็นชนิด ${q.type} ต้องมีตัวเลือกอย่างน้อยหนึ่งตัวเลือก`,
    );
  }
  if (q.type === 'yes_no' && options.length > 0) {
    const codes = options.map((o) => o.code).sort();
    if (codes.length !== 2 || codes[0] !== 'no' || codes[1] !== 'yes') {
      add(
        [...entry.path, 'options'],
        'yes_no_options_invalid',
        `yes_no question ${q.code} has options [${options.map((o) => o.code).join(', ')}]; they must be exactly yes and no (or omitted).`,
        `คำถามชนิด yes_no ${q.code} มีตัวเลือก [${options.map((o) => o.code).join(', ')}] ตัวเลือกต้องเป็น yes และ no เท่านั้น (หรือไม่ต้องระบุ)`,
      );
    }
  }
  if (q.type === 'matrix') {
    const rows = q.rows ?? [];
    if (rows.length === 0)
      add(
        [...entry.path, 'rows'],
        'matrix_rows_missing',
        `Matrix question ${q.code} needs at least one row.`,
        `คำถามแบบตาราง (matrix) ${q.code} ต้องมีอย่างน้อยหนึ่งแถว`,
      );
    const seenRows = new Set<string>();
    rows.forEach((row, ri) => {
      if (seenRows.has(row.code)) {
        add(
          [...entry.path, 'rows', ri, 'code'],
          'duplicate_row_code',
          `Matrix question ${q.code} lists row ${row.code} more than once.`,
          `คำถามแบบตาราง (matrix) ${q.code} มีแถว ${row.code} มากกว่าหนึ่งครั้ง`,
        );
      }
      seenRows.add(row.code);
    });
  }
  if (q.type === 'multiple') {
    const exclusive = options.filter((o) => o.exclusive === true);
    if (exclusive.length > 1) {
      add(
        [...entry.path, 'options'],
        'multiple_exclusive_count',
        `Multiple-choice question ${q.code} has ${exclusive.length} exclusive options (${exclusive.map((o) => o.code).join(', ')}); at most one "none of these" option is allowed.`,
        `คำถามเลือกได้หลายข้อ ${q.code} มีตัวเลือกแบบเลือกได้ข้อเดียว (exclusive) ${exclusive.length} ตัว (${exclusive.map((o) => o.code).join(', ')}) ตัวเลือก "ไม่มีข้อใดข้างต้น" มีได้ไม่เกินหนึ่งตัว`,
      );
    }
  }
  if (q.type === 'reason') {
    const others = options.filter((o) => o.other === true);
    if (others.length !== 1) {
      add(
        [...entry.path, 'options'],
        'reason_other_count',
        `Reason question ${q.code} has ${others.length} "other, specify" options; it needs exactly one (other: true) so unlisted reasons can be coded later.`,
        `คำถามเหตุผล ${q.code} มีตัวเลือก "อื่น ๆ (โปรดระบุ)" ${others.length} ตัว ต้องมีหนึ่งตัวพอดี (other: true) เพื่อให้จัดกลุ่มเหตุผลที่ไม่อยู่ในรายการได้ภายหลัง`,
      );
    }
  }
  const spec = q.number;
  if (spec?.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
    add(
      [...entry.path, 'number'],
      'number_range_invalid',
      `Question ${q.code} has number.min ${spec.min} greater than number.max ${spec.max}.`,
      `คำถาม ${q.code} กำหนด number.min ${spec.min} มากกว่า number.max ${spec.max}`,
    );
  }
}
