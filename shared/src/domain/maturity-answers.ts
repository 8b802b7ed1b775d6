import type { EngineAnswer } from '../schemas/answer';
import type { ConditionOp, Question } from '../schemas/framework';

/** How the engine reads one answer, and what one comparison on it means. */

/**
 * One question's answer, normalised once per agency so that conditions and criteria
 * never re-inspect raw JSON. A value of the wrong shape for the question type reads
 * as unanswered: the engine must not guess what a malformed answer meant.
 */
export interface Reading {
  /** A usable value is present (non-empty). */
  readonly present: boolean;
  /** "Not applicable" with a justification, on a question that allows it. */
  readonly notApplicable: boolean;
  /** The analyst rejected this answer (only the verified basis acts on it). */
  readonly rejected: boolean;
  /** single / yes_no / staged / reason choice / text / long_text / date. */
  readonly scalar: string | null;
  /** multiple: the selected codes; matrix: the codes chosen in any row. */
  readonly codes: readonly string[] | null;
  /** number / percentage. */
  readonly num: number | null;
  /** matrix: row code -> option code. */
  readonly rows: Readonly<Record<string, string>> | null;
}

export const EMPTY: Reading = Object.freeze({
  present: false,
  notApplicable: false,
  rejected: false,
  scalar: null,
  codes: null,
  num: null,
  rows: null,
});

const NON_SPACE = /\S/;
// A regular expression test instead of trim(): no new string per answer read.
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && NON_SPACE.test(v);

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function normalizeAnswer(question: Question, answer: EngineAnswer | undefined): Reading {
  if (answer === undefined) return EMPTY;
  const rejected = answer.verification === 'rejected';
  // NA only counts where the framework allows it and a justification was given.
  const na =
    question.allowNotApplicable &&
    answer.notApplicable !== undefined &&
    nonEmptyString(answer.notApplicable.justification);
  if (na) return { ...EMPTY, notApplicable: true, rejected };
  const v = answer.value;
  let scalar: string | null = null;
  let codes: string[] | null = null;
  let num: number | null = null;
  let rows: Record<string, string> | null = null;
  switch (question.type) {
    case 'single':
    case 'yes_no':
    case 'staged':
    case 'text':
    case 'long_text':
    case 'date':
      if (nonEmptyString(v)) scalar = v;
      break;
    case 'reason':
      if (isPlainRecord(v) && nonEmptyString(v.choice)) scalar = v.choice;
      else if (nonEmptyString(v)) scalar = v;
      break;
    case 'multiple':
      if (Array.isArray(v)) {
        const picked = v.filter(nonEmptyString);
        if (picked.length > 0) codes = picked;
      }
      break;
    case 'number':
    case 'percentage':
      if (typeof v === 'number' && Number.isFinite(v)) num = v;
      break;
    case 'matrix':
      if (isPlainRecord(v)) {
        const out: Record<string, string> = {};
        const chosen: string[] = [];
        for (const [row, code] of Object.entries(v)) {
          if (nonEmptyString(code)) {
            out[row] = code;
            chosen.push(code);
          }
        }
        if (chosen.length > 0) {
          rows = out;
          // Sorted so that nothing downstream depends on the answer's key order.
          codes = chosen.sort();
        }
      }
      break;
  }
  const present = scalar !== null || codes !== null || num !== null;
  if (!present) return rejected ? { ...EMPTY, rejected } : EMPTY;
  return { present, notApplicable: false, rejected, scalar, codes, num, rows };
}

export type LeafValue = string | number | string[] | undefined;

const toNumber = (v: LeafValue): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const asList = (v: LeafValue): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]);

function compare(op: ConditionOp, a: number | string, b: number | string): boolean {
  switch (op) {
    case 'gte':
      return a >= b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'lt':
      return a < b;
    default:
      return false;
  }
}

/**
 * The meaning of one comparison on a visible question. Every operator except
 * `answered` is false on an unanswered (or NA) question, `neq` included: write
 * `{ not: { ..., op: 'eq' } }` to mean "anything but, or nothing".
 */
export function testLeaf(
  r: Reading,
  op: ConditionOp,
  value: LeafValue,
  row: string | undefined,
  optionIndex: ReadonlyMap<string, number>,
): boolean {
  if (op === 'answered') return r.present || r.notApplicable;
  if (!r.present) return false;
  let scalar = r.scalar;
  let codes = r.codes;
  if (row !== undefined) {
    const chosen = r.rows?.[row];
    if (chosen === undefined) return false;
    scalar = chosen;
    codes = null;
  }
  if (r.num !== null && row === undefined) {
    const n = r.num;
    const list = asList(value);
    switch (op) {
      case 'eq':
      case 'includes':
        return toNumber(value) === n;
      case 'neq':
      case 'excludes':
        return toNumber(value) !== n;
      case 'in':
        return list.some((x) => toNumber(x) === n);
      case 'stage_at_least':
        return false;
      default: {
        const b = toNumber(value);
        return b !== null && compare(op, n, b);
      }
    }
  }
  if (codes !== null) {
    const list = asList(value);
    const cs = codes;
    // A selection equals a value when it is exactly that set.
    const same = (): boolean => new Set(cs).size === new Set(list).size && list.every((x) => cs.includes(x));
    switch (op) {
      case 'eq':
        return same();
      case 'neq':
        return !same();
      case 'in':
        return cs.some((c) => list.includes(c));
      case 'includes':
        return list.length > 0 && list.every((x) => cs.includes(x));
      case 'excludes':
        return list.every((x) => !cs.includes(x));
      default:
        return false;
    }
  }
  if (scalar === null) return false;
  const s = scalar;
  switch (op) {
    case 'eq':
      return typeof value !== 'object' && s === String(value);
    case 'neq':
      return !(typeof value !== 'object' && s === String(value));
    case 'in':
      return asList(value).includes(s);
    case 'includes': {
      const list = asList(value);
      return list.length > 0 && list.every((x) => x === s);
    }
    case 'excludes':
      return !asList(value).includes(s);
    case 'stage_at_least': {
      const have = optionIndex.get(s);
      const want = typeof value === 'string' ? optionIndex.get(value) : undefined;
      return have !== undefined && want !== undefined && have >= want;
    }
    default: {
      // Numeric when both sides are numbers; otherwise string order, which is date order for ISO dates.
      const a = toNumber(s);
      const b = toNumber(value);
      if (a !== null && b !== null) return compare(op, a, b);
      return typeof value === 'string' && compare(op, s, value);
    }
  }
}
