import type { Condition } from '@dg/shared/schemas/framework';

const OP: Record<string, string> = {
  eq: '=',
  neq: '≠',
  in: '∈',
  includes: '∋',
  excludes: '∌',
  gte: '≥',
  lte: '≤',
  gt: '>',
  lt: '<',
  stage_at_least: '≥',
};

/** A display condition as one short line, by question and option codes (the codebook writes the same). */
export function conditionText(cond: Condition, nested = false): string {
  if ('all' in cond || 'any' in cond) {
    const parts = 'all' in cond ? cond.all : cond.any;
    const text = parts.map((c) => conditionText(c, true)).join('all' in cond ? ' AND ' : ' OR ');
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  if ('not' in cond) return `NOT ${conditionText(cond.not, true)}`;
  const subject = cond.row ? `${cond.question}[${cond.row}]` : cond.question;
  if (cond.op === 'answered') return `${subject} ✓`;
  const value = Array.isArray(cond.value) ? `{${cond.value.join(', ')}}` : String(cond.value ?? '');
  return `${subject} ${OP[cond.op] ?? cond.op} ${value}`;
}
