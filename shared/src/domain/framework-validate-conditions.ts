import type { Condition, Question } from '../schemas/framework';
import {
  type AddIssue,
  describeQuestion,
  describeQuestionTh,
  type FrameworkPath,
  type QuestionEntry,
} from './framework-issue';
import { OPTION_TYPES, optionCodesOf } from './framework-validate-questions';

/**
 * Conditions (a question's showIf, a criterion's `when`): the questions they read exist, come
 * earlier and are asked in the same tracks; operators and values suit the question read; display
 * conditions form no cycle.
 */

const OPTION_VALUE_OPS = new Set(['eq', 'neq', 'in', 'includes', 'excludes', 'stage_at_least']);
const NUMERIC_OPS = new Set(['gte', 'lte', 'gt', 'lt']);
const NUMERIC_TYPES = new Set(['number', 'percentage']);

/** Where a condition sits, in both languages: "showIf of question X" / "เงื่อนไขการแสดงผล (showIf) ของคำถาม X". */
type Where = { en: string; th: string };

function leafConditions(
  condition: Condition,
  path: FrameworkPath,
  out: { leaf: Extract<Condition, { question: string }>; path: FrameworkPath }[] = [],
) {
  if ('all' in condition) {
    condition.all.forEach((c, i) => {
      leafConditions(c, [...path, 'all', i], out);
    });
  } else if ('any' in condition) {
    condition.any.forEach((c, i) => {
      leafConditions(c, [...path, 'any', i], out);
    });
  } else if ('not' in condition) leafConditions(condition.not, [...path, 'not'], out);
  else out.push({ leaf: condition, path });
  return out;
}

/** Checks one condition tree; returns the codes of the questions it reads. */
export function checkCondition(
  condition: Condition,
  path: FrameworkPath,
  owner: QuestionEntry,
  questions: Map<string, QuestionEntry>,
  kind: 'showIf' | 'criterion',
  add: AddIssue,
): Set<string> {
  const refs = new Set<string>();
  for (const { leaf, path: leafPath } of leafConditions(condition, path)) {
    refs.add(leaf.question);
    const where: Where =
      kind === 'showIf'
        ? {
            en: `showIf of question ${owner.question.code}`,
            th: `เงื่อนไขการแสดงผล (showIf) ของคำถาม ${owner.question.code}`,
          }
        : {
            en: `criterion condition of question ${owner.question.code}`,
            th: `เงื่อนไขของเกณฑ์ในคำถาม ${owner.question.code}`,
          };
    const target = questions.get(leaf.question);
    if (target === undefined) {
      add(
        leafPath,
        'condition_unknown_question',
        `The ${where.en} refers to question ${leaf.question}, which does not exist in this framework.`,
        `${where.th} อ้างถึงคำถาม ${leaf.question} ซึ่งไม่มีในกรอบการประเมินนี้`,
      );
      continue;
    }
    if (kind === 'showIf' && target.index >= owner.index) {
      add(
        leafPath,
        'condition_forward_reference',
        `The ${where.en} refers to ${target.index === owner.index ? 'itself' : `${describeQuestion(target)}, which comes later`}; a display condition may only read questions asked before it.`,
        `${where.th} อ้างถึง${target.index === owner.index ? 'คำถามของตัวเอง' : `${describeQuestionTh(target)} ซึ่งอยู่ถัดไป`} เงื่อนไขการแสดงผลอ่านได้เฉพาะคำถามที่ถามก่อนหน้าเท่านั้น`,
      );
    } else if (kind === 'criterion' && target.index > owner.index) {
      add(
        leafPath,
        'condition_forward_reference',
        `The ${where.en} refers to ${describeQuestion(target)}, which comes later; a criterion may only read its own question or earlier ones.`,
        `${where.th} อ้างถึง${describeQuestionTh(target)} ซึ่งอยู่ถัดไป เกณฑ์อ่านได้เฉพาะคำถามของตนเองหรือคำถามที่อยู่ก่อนหน้าเท่านั้น`,
      );
    }
    const missingTracks = owner.question.tracks.filter((t) => !target.question.tracks.includes(t));
    if (missingTracks.length > 0) {
      add(
        leafPath,
        'condition_track_mismatch',
        `The ${where.en} reads question ${target.question.code}, which is not asked in the ${missingTracks.join(', ')} track; the condition could never be evaluated there.`,
        `${where.th} อ่านคำถาม ${target.question.code} ซึ่งไม่ได้ถามในกลุ่มผู้ตอบ ${missingTracks.join(', ')} จึงประเมินเงื่อนไขนี้ในกลุ่มดังกล่าวไม่ได้`,
      );
    }
    checkLeafValue(leaf, leafPath, target.question, where, add);
  }
  return refs;
}

