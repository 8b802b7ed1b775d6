import { buildQuestionIndex, cachedPlan, type QuestionPlan, TRUE } from '@dg/shared/domain/conditions';
import { DomainError } from '@dg/shared/domain/errors';
import { normalizeAnswer, type Reading } from '@dg/shared/domain/maturity-answers';
import type { CrossBy, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Condition, Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { Db } from '../../db/database';
import * as repo from './analytics.repository';

// ---------------------------------------------------------------- item statistics

export const SEGMENT_COLUMN: Record<CrossBy, repo.SegmentColumn> = {
  orgType: 'org_type',
  role: 'role',
  ministry: 'ministry_code',
  region: 'region',
  track: 'track',
};

export function questionOf(framework: Framework, code: string): Question {
  const q = buildQuestionIndex(framework).get(code);
  if (!q) throw new DomainError('NOT_FOUND', `Question ${code} is not in the cycle's framework`);
  return q;
}

function conditionCodes(c: Condition, out: Set<string>) {
  if ('all' in c) for (const x of c.all) conditionCodes(x, out);
  else if ('any' in c) for (const x of c.any) conditionCodes(x, out);
  else if ('not' in c) conditionCodes(c.not, out);
  else out.add(c.question);
}

/** The codes and everything their display conditions read, transitively. */
function withDependencies(framework: Framework, codes: readonly string[]): string[] {
  const index = buildQuestionIndex(framework);
  const out = new Set<string>();
  const stack = [...codes];
  while (stack.length) {
    const code = stack.pop() as string;
    if (out.has(code)) continue;
    out.add(code);
    const q = index.get(code);
    if (q?.showIf) {
      const deps = new Set<string>();
      conditionCodes(q.showIf, deps);
      stack.push(...deps);
    }
  }
  return [...out];
}

/** Respondents alike in everything read here (a profile), `n` of them: counts are weighted by `n`. */
export interface Respondent {
  track: string;
  /** The cross-by column's value, when there is a cross-by. */
  segment: string | null;
  n: number;
  /** Answers to the loaded codes, as the engine reads them. */
  answers: AnswerMap;
  raw: Map<string, repo.StoredAnswer>;
  /** Which of the loaded codes the respondent was shown (nothing outside them is ever asked). */
  visible: ReadonlySet<string>;
  /** The engine's reading of each loaded code of the respondent's track, read once for visibility. */
  readings: ReadonlyMap<string, Reading>;
  /** The profile's agencies, loaded only for the drill-down (loadRespondents' withAgencies). */
  agencyIds?: number[];
}

/**
 * The engine's own visibility (the compiled showIf of visibleQuestions), evaluated only for the
 * loaded codes: they are closed under what their conditions read, so no other question can change
 * the outcome, and 8,000 respondents need not each evaluate the whole framework.
 */
function visibilityOf(plan: QuestionPlan, codes: readonly string[]) {
  const wanted = new Set(codes.map((c) => plan.indexOf.get(c)).filter((i): i is number => i !== undefined));
  const order = plan.order.filter((i) => wanted.has(i));
  // Reused across respondents: every wanted slot is written before a condition reads it.
  const readings = new Array<Reading>(plan.questions.length);
  const visible = new Uint8Array(plan.questions.length);
  return (answers: AnswerMap) => {
    const read = new Map<string, Reading>();
    for (const i of order) {
      const q = plan.questions[i] as Question;
      const reading = normalizeAnswer(q, Object.hasOwn(answers, q.code) ? answers[q.code] : undefined);
      readings[i] = reading;
      read.set(q.code, reading);
    }
    const shown = new Set<string>();
    for (const i of order) {
      const cond = plan.showIf[i];
      visible[i] = cond == null || cond(readings, visible) === TRUE ? 1 : 0;
      if (visible[i] === 1) shown.add((plan.questions[i] as Question).code);
    }
    return { visible: shown, readings: read };
  };
}

/**
 * Submitted respondents of the segment with the answers to `codes` (and what their display
 * conditions read), and which of those questions each was shown, folded into profiles (see
 * repo.respondentProfiles). Visibility is the engine's own (its compiled showIf) over the loaded
 * answers: a condition only reads loaded codes.
 */
export async function loadRespondents(
  db: Db,
  cycleId: number,
  framework: Framework,
  seg: SegmentQuery,
  codes: readonly string[],
  crossBy: CrossBy | undefined,
  withAgencies = false,
) {
  const all = withDependencies(framework, codes);
  const profiles = await repo.respondentProfiles(
    db,
    cycleId,
    seg,
    all,
    crossBy ? SEGMENT_COLUMN[crossBy] : undefined,
    withAgencies,
  );
  const visibility = new Map<Track, ReturnType<typeof visibilityOf>>();
  const visibleOf = (track: Track) => {
    let f = visibility.get(track);
    if (!f) {
      f = visibilityOf(cachedPlan(framework, track), all);
      visibility.set(track, f);
    }
    return f;
  };
  return profiles.map((p): Respondent => {
    const raw = new Map<string, repo.StoredAnswer>();
    const map: AnswerMap = {};
    p.answers.forEach((a, i) => {
      if (!a) return;
      const code = all[i] as string;
      raw.set(code, a);
      map[code] = {
        value: (a.value ?? null) as never,
        ...(a.not_applicable ? { notApplicable: a.not_applicable } : {}),
        verification: a.verification,
      };
    });
    return {
      track: p.track,
      segment: p.segment,
      n: p.n,
      answers: map,
      raw,
      ...visibleOf(p.track as Track)(map),
      ...(p.agencyIds ? { agencyIds: p.agencyIds } : {}),
    };
  });
}

export const weight = (group: readonly Respondent[]) => group.reduce((sum, r) => sum + r.n, 0);

/** Groups by the cross-by column, which loadRespondents read for the same `crossBy`. */
export function segmentGroups(respondents: readonly Respondent[]) {
  const groups = new Map<string, Respondent[]>();
  for (const r of respondents) {
    const k = r.segment ?? '(none)';
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
