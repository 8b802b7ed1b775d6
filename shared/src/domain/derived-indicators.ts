import type { AnswerMap } from '../schemas/answer';
import type { Condition, DerivedIndicatorDef, DerivedMeasure, Framework, Question } from '../schemas/framework';
import { buildQuestionIndex, evaluateCondition, type QuestionIndex } from './conditions';
import { normalizeAnswer } from './maturity-answers';

/**
 * Derived indicators (FrameworkSchema.derivedIndicators) evaluated for one respondent. Everything
 * an indicator says is data in the framework; this file only knows the handful of measure kinds
 * and reuses the framework's condition evaluation for the rest.
 */

/** What one respondent is for an indicator: outside its population, or in it with a category (null: none fits). */
export interface DerivedOutcome {
  inPopulation: boolean;
  category: string | null;
  measures: Readonly<Record<string, number | null>>;
}

export const derivedIndicatorsOf = (framework: Framework): readonly DerivedIndicatorDef[] =>
  framework.derivedIndicators ?? [];

export const derivedIndicatorOf = (framework: Framework, code: string) =>
  derivedIndicatorsOf(framework).find((d) => d.code === code);

function conditionCodes(c: Condition, out: Set<string>) {
  if ('all' in c) for (const x of c.all) conditionCodes(x, out);
  else if ('any' in c) for (const x of c.any) conditionCodes(x, out);
  else if ('not' in c) conditionCodes(c.not, out);
  else out.add(c.question);
}

const measureRefs = (m: DerivedMeasure, out: Set<string>) => {
  if ('ratio' in m) for (const c of m.ratio) out.add(c);
  else if ('difference' in m) for (const c of m.difference) out.add(c);
  else for (const c of m.count) conditionCodes(c, out);
};

/** Every code the indicator reads (questions and its own measures). */
export function derivedReferences(def: DerivedIndicatorDef): Set<string> {
  const out = new Set<string>();
  conditionCodes(def.population, out);
  for (const m of def.measures) measureRefs(m, out);
  for (const c of def.categories) if (c.when) conditionCodes(c.when, out);
  return out;
}

/** The framework questions the indicator reads (its measures' codes left out). */
export function derivedQuestionCodes(def: DerivedIndicatorDef): string[] {
  const measures = new Set(def.measures.map((m) => m.code));
  return [...derivedReferences(def)].filter((c) => !measures.has(c));
}

/** A measure reads, in conditions, like an integer-free number question. */
const measureQuestion = (code: string): Question => ({
  code,
  type: 'number',
  text: { th: code, en: code },
  required: false,
  tracks: ['department', 'province'],
  allowNotApplicable: false,
  evidence: 'none',
});

// Ratios of whole numbers are compared for equality: 1/3 this year and 2/6 last year are the same share.
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * A compiled indicator: `evaluate(answers, hidden)` places one respondent. `hidden` holds the
 * questions the respondent was not shown; like a hidden question in a condition, they read as
 * unknown, and a leftover value there is never an answer.
 */
export function compileDerived(def: DerivedIndicatorDef, framework: Framework | QuestionIndex) {
  const base = 'pillars' in framework ? buildQuestionIndex(framework as Framework) : (framework as QuestionIndex);
  const index = new Map(base);
  for (const m of def.measures) index.set(m.code, measureQuestion(m.code));
  return (answers: AnswerMap, hidden: ReadonlySet<string> = new Set()): DerivedOutcome => {
    const values: Record<string, number | null> = {};
    const map: AnswerMap = { ...answers };
    const numberOf = (code: string): number | null => {
      if (Object.hasOwn(values, code)) return values[code] ?? null;
      const q = base.get(code);
      if (!q || hidden.has(code)) return null;
      const r = normalizeAnswer(q, Object.hasOwn(answers, code) ? answers[code] : undefined);
      return r.present ? r.num : null;
    };
    for (const m of def.measures) {
      let v: number | null = null;
      if ('ratio' in m) {
        const [a, b] = m.ratio.map(numberOf);
        v = a != null && b != null && b !== 0 ? tidy(a / b) : null;
      } else if ('difference' in m) {
        const [a, b] = m.difference.map(numberOf);
        v = a != null && b != null ? tidy(a - b) : null;
      } else {
        v = m.count.filter((c) => evaluateCondition(c, map, index, hidden)).length;
      }
      values[m.code] = v;
      if (v === null) delete map[m.code];
      else map[m.code] = { value: v } as AnswerMap[string];
    }
    if (!evaluateCondition(def.population, map, index, hidden)) {
      return { inPopulation: false, category: null, measures: values };
    }
    const cat = def.categories.find((c) => !c.when || evaluateCondition(c.when, map, index, hidden));
    return { inPopulation: true, category: cat?.code ?? null, measures: values };
  };
}
