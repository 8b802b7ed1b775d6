import type { AnswerMap } from '../schemas/answer';
import type { Question } from '../schemas/framework';
import type { LocalizedText } from '../schemas/i18n';
import type { Basis, Completeness, CriterionResult, CriterionState, PillarResult, Result } from '../schemas/result';
import { computeVisibility, readAnswers } from './conditions';
import type { CompiledCriterion, CompiledFramework, CompiledPillar } from './criteria';
import type { Reading } from './maturity-answers';
import { planNextLevel } from './maturity-explain';
import { overallLevel, roundHalfUp2, scorePillar } from './maturity-scoring';

/** Bump when a rule changes: stored results say which rules produced them. */
export const ENGINE_VERSION = '1.0.0';

export interface PreparedAnswers {
  readonly readings: readonly Reading[];
  readonly visible: Uint8Array;
  /** Per pillar (framework order), then overall; the same for both bases. */
  readonly completeness: { readonly pillars: readonly Completeness[]; readonly overall: Completeness };
}

/** Answers read and showIf applied once; both bases share it because rejection never changes visibility. */
export function prepareAnswers(compiled: CompiledFramework, answers: AnswerMap): PreparedAnswers {
  const readings = readAnswers(compiled.plan, answers);
  const visible = computeVisibility(compiled.plan, readings);
  const pillars = compiled.pillars.map((p) => completenessOf(compiled, readings, visible, p.questions));
  // Every question sits in exactly one pillar, so the overall counts are the pillar sums.
  let answered = 0;
  let required = 0;
  for (const c of pillars) {
    answered += c.answered;
    required += c.required;
  }
  const completeness = {
    pillars,
    overall: { answered, required, share: required === 0 ? 1 : answered / required },
  };
  return { readings, visible, completeness };
}

/**
 * The state of every criterion (indexed like compiled.criteria). Rejection acts only on
 * the verified basis and only on the criteria reading the rejected answer; it does not
 * alter visibility, so rejecting an answer can only turn criteria into "not met".
 */
export function criterionStates(
  compiled: CompiledFramework,
  prepared: PreparedAnswers,
  basis: Basis,
): CriterionState[] {
  const { readings, visible } = prepared;
  const verified = basis === 'verified';
  const out = new Array<CriterionState>(compiled.criteria.length);
  for (let i = 0; i < compiled.criteria.length; i++) {
    const c = compiled.criteria[i] as CompiledCriterion;
    const qi = c.questionIndex;
    const r = readings[qi] as Reading;
    let s: CriterionState;
    if (visible[qi] !== 1) s = 'not_met';
    else if (verified && r.rejected) s = 'rejected';
    else if (r.notApplicable) s = 'not_applicable';
    else if (!r.present) s = 'unanswered';
    else if (verified && c.otherDeps.some((d) => visible[d] === 1 && readings[d]?.rejected === true)) s = 'rejected';
    else s = c.test(readings, visible) ? 'met' : 'not_met';
    out[i] = s;
  }
  return out;
}

function completenessOf(
  compiled: CompiledFramework,
  readings: readonly Reading[],
  visible: Uint8Array,
  questions: Iterable<number>,
): Completeness {
  let required = 0;
  let answered = 0;
  for (const qi of questions) {
    const q = compiled.plan.questions[qi] as Question;
    if (q.required === false || visible[qi] !== 1) continue;
    required++;
    const r = readings[qi] as Reading;
    if (r.present || r.notApplicable) answered++;
  }
  return { answered, required, share: required === 0 ? 1 : answered / required };
}

