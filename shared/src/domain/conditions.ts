import type { AnswerMap } from '../schemas/answer';
import type { Condition, Framework, Question, Track } from '../schemas/framework';
import { DomainError } from './errors';
import { EMPTY, normalizeAnswer, type Reading, testLeaf } from './maturity-answers';

/** Three-valued logic: a test on a hidden question is unknown, and an unknown showIf hides. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export type CompiledCondition = (readings: readonly Reading[], visible: Uint8Array) => Tri;

function all(parts: readonly CompiledCondition[]): CompiledCondition {
  return (r, v) => {
    let out: Tri = TRUE;
    for (const p of parts) {
      const t = p(r, v);
      if (t === FALSE) return FALSE;
      if (t === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
}

function any(parts: readonly CompiledCondition[]): CompiledCondition {
  return (r, v) => {
    let out: Tri = FALSE;
    for (const p of parts) {
      const t = p(r, v);
      if (t === TRUE) return TRUE;
      if (t === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
}

const NO_OPTIONS: ReadonlyMap<string, number> = new Map();

export const optionIndexOf = (q: Question): ReadonlyMap<string, number> =>
  q.options ? new Map(q.options.map((o, i) => [o.code, i])) : NO_OPTIONS;

/** Questions of one track in document order, with their showIf compiled and sorted so that references come first. */
export interface QuestionPlan {
  readonly track: Track;
  readonly questions: readonly Question[];
  /** Index of the pillar (in framework order) whose indicator holds the question. */
  readonly pillarOf: readonly number[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly optionIndex: readonly ReadonlyMap<string, number>[];
  /** Evaluation order: document order, except that a question follows the ones its showIf reads. */
  readonly order: readonly number[];
  readonly showIf: readonly (CompiledCondition | null)[];
}

export interface ConditionCompiler {
  compile(cond: Condition, where: string): { test: CompiledCondition; deps: number[] };
}

function makeCompiler(
  indexOf: ReadonlyMap<string, number>,
  optionIndex: readonly ReadonlyMap<string, number>[],
  allCodes: ReadonlyMap<string, Question>,
): ConditionCompiler {
  const compile = (cond: Condition, where: string, deps: Set<number>): CompiledCondition => {
    if ('all' in cond) return all(cond.all.map((c) => compile(c, where, deps)));
    if ('any' in cond) return any(cond.any.map((c) => compile(c, where, deps)));
    if ('not' in cond) {
      const inner = compile(cond.not, where, deps);
      return (r, v) => {
        const t = inner(r, v);
        return t === UNKNOWN ? UNKNOWN : t === TRUE ? FALSE : TRUE;
      };
    }
    const target = allCodes.get(cond.question);
    if (target === undefined) {
      throw new DomainError('FRAMEWORK_INVALID', `${where}: condition refers to unknown question ${cond.question}`);
    }
    if (
      cond.op === 'stage_at_least' &&
      (typeof cond.value !== 'string' || !target.options?.some((o) => o.code === cond.value))
    ) {
      throw new DomainError('FRAMEWORK_INVALID', `${where}: stage_at_least needs an option code of ${cond.question}`);
    }
    const idx = indexOf.get(cond.question);
    // A question of the other track never shows, so it behaves like a hidden one.
    if (idx === undefined) return () => UNKNOWN;
    deps.add(idx);
    const { op, value, row } = cond;
    const opts = optionIndex[idx] ?? NO_OPTIONS;
    return (r, v) => {
      if (v[idx] !== 1) return UNKNOWN;
      const reading = r[idx] ?? EMPTY;
      return testLeaf(reading, op, value, row, opts) ? TRUE : FALSE;
    };
  };
  return {
    compile(cond, where) {
      const deps = new Set<number>();
      const test = compile(cond, where, deps);
      return { test, deps: [...deps].sort((a, b) => a - b) };
    },
  };
}

export function compileQuestionPlan(
  framework: Framework,
  track: Track,
): { plan: QuestionPlan; compiler: ConditionCompiler } {
  const allCodes = new Map<string, Question>();
  const questions: Question[] = [];
  const pillarOf: number[] = [];
  framework.pillars.forEach((pillar, p) => {
    for (const indicator of pillar.indicators) {
      for (const q of indicator.questions) {
        if (allCodes.has(q.code)) throw new DomainError('FRAMEWORK_INVALID', `Duplicate question code ${q.code}`);
        allCodes.set(q.code, q);
        if (q.tracks.includes(track)) {
          questions.push(q);
          pillarOf.push(p);
        }
      }
    }
  });
  const indexOf = new Map(questions.map((q, i) => [q.code, i]));
  const optionIndex = questions.map(optionIndexOf);
  const compiler = makeCompiler(indexOf, optionIndex, allCodes);
  const compiled = questions.map((q) => (q.showIf ? compiler.compile(q.showIf, `${q.code}.showIf`) : null));

  // Depth-first so that forward references still work; a cycle has no meaning, so it is a framework error.
  const order: number[] = [];
  const mark = new Uint8Array(questions.length);
  const visit = (i: number, path: string[]): void => {
    if (mark[i] === 2) return;
    const code = questions[i]?.code ?? String(i);
    if (mark[i] === 1) throw new DomainError('FRAMEWORK_INVALID', `showIf cycle: ${[...path, code].join(' -> ')}`);
    mark[i] = 1;
    for (const d of compiled[i]?.deps ?? []) visit(d, [...path, code]);
    mark[i] = 2;
    order.push(i);
  };
  for (let i = 0; i < questions.length; i++) visit(i, []);

  return {
    plan: { track, questions, pillarOf, indexOf, optionIndex, order, showIf: compiled.map((c) => c?.test ?? null) },
    compiler,
  };
}

export function readAnswers(plan: QuestionPlan, answers: AnswerMap): Reading[] {
  const out = new Array<Reading>(plan.questions.length);
  for (let i = 0; i < plan.questions.length; i++) {
    const q = plan.questions[i] as Question;
    // Own-property lookup: an inherited key ("constructor") is not an answer.
    const a = Object.hasOwn(answers, q.code) ? answers[q.code] : undefined;
    out[i] = normalizeAnswer(q, a);
  }
  return out;
}

export function computeVisibility(plan: QuestionPlan, readings: readonly Reading[]): Uint8Array {
  const visible = new Uint8Array(plan.questions.length);
  for (const i of plan.order) {
    const cond = plan.showIf[i];
    visible[i] = cond == null || cond(readings, visible) === TRUE ? 1 : 0;
  }
  return visible;
}

const planCache = new WeakMap<Framework, Map<Track, QuestionPlan>>();

/** The compiled question plan of a framework and track, compiled once per framework object. */
export function cachedPlan(framework: Framework, track: Track): QuestionPlan {
  let byTrack = planCache.get(framework);
  if (!byTrack) {
    byTrack = new Map();
    planCache.set(framework, byTrack);
  }
  let plan = byTrack.get(track);
  if (!plan) {
    plan = compileQuestionPlan(framework, track).plan;
    byTrack.set(track, plan);
  }
  return plan;
}

/** Codes of the questions the respondent of `track` sees, in document order. */
export function visibleQuestions(framework: Framework, track: Track, answers: AnswerMap): ReadonlySet<string> {
  const plan = cachedPlan(framework, track);
  const visible = computeVisibility(plan, readAnswers(plan, answers));
  const out = new Set<string>();
  plan.questions.forEach((q, i) => {
    if (visible[i] === 1) out.add(q.code);
  });
  return out;
}

export function isVisible(framework: Framework, track: Track, answers: AnswerMap, questionCode: string): boolean {
  return visibleQuestions(framework, track, answers).has(questionCode);
}

export type QuestionIndex = ReadonlyMap<string, Question>;

export function buildQuestionIndex(framework: Framework, track?: Track): QuestionIndex {
  const out = new Map<string, Question>();
  for (const p of framework.pillars)
    for (const ind of p.indicators)
      for (const q of ind.questions) if (track === undefined || q.tracks.includes(track)) out.set(q.code, q);
  return out;
}

/**
 * Evaluates a condition directly (no compilation), for one-off checks such as
 * form logic. Questions missing from the index or listed in `hidden` read as
 * unknown, and an unknown result is false.
 */
export function evaluateCondition(
  cond: Condition,
  answers: AnswerMap,
  questionIndex: QuestionIndex,
  hidden: ReadonlySet<string> = new Set(),
): boolean {
  const tri = (c: Condition): Tri => {
    if ('all' in c) {
      let out: Tri = TRUE;
      for (const p of c.all) {
        const t = tri(p);
        if (t === FALSE) return FALSE;
        if (t === UNKNOWN) out = UNKNOWN;
      }
      return out;
    }
    if ('any' in c) {
      let out: Tri = FALSE;
      for (const p of c.any) {
        const t = tri(p);
        if (t === TRUE) return TRUE;
        if (t === UNKNOWN) out = UNKNOWN;
      }
      return out;
    }
    if ('not' in c) {
      const t = tri(c.not);
      return t === UNKNOWN ? UNKNOWN : t === TRUE ? FALSE : TRUE;
    }
    const q = questionIndex.get(c.question);
    if (q === undefined || hidden.has(c.question)) return UNKNOWN;
    const a = Object.hasOwn(answers, c.question) ? answers[c.question] : undefined;
    return testLeaf(normalizeAnswer(q, a), c.op, c.value, c.row, optionIndexOf(q)) ? TRUE : FALSE;
  };
  return tri(cond) === TRUE;
}
