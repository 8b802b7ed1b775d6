import type { Framework, Level, MaturityRef, OverallMethod, Question, ScoringMode, Track } from '../schemas/framework';
import type { LocalizedText } from '../schemas/i18n';
import type { CriterionResult, CriterionState, NextLevelAction } from '../schemas/result';
import { type CompiledCondition, compileQuestionPlan, type QuestionPlan, TRUE } from './conditions';
import { optionCriterionLabel } from './criterion-label';
import { DomainError } from './errors';
import type { Reading } from './maturity-answers';

/** Decides "met" for an answered, visible question; visibility, NA and rejection are handled by the engine. */
export type CriterionTest = (readings: readonly Reading[], visible: Uint8Array) => boolean;

export interface CompiledCriterion {
  /** `${questionCode}.${optionCode}` for option-level criteria, the criterion's code for question-level ones. */
  readonly id: string;
  readonly source: 'option' | 'question';
  readonly questionIndex: number;
  readonly questionCode: string;
  readonly pillarIndex: number;
  readonly level: Level;
  readonly weight: number;
  readonly required: boolean;
  readonly label: LocalizedText;
  readonly action: LocalizedText;
  /** Other questions the criterion reads; rejecting any of them rejects the criterion on the verified basis. */
  readonly otherDeps: readonly number[];
  readonly test: CriterionTest;
  /**
   * The explanation entry for each state (and hidden flag), built once and frozen: results
   * share them, which removes most of the engine's allocation per agency.
   */
  readonly entries: Readonly<Record<CriterionState, CriterionResult>>;
  readonly hiddenEntry: CriterionResult;
  /** This criterion as an action of a next-level plan, shared by every result like the entries. */
  readonly nextAction: NextLevelAction;
}

const STATES: readonly CriterionState[] = ['met', 'not_met', 'not_applicable', 'unanswered', 'rejected'];

export interface CompiledPillar {
  readonly index: number;
  readonly key: string;
  readonly number: number;
  readonly name: LocalizedText;
  readonly levelNames: readonly LocalizedText[];
  readonly weight: number;
  readonly mode: ScoringMode;
  readonly minOptionalShare: number;
  /** Minimum scores for levels 2..5; null in staged mode. */
  readonly cutPoints: readonly [number, number, number, number] | null;
  /** Indexes into CompiledFramework.criteria, sorted by level then document order. */
  readonly criteria: readonly number[];
  /** byLevel[L] = criteria of level L (same order); index 0 unused. */
  readonly byLevel: readonly (readonly number[])[];
  /** optionalByWeight[L] = non-required criteria of level L, heaviest first, then document order. */
  readonly optionalByWeight: readonly (readonly number[])[];
  /** All criteria by level, heaviest first, then document order: the order to close a score gap. */
  readonly improvementOrder: readonly number[];
  readonly totalWeight: number;
  /** Questions of this pillar's indicators (for completeness). */
  readonly questions: readonly number[];
}

export interface CompiledFramework {
  readonly frameworkCode: string;
  readonly track: Track;
  readonly overallMethod: OverallMethod;
  readonly minApplicableShare: number;
  readonly levelNames: readonly LocalizedText[];
  readonly plan: QuestionPlan;
  readonly criteria: readonly CompiledCriterion[];
  readonly pillars: readonly CompiledPillar[];
}

function optionTest(q: Question, qi: number, code: string, optIdx: number): CriterionTest {
  switch (q.type) {
    case 'staged': {
      // The option order is the stage order: reaching stage 3 implies stages 1 and 2.
      const order = new Map((q.options ?? []).map((o, i) => [o.code, i]));
      return (r) => {
        const s = r[qi]?.scalar;
        if (s == null) return false;
        const have = order.get(s);
        return have !== undefined && have >= optIdx;
      };
    }
    case 'multiple':
    case 'matrix':
      // Matrix: any row choosing it; question-level criteria with `row` are the precise tool.
      return (r) => r[qi]?.codes?.includes(code) === true;
    default:
      return (r) => r[qi]?.scalar === code;
  }
}

function conditionTest(cond: CompiledCondition): CriterionTest {
  return (r, v) => cond(r, v) === TRUE;
}