function pillarResult(
  compiled: CompiledFramework,
  pillar: CompiledPillar,
  prepared: PreparedAnswers,
  states: readonly CriterionState[],
): PillarResult {
  const scored = scorePillar(pillar, compiled.criteria, states, compiled.minApplicableShare);
  const criteria: CriterionResult[] = pillar.criteria.map((i) => {
    const c = compiled.criteria[i] as CompiledCriterion;
    return prepared.visible[c.questionIndex] !== 1 ? c.hiddenEntry : c.entries[states[i] as CriterionState];
  });
  return {
    key: pillar.key,
    number: pillar.number,
    name: pillar.name,
    mode: pillar.mode,
    status: scored.status,
    level: scored.level,
    levelName: scored.level === null ? null : (pillar.levelNames[scored.level - 1] as LocalizedText),
    stagedLevel: scored.stagedLevel,
    scoreLevel: scored.scoreLevel,
    score: scored.score === null ? null : roundHalfUp2(scored.score),
    metWeight: scored.metWeight,
    applicableWeight: scored.applicableWeight,
    totalWeight: scored.totalWeight,
    applicableShare: scored.applicableShare,
    completeness: prepared.completeness.pillars[pillar.index] as Completeness,
    criteria,
    nextLevel: planNextLevel(pillar, compiled.criteria, states, scored),
  };
}

/** Whether two state vectors agree on every criterion of the pillar. */
function sameStates(pillar: CompiledPillar, a: readonly CriterionState[], b: readonly CriterionState[]): boolean {
  for (const i of pillar.criteria) if (a[i] !== b[i]) return false;
  return true;
}

function buildResult(
  compiled: CompiledFramework,
  prepared: PreparedAnswers,
  states: readonly CriterionState[],
  basis: Basis,
  frameworkHash: string,
  /** The other basis: a pillar whose criteria have the same states gets the same (immutable) result. */
  other?: { readonly states: readonly CriterionState[]; readonly pillars: readonly PillarResult[] },
): Result {
  const pillars = compiled.pillars.map((p, i) =>
    other !== undefined && sameStates(p, states, other.states)
      ? (other.pillars[i] as PillarResult)
      : pillarResult(compiled, p, prepared, states),
  );
  const level = overallLevel(
    compiled.overallMethod,
    pillars.map((p, i) => ({ level: p.level, weight: compiled.pillars[i]?.weight ?? 1 })),
  );
  return {
    engineVersion: ENGINE_VERSION,
    frameworkCode: compiled.frameworkCode,
    frameworkHash,
    basis,
    track: compiled.track,
    overall: {
      method: compiled.overallMethod,
      level,
      levelName: level === null ? null : (compiled.levelNames[level - 1] as LocalizedText),
      assessedPillars: pillars.filter((p) => p.level !== null).length,
      totalPillars: pillars.length,
    },
    completeness: prepared.completeness.overall,
    pillars,
  };
}

export interface ComputeOptions {
  /** Identifies the exact framework content; computed by the server, stored with the result. */
  readonly frameworkHash: string;
}

export function computeResult(
  compiled: CompiledFramework,
  answers: AnswerMap,
  options: ComputeOptions & { readonly basis: Basis },
): Result {
  const prepared = prepareAnswers(compiled, answers);
  return buildResult(
    compiled,
    prepared,
    criterionStates(compiled, prepared, options.basis),
    options.basis,
    options.frameworkHash,
  );
}

/** Self-assessed and verified results from one reading of the answers. */
export function computeResults(
  compiled: CompiledFramework,
  answers: AnswerMap,
  options: ComputeOptions,
): { selfAssessed: Result; verified: Result } {
  const prepared = prepareAnswers(compiled, answers);
  const self = criterionStates(compiled, prepared, 'self');
  // Without any rejection both bases have the same states; skip the second pass.
  const verifiedStates = prepared.readings.some((r) => r.rejected)
    ? criterionStates(compiled, prepared, 'verified')
    : self;
  const selfAssessed = buildResult(compiled, prepared, self, 'self', options.frameworkHash);
  return {
    selfAssessed,
    verified: buildResult(compiled, prepared, verifiedStates, 'verified', options.frameworkHash, {
      states: self,
      pillars: selfAssessed.pillars,
    }),
  };
}
