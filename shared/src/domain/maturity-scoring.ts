import type { Level, OverallMethod } from '../schemas/framework';
import type { CriterionState } from '../schemas/result';
import type { CompiledCriterion, CompiledPillar } from './criteria';

/** Tolerance for float sums of fractional weights; far below any meaningful score difference. */
export const EPS = 1e-9;

/** Half up to 2 decimals, robust to binary representation (1.005 -> 1.01). */
export function roundHalfUp2(x: number): number {
  return Math.floor(x * 100 + 0.5 + EPS) / 100;
}

export interface PillarScore {
  readonly status: 'assessed' | 'not_assessable';
  readonly level: Level | null;
  readonly stagedLevel: Level | null;
  readonly scoreLevel: Level | null;
  /** Unrounded 0-100; null when not assessable. */
  readonly score: number | null;
  readonly metWeight: number;
  readonly applicableWeight: number;
  readonly totalWeight: number;
  readonly applicableShare: number;
}

/** One staged gate: every applicable required criterion of the level is met, and enough optional ones. */
export function stagedGatePasses(
  pillar: CompiledPillar,
  criteria: readonly CompiledCriterion[],
  states: readonly CriterionState[],
  level: number,
): boolean {
  let optApplicable = 0;
  let optMet = 0;
  for (const i of pillar.byLevel[level] ?? []) {
    const s = states[i];
    if (s === undefined || s === 'not_applicable') continue;
    const c = criteria[i] as CompiledCriterion;
    if (c.required) {
      if (s !== 'met') return false;
    } else {
      optApplicable++;
      if (s === 'met') optMet++;
    }
  }
  // The optional share counts criteria, not weights: weights belong to the score.
  return optApplicable === 0 || optMet >= pillar.minOptionalShare * optApplicable - EPS;
}

export function stagedLevelOf(
  pillar: CompiledPillar,
  criteria: readonly CompiledCriterion[],
  states: readonly CriterionState[],
): Level {
  let level = 1;
  // Cumulative: a failed gate stops the climb, so no level is ever skipped.
  for (let l = 2; l <= 5; l++) {
    if (!stagedGatePasses(pillar, criteria, states, l)) break;
    level = l;
  }
  return level;
}

export function scoreLevelOf(cutPoints: readonly number[], score: number): Level {
  let level = 1;
  for (const cut of cutPoints) if (score + EPS >= cut) level++;
  return level;
}

export function scorePillar(
  pillar: CompiledPillar,
  criteria: readonly CompiledCriterion[],
  states: readonly CriterionState[],
  minApplicableShare: number,
): PillarScore {
  let metWeight = 0;
  let applicableWeight = 0;
  for (const i of pillar.criteria) {
    const s = states[i];
    if (s === undefined || s === 'not_applicable') continue;
    const w = (criteria[i] as CompiledCriterion).weight;
    applicableWeight += w;
    if (s === 'met') metWeight += w;
  }
  const totalWeight = pillar.totalWeight;
  const applicableShare = totalWeight > 0 ? Math.min(1, applicableWeight / totalWeight) : 0;
  const base = { metWeight, applicableWeight, totalWeight, applicableShare };
  // Too little applies (or nothing at all): say so rather than guess a level.
  if (applicableWeight <= 0 || applicableWeight < minApplicableShare * totalWeight - EPS) {
    return { status: 'not_assessable', level: null, stagedLevel: null, scoreLevel: null, score: null, ...base };
  }
  const score = Math.min(100, (100 * metWeight) / applicableWeight);
  const stagedLevel = pillar.mode === 'score' ? null : stagedLevelOf(pillar, criteria, states);
  const scoreLevel = pillar.cutPoints === null ? null : scoreLevelOf(pillar.cutPoints, score);
  let level: Level;
  if (pillar.mode === 'staged') level = stagedLevel as Level;
  else if (pillar.mode === 'score') level = scoreLevel as Level;
  // Hybrid: a high score cannot hide a missing prerequisite.
  else level = Math.min(stagedLevel as Level, scoreLevel as Level);
  return { status: 'assessed', level, stagedLevel, scoreLevel, score, ...base };
}

export function overallLevel(
  method: OverallMethod,
  pillars: readonly { level: Level | null; weight: number }[],
): Level | null {
  const assessed = pillars.filter((p): p is { level: Level; weight: number } => p.level !== null);
  if (assessed.length === 0) return null;
  switch (method) {
    case 'minimum':
      return Math.min(...assessed.map((p) => p.level));
    case 'median': {
      const ls = assessed.map((p) => p.level).sort((a, b) => a - b);
      const mid = ls.length >> 1;
      if (ls.length % 2 === 1) return ls[mid] as Level;
      return Math.floor(((ls[mid - 1] as number) + (ls[mid] as number)) / 2);
    }
    case 'floor_weighted_mean': {
      let sum = 0;
      let weight = 0;
      for (const p of assessed) {
        sum += p.level * p.weight;
        weight += p.weight;
      }
      return Math.max(1, Math.min(5, Math.floor(sum / weight + EPS)));
    }
  }
}
