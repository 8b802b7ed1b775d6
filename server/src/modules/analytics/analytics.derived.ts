import { share } from '@dg/shared/domain/analytics-math';
import { buildQuestionIndex } from '@dg/shared/domain/conditions';
import {
  compileDerived,
  type DerivedOutcome,
  derivedIndicatorOf,
  derivedQuestionCodes,
} from '@dg/shared/domain/derived-indicators';
import { DomainError } from '@dg/shared/domain/errors';
import type { CrossBy, IndicatorStatistics, ItemStat, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { DerivedIndicatorDef, Framework, Track } from '@dg/shared/schemas/framework';
import type { Db } from '../../db/database';
import { cycleFramework } from './analytics.cycle';
import type * as repo from './analytics.repository';
import { loadRespondents, type Respondent, segmentGroups } from './analytics.respondents';

/**
 * Derived indicators (framework data, see shared/src/domain/derived-indicators.ts) over the
 * respondents the explorer loads: each respondent is placed once per indicator and the counts
 * are weighted by the profile's size, as a question's are.
 */

export interface LoadedDerived {
  def: DerivedIndicatorDef;
  /** The framework questions it reads (loadRespondents adds what their display conditions read). */
  questions: string[];
  evaluate: (r: Respondent) => DerivedOutcome;
}

const compiled = new WeakMap<Framework, Map<string, LoadedDerived>>();

/** The framework's indicator of that code, compiled once per framework object; undefined if none. */
export function loadedDerived(framework: Framework, code: string): LoadedDerived | undefined {
  let byCode = compiled.get(framework);
  if (!byCode) {
    byCode = new Map();
    compiled.set(framework, byCode);
  }
  const hit = byCode.get(code);
  if (hit) return hit;
  const def = derivedIndicatorOf(framework, code);
  if (!def) return undefined;
  const questions = derivedQuestionCodes(def);
  const run = compileDerived(def, buildQuestionIndex(framework));
  const seen = new WeakMap<Respondent, DerivedOutcome>();
  const evaluate = (r: Respondent) => {
    let out = seen.get(r);
    if (!out) {
      // Only answers the respondent was shown count; a hidden leftover value is not an answer.
      const hidden = new Set(questions.filter((c) => !r.visible.has(c)));
      out = run(r.answers, hidden);
      seen.set(r, out);
    }
    return out;
  };
  const loaded = { def, questions, evaluate };
  byCode.set(code, loaded);
  return loaded;
}

/** The indicator as an item: `shown` is its population, `population` those placed in a category. */
export function derivedStat(ind: LoadedDerived, group: readonly Respondent[]): ItemStat {
  const counts = new Map<string, number>();
  let shown = 0;
  let population = 0;
  for (const r of group) {
    const o = ind.evaluate(r);
    if (!o.inPopulation) continue;
    shown += r.n;
    if (o.category === null) continue;
    population += r.n;
    counts.set(o.category, (counts.get(o.category) ?? 0) + r.n);
  }
  return {
    suppressed: null,
    population,
    shown,
    options: ind.def.categories.map((c) => {
      const count = counts.get(c.code) ?? 0;
      return { code: c.code, label: c.label, count, share: share(count, population) };
    }),
  };
}

/** The headline category's share over the indicator's population. */
export function indicatorTally(ind: LoadedDerived, group: readonly Respondent[]) {
  const s = derivedStat(ind, group);
  return share(s.options?.find((o) => o.code === ind.def.headline)?.count ?? 0, s.population);
}

/** The indicator of the cycle's framework and the questions it reads (404 when it is not defined there). */
export async function indicatorOf(db: Db, cycle: repo.CycleRow, code: string) {
  const framework = await cycleFramework(db, cycle);
  const loaded = loadedDerived(framework, code);
  if (!loaded) throw new DomainError('NOT_FOUND', `Indicator ${code} is not defined in the cycle's framework`);
  const { def } = loaded;
  const ind = { ...loaded, code: def.code, label: def.label, populationLabel: def.populationLabel, tracks: def.tracks };
  return { ind, framework };
}

export async function indicatorStatistics(
  db: Db,
  cycle: repo.CycleRow,
  code: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<IndicatorStatistics> {
  const { ind, framework } = await indicatorOf(db, cycle, code);
  const respondents = (await loadRespondents(db, cycle.id, framework, seg, ind.questions, crossBy)).filter((r) =>
    ind.tracks.includes(r.track as Track),
  );
  const tally = (group: readonly Respondent[]) => indicatorTally(ind, group);
  return {
    cycleId: cycle.id,
    code: ind.code,
    label: ind.label,
    populationLabel: ind.populationLabel,
    segment: seg,
    suppressed: null,
    share: tally(respondents),
    crossBy: crossBy ?? null,
    segments: crossBy
      ? segmentGroups(respondents).map(([value, g]) => ({ value, suppressed: null, share: tally(g) }))
      : null,
  };
}
