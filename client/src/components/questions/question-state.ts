import { formatDate } from '@dg/shared/domain/dates';
import type { AnswerValue, EngineAnswer } from '@dg/shared/schemas/answer';
import type { Question } from '@dg/shared/schemas/framework';

export type Lang = 'th' | 'en';

/** What one question holds in a form: the value, and "not applicable" with its justification. */
export interface QuestionState {
  value: AnswerValue | null;
  na: boolean;
  justification: string;
}

export const EMPTY_STATE: QuestionState = Object.freeze({ value: null, na: false, justification: '' }) as QuestionState;

/** A justification must have at least 5 non-blank characters (NotApplicableSchema). */
export const MIN_JUSTIFICATION = 5;

export const justificationOk = (s: QuestionState): boolean => s.justification.trim().length >= MIN_JUSTIFICATION;

export function stateFromStored(a: {
  value: AnswerValue | null;
  notApplicable: { justification: string } | null;
}): QuestionState {
  return a.notApplicable
    ? { value: null, na: true, justification: a.notApplicable.justification }
    : { value: a.value, na: false, justification: '' };
}

/** The body of one autosave; `null` notApplicable when the answer is a value. */
export function stateToPayload(s: QuestionState): {
  value: AnswerValue | null;
  notApplicable: { justification: string } | null;
} {
  if (s.na) return { value: null, notApplicable: { justification: s.justification.trim() } };
  return { value: s.value, notApplicable: null };
}

export function toEngineAnswer(s: QuestionState): EngineAnswer {
  if (s.na && justificationOk(s)) return { value: null, notApplicable: { justification: s.justification.trim() } };
  return { value: s.value };
}

export function sameState(a: QuestionState, b: QuestionState): boolean {
  return a.na === b.na && a.justification === b.justification && JSON.stringify(a.value) === JSON.stringify(b.value);
}

const optionLabel = (q: Question, code: string, lang: Lang) =>
  q.options?.find((o) => o.code === code)?.label[lang] ?? code;

/** A plain-text rendering of an answer, for print, conflicts and summaries. */
export function formatAnswer(
  q: Question,
  s: QuestionState,
  lang: Lang,
  words: { yes: string; no: string; empty: string; na: (text: string) => string },
): string {
  if (s.na) return words.na(s.justification);
  const v = s.value;
  if (v === null || v === undefined || v === '') return words.empty;
  switch (q.type) {
    case 'yes_no':
      if (typeof v === 'string' && q.options?.some((o) => o.code === v)) return optionLabel(q, v, lang);
      return v === 'yes' ? words.yes : v === 'no' ? words.no : String(v);
    case 'single':
    case 'staged':
      return typeof v === 'string' ? optionLabel(q, v, lang) : words.empty;
    case 'multiple':
      return Array.isArray(v) && v.length > 0 ? v.map((c) => optionLabel(q, c, lang)).join(', ') : words.empty;
    case 'reason': {
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'choice' in v) {
        const r = v as { choice: string; other?: string };
        return r.other ? `${optionLabel(q, r.choice, lang)}: ${r.other}` : optionLabel(q, r.choice, lang);
      }
      return typeof v === 'string' ? optionLabel(q, v, lang) : words.empty;
    }
    case 'number':
      return typeof v === 'number'
        ? `${v.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')}${q.number?.unit ? ` ${q.number.unit[lang]}` : ''}`
        : String(v);
    case 'percentage':
      return `${String(v)}%`;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? formatDate(`${v}T12:00:00+07:00`, lang)
        : String(v);
    case 'matrix': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return words.empty;
      const rows = v as Record<string, string>;
      const parts = (q.rows ?? [])
        .filter((r) => rows[r.code])
        .map((r) => `${r.label[lang]}: ${optionLabel(q, rows[r.code] as string, lang)}`);
      return parts.length ? parts.join('; ') : words.empty;
    }
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}