export function compileFramework(framework: Framework, track: Track): CompiledFramework {
  const { plan, compiler } = compileQuestionPlan(framework, track);
  const pillarIndex = new Map(framework.pillars.map((p, i) => [p.key, i]));
  if (pillarIndex.size !== framework.pillars.length) throw new DomainError('FRAMEWORK_INVALID', 'Duplicate pillar key');

  const criteria: CompiledCriterion[] = [];
  const ids = new Set<string>();
  const add = (
    id: string,
    source: 'option' | 'question',
    qi: number,
    q: Question,
    ref: MaturityRef,
    label: LocalizedText,
    test: CriterionTest,
    otherDeps: readonly number[],
  ): void => {
    const p = pillarIndex.get(ref.pillar);
    if (p === undefined) throw new DomainError('FRAMEWORK_INVALID', `${id}: unknown pillar ${ref.pillar}`);
    if (ids.has(id)) throw new DomainError('FRAMEWORK_INVALID', `Duplicate criterion id ${id}`);
    ids.add(id);
    // Defaults repeated here so an unparsed framework object still scores sensibly.
    const weight = ref.weight ?? 1;
    const required = ref.required ?? false;
    const entry = (state: CriterionState, hidden: boolean): CriterionResult =>
      Object.freeze({
        id,
        questionCode: q.code,
        level: ref.level,
        required,
        weight,
        state,
        hidden,
        label,
        action: ref.action,
      });
    criteria.push({
      id,
      source,
      questionIndex: qi,
      questionCode: q.code,
      pillarIndex: p,
      level: ref.level,
      weight,
      required,
      label,
      action: ref.action,
      otherDeps,
      test,
      entries: Object.fromEntries(STATES.map((st) => [st, entry(st, false)])) as Record<
        CriterionState,
        CriterionResult
      >,
      hiddenEntry: entry('not_met', true),
      nextAction: Object.freeze({
        criterionId: id,
        questionCode: q.code,
        level: ref.level,
        required,
        weight,
        action: ref.action,
      }),
    });
  };

  plan.questions.forEach((q, qi) => {
    (q.options ?? []).forEach((o, oi) => {
      if (o.maturity)
        add(
          `${q.code}.${o.code}`,
          'option',
          qi,
          q,
          o.maturity,
          optionCriterionLabel(q, o),
          optionTest(q, qi, o.code, oi),
          [],
        );
    });
    for (const c of q.criteria ?? []) {
      const { test, deps } = compiler.compile(c.when, c.code);
      add(
        c.code,
        'question',
        qi,
        q,
        c,
        c.label,
        conditionTest(test),
        deps.filter((d) => d !== qi),
      );
    }
  });

  const pillars = framework.pillars.map((p, index): CompiledPillar => {
    const mode = p.scoring.mode;
    const cutPoints = p.scoring.cutPoints ?? null;
    if (mode !== 'staged') {
      if (cutPoints === null) throw new DomainError('FRAMEWORK_INVALID', `${p.key}: ${mode} mode needs cutPoints`);
      for (let i = 1; i < 4; i++) {
        if ((cutPoints[i] as number) < (cutPoints[i - 1] as number)) {
          throw new DomainError('FRAMEWORK_INVALID', `${p.key}: cutPoints must ascend`);
        }
      }
    }
    const mine = criteria
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.pillarIndex === index)
      // Stable sort keeps document order within a level.
      .sort((a, b) => a.c.level - b.c.level)
      .map(({ i }) => i);
    const byLevel: number[][] = [[], [], [], [], [], []];
    let totalWeight = 0;
    for (const i of mine) {
      const c = criteria[i] as CompiledCriterion;
      byLevel[c.level]?.push(i);
      totalWeight += c.weight;
    }
    // Precomputed so explaining the next level needs no sorting per agency.
    const weightOf = (i: number): number => (criteria[i] as CompiledCriterion).weight;
    const heaviestFirst = (a: number, b: number): number => weightOf(b) - weightOf(a) || a - b;
    const optionalByWeight = byLevel.map((ids) => ids.filter((i) => !criteria[i]?.required).sort(heaviestFirst));
    const improvementOrder = [...mine].sort(
      (a, b) =>
        (criteria[a] as CompiledCriterion).level - (criteria[b] as CompiledCriterion).level || heaviestFirst(a, b),
    );
    const questions: number[] = [];
    plan.pillarOf.forEach((pi, qi) => {
      if (pi === index) questions.push(qi);
    });
    return {
      index,
      key: p.key,
      number: p.number,
      name: p.name,
      levelNames: p.levelNames,
      weight: p.weight ?? 1,
      mode,
      minOptionalShare: p.scoring.minOptionalShare ?? 0,
      cutPoints: mode === 'staged' ? null : cutPoints,
      criteria: mine,
      byLevel,
      optionalByWeight,
      improvementOrder,
      totalWeight,
      questions,
    };
  });

  return {
    frameworkCode: framework.code,
    track,
    overallMethod: framework.overall.method,
    minApplicableShare: framework.minApplicableShare ?? 0.5,
    levelNames: framework.levels.map((l) => l.name),
    plan,
    criteria,
    pillars,
  };
}
