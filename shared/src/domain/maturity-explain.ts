import type { LocalizedText } from '../schemas/i18n';
import type { CriterionState, NextLevel, NextLevelAction } from '../schemas/result';
import type { CompiledCriterion, CompiledPillar } from './criteria';
import { EPS, type PillarScore, roundHalfUp2 } from './maturity-scoring';

const unmet = (s: CriterionState | undefined): boolean => s !== undefined && s !== 'met' && s !== 'not_applicable';

const fmt = (x: number): string => roundHalfUp2(x).toFixed(2);

/** Repeated action texts (two options asking for the same thing) read badly in one sentence. */
const joinActions = (texts: readonly string[]): string => [...new Set(texts)].join('; ');

/**
 * The action part of a summary for one set of chosen criteria. Thousands of agencies share the
 * same few sets per pillar, so the joined texts are built once per set (bounded per pillar).
 */
const actionTexts = new WeakMap<CompiledPillar, Map<string, LocalizedText>>();
const MAX_CACHED_SETS = 5000;

function actionsPart(pillar: CompiledPillar | undefined, actions: readonly NextLevelAction[]): LocalizedText {
  const build = () => ({
    th: joinActions(actions.map((a) => a.action.th)),
    en: joinActions(actions.map((a) => a.action.en)),
  });
  if (!pillar) return build();
  let cache = actionTexts.get(pillar);
  if (!cache) {
    cache = new Map();
    actionTexts.set(pillar, cache);
  }
  let key = '';
  for (const a of actions) key += `${a.criterionId}|`;
  let part = cache.get(key);
  if (!part) {
    part = build();
    if (cache.size >= MAX_CACHED_SETS) cache.clear();
    cache.set(key, part);
  }
  return part;
}

export function summarize(
  targetLevel: number,
  name: LocalizedText,
  actions: readonly NextLevelAction[],
  score: number | null,
  targetScore: number | null,
  pointsNeeded: number | null,
  pillar?: CompiledPillar,
): LocalizedText {
  const { th, en } = actionsPart(pillar, actions);
  let thText = `เพื่อยกระดับเป็นระดับ ${targetLevel} (${name.th})${th ? `: ${th}` : ''}`;
  let enText = `To reach level ${targetLevel} (${name.en})${en ? `: ${en}` : ''}`;
  if (score !== null && targetScore !== null && pointsNeeded !== null && pointsNeeded > 0) {
    thText += ` (คะแนน ${fmt(score)} ต้องได้อย่างน้อย ${fmt(targetScore)} ขาดอีก ${fmt(pointsNeeded)} คะแนน)`;
    enText += ` (score ${fmt(score)}, needs ${fmt(targetScore)}: ${fmt(pointsNeeded)} more points)`;
  }
  return { th: thText, en: enText };
}

/**
 * What it takes to reach the next level: for the staged part, the unmet required
 * criteria and just enough optional ones of each failing gate; for the score part,
 * unmet criteria by level then weight until the cut point is reached. Null at
 * level 5 and when the pillar is not assessable.
 */
export function planNextLevel(
  pillar: CompiledPillar,
  criteria: readonly CompiledCriterion[],
  states: readonly CriterionState[],
  scored: PillarScore,
): NextLevel | null {
  if (scored.level === null || scored.level >= 5 || scored.score === null) return null;
  const target = scored.level + 1;
  const chosen: number[] = [];

  if (scored.stagedLevel !== null && scored.stagedLevel < target) {
    for (let l = 2; l <= target; l++) {
      let optApplicable = 0;
      let optMet = 0;
      for (const i of pillar.byLevel[l] ?? []) {
        const s = states[i];
        if (s === 'not_applicable' || s === undefined) continue;
        if ((criteria[i] as CompiledCriterion).required) {
          if (s !== 'met') chosen.push(i);
        } else {
          optApplicable++;
          if (s === 'met') optMet++;
        }
      }
      let missing = optApplicable > 0 ? Math.ceil(pillar.minOptionalShare * optApplicable - optMet - EPS) : 0;
      for (const i of pillar.optionalByWeight[l] ?? []) {
        if (missing <= 0) break;
        if (unmet(states[i])) {
          chosen.push(i);
          missing--;
        }
      }
    }
  }

  let targetScore: number | null = null;
  let pointsNeeded: number | null = null;
  if (pillar.cutPoints !== null) {
    const cut = pillar.cutPoints[target - 2] as number;
    targetScore = cut;
    pointsNeeded = roundHalfUp2(Math.max(0, cut - scored.score));
    if (scored.scoreLevel !== null && scored.scoreLevel < target) {
      let met = scored.metWeight;
      for (const i of chosen) met += (criteria[i] as CompiledCriterion).weight;
      for (const i of pillar.improvementOrder) {
        if ((100 * met) / scored.applicableWeight + EPS >= cut) break;
        if (!unmet(states[i]) || chosen.includes(i)) continue;
        chosen.push(i);
        met += (criteria[i] as CompiledCriterion).weight;
      }
    }
  }

  // Lowest level first; within a level, prerequisites, then heaviest, then document order.
  chosen.sort((a, b) => {
    const ca = criteria[a] as CompiledCriterion;
    const cb = criteria[b] as CompiledCriterion;
    return ca.level - cb.level || Number(cb.required) - Number(ca.required) || cb.weight - ca.weight || a - b;
  });
  const actions: NextLevelAction[] = chosen.map((i) => (criteria[i] as CompiledCriterion).nextAction);
  const targetLevelName = pillar.levelNames[target - 1] as LocalizedText;
  return {
    targetLevel: target,
    targetLevelName,
    actions,
    targetScore,
    pointsNeeded,
    summary: summarize(target, targetLevelName, actions, scored.score, targetScore, pointsNeeded, pillar),
  };
}