function checkLeafValue(
  leaf: Extract<Condition, { question: string }>,
  path: FrameworkPath,
  target: Question,
  where: Where,
  add: AddIssue,
) {
  const { op, value } = leaf;
  if (op === 'answered') return;
  if (value === undefined) {
    add(
      [...path, 'value'],
      'condition_value_missing',
      `The ${where.en} uses operator ${op} without a value.`,
      `${where.th} ใช้ตัวดำเนินการ ${op} โดยไม่ระบุค่า (value)`,
    );
    return;
  }
  if (target.type === 'matrix') {
    const rowCodes = new Set((target.rows ?? []).map((r) => r.code));
    if (leaf.row === undefined) {
      add(
        [...path, 'row'],
        'condition_row_missing',
        `The ${where.en} reads matrix question ${target.code} without naming a row.`,
        `${where.th} อ่านคำถามแบบตาราง (matrix) ${target.code} โดยไม่ระบุแถว (row)`,
      );
    } else if (!rowCodes.has(leaf.row)) {
      add(
        [...path, 'row'],
        'condition_unknown_row',
        `The ${where.en} reads row ${leaf.row} of matrix question ${target.code}, which has rows [${[...rowCodes].join(', ')}].`,
        `${where.th} อ่านแถว ${leaf.row} ของคำถามแบบตาราง (matrix) ${target.code} ซึ่งมีเฉพาะแถว [${[...rowCodes].join(', ')}]`,
      );
    }
  }
  if (op === 'stage_at_least' && target.type !== 'staged') {
    add(
      [...path, 'op'],
      'condition_op_mismatch',
      `The ${where.en} uses stage_at_least on ${target.code}, a ${target.type} question; it only applies to staged questions.`,
      `${where.th} ใช้ stage_at_least กับ ${target.code} ซึ่งเป็นคำถามชนิด ${target.type} ตัวดำเนินการนี้ใช้ได้กับคำถามชนิด staged เท่านั้น`,
    );
  }
  if (NUMERIC_OPS.has(op)) {
    if (!NUMERIC_TYPES.has(target.type)) {
      add(
        [...path, 'op'],
        'condition_op_mismatch',
        `The ${where.en} compares ${target.code} with ${op}, but it is a ${target.type} question; numeric comparisons need a number or percentage question.`,
        `${where.th} เปรียบเทียบ ${target.code} ด้วย ${op} แต่คำถามนี้เป็นชนิด ${target.type} การเปรียบเทียบเชิงตัวเลขใช้ได้กับคำถามชนิด number หรือ percentage เท่านั้น`,
      );
    } else if (typeof value !== 'number') {
      add(
        [...path, 'value'],
        'condition_invalid_value',
        `The ${where.en} compares ${target.code} with ${op} against a non-number value.`,
        `${where.th} เปรียบเทียบ ${target.code} ด้วย ${op} กับค่าที่ไม่ใช่ตัวเลข`,
      );
    }
    return;
  }
  if (OPTION_VALUE_OPS.has(op) && OPTION_TYPES.has(target.type)) {
    const codes = optionCodesOf(target);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string' || !codes.has(v)) {
        add(
          [...path, 'value'],
          'condition_unknown_option',
          `The ${where.en} tests ${target.code} for option ${JSON.stringify(v)}, which it does not have (options: ${[...codes].join(', ')}).`,
          `${where.th} ตรวจว่า ${target.code} ตอบตัวเลือก ${JSON.stringify(v)} ซึ่งคำถามนี้ไม่มี (ตัวเลือกที่มี: ${[...codes].join(', ')})`,
        );
      }
    }
  }
}

export function checkCycles(ordered: QuestionEntry[], dependsOn: Map<string, Set<string>>, add: AddIssue) {
  const state = new Map<string, 'visiting' | 'done'>();
  const byCode = new Map(ordered.map((e) => [e.question.code, e]));
  const reported = new Set<string>();
  const visit = (code: string, stack: string[]) => {
    const s = state.get(code);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(code)), code];
      const start = byCode.get(code);
      const key = [...new Set(cycle)].sort().join(',');
      if (start !== undefined && !reported.has(key)) {
        reported.add(key);
        add(
          [...start.path, 'showIf'],
          'condition_cycle',
          `Display conditions form a cycle: ${cycle.join(' -> ')}; none of these questions could ever be shown.`,
          `เงื่อนไขการแสดงผลอ้างถึงกันเป็นวง: ${cycle.join(' -> ')} คำถามเหล่านี้จะไม่มีทางแสดงได้เลย`,
        );
      }
      return;
    }
    state.set(code, 'visiting');
    for (const next of dependsOn.get(code) ?? []) if (byCode.has(next)) visit(next, [...stack, code]);
    state.set(code, 'done');
  };
  for (const entry of ordered) visit(entry.question.code, []);
}
