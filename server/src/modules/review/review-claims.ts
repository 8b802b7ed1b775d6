import { DomainError } from '@dg/shared/domain/errors';
import { computeResults, criterionStates, prepareAnswers } from '@dg/shared/domain/maturity-engine';
import type { AnswerMap, AnswerValue } from '@dg/shared/schemas/answer';
import type { Question } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Result } from '@dg/shared/schemas/result';
import type { ClaimCounts, LevelChange, Levels, PillarLevel } from '@dg/shared/schemas/review';
import type { Db } from '../../db/database';
import type { TrackFramework } from '../responses/framework-cache';
import * as responsesRepo from '../responses/responses.repository';
import { type Actor, iso } from '../responses/responses.service';
import * as repo from './review.repository';

// What the queue, the decisions and the returns share: claims of an answer set, levels, context loading.

export type Ctx = responsesRepo.ResponseContextRow;

export const REVIEWABLE = new Set(['submitted', 'verified']);

// ---------------------------------------------------------------------------------------------
// Claims: answers that meet a criterion (self-assessed) on a question whose evidence policy is not 'none'.

export interface AnswerLike {
  question_code: string;
  value: unknown;
  not_applicable: { justification: string } | null;
  verification: 'self_reported' | 'verified' | 'rejected';
}

export function toAnswerMap(rows: readonly AnswerLike[]): AnswerMap {
  const out: AnswerMap = {};
  for (const r of rows) {
    out[r.question_code] = {
      value: (r.value ?? null) as AnswerValue | null,
      ...(r.not_applicable ? { notApplicable: r.not_applicable } : {}),
      verification: r.verification,
    };
  }
  return out;
}

/** Question code -> the criteria its answer meets (self-assessed), for questions that need evidence. */
export function claimsOf(fw: TrackFramework, answers: AnswerMap): Map<string, { level: number; required: boolean }[]> {
  const { compiled } = fw;
  const states = criterionStates(compiled, prepareAnswers(compiled, answers), 'self');
  const out = new Map<string, { level: number; required: boolean }[]>();
  compiled.criteria.forEach((c, i) => {
    if (states[i] !== 'met') return;
    const q = fw.questions.get(c.questionCode)?.question;
    if (!q || (q.evidence ?? 'none') === 'none') return;
    const list = out.get(c.questionCode) ?? [];
    list.push({ level: c.level, required: c.required });
    out.set(c.questionCode, list);
  });
  return out;
}

export function countClaims(claims: ReadonlyMap<string, unknown>, answers: AnswerMap): ClaimCounts {
  const n: ClaimCounts = { total: 0, pending: 0, verified: 0, rejected: 0 };
  for (const code of claims.keys()) {
    n.total++;
    const v = answers[code]?.verification ?? 'self_reported';
    if (v === 'verified') n.verified++;
    else if (v === 'rejected') n.rejected++;
    else n.pending++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Display helpers

const optionLabel = (q: Question, code: string): LocalizedText =>
  q.options?.find((o) => o.code === code)?.label ?? { th: code, en: code };

export function answerText(
  q: Question,
  value: unknown,
  notApplicable: { justification: string } | null,
): LocalizedText {
  if (notApplicable) {
    return {
      th: `ไม่เกี่ยวข้อง: ${notApplicable.justification}`,
      en: `Not applicable: ${notApplicable.justification}`,
    };
  }
  if (value === null || value === undefined) return { th: '—', en: '—' };
  const join = (parts: LocalizedText[]) => ({
    th: parts.map((p) => p.th).join(', '),
    en: parts.map((p) => p.en).join(', '),
  });
  switch (q.type) {
    case 'single':
    case 'staged':
      return optionLabel(q, String(value));
    case 'yes_no':
      return value === 'yes'
        ? { th: 'ใช่', en: 'Yes' }
        : value === 'no'
          ? { th: 'ไม่ใช่', en: 'No' }
          : optionLabel(q, String(value));
    case 'multiple':
      return Array.isArray(value)
        ? join(value.map((c) => optionLabel(q, String(c))))
        : { th: String(value), en: String(value) };
    case 'reason': {
      const v = value as { choice: string; other?: string };
      const l = optionLabel(q, v.choice);
      return v.other ? { th: `${l.th}: ${v.other}`, en: `${l.en}: ${v.other}` } : l;
    }
    case 'matrix': {
      const rows = value as Record<string, string>;
      return join(
        (q.rows ?? [])
          .filter((r) => rows[r.code] !== undefined)
          .map((r) => {
            const o = optionLabel(q, rows[r.code] as string);
            return { th: `${r.label.th}: ${o.th}`, en: `${r.label.en}: ${o.en}` };
          }),
      );
    }
    default:
      return { th: String(value), en: String(value) };
  }
}

export const pillarLevels = (r: Result): PillarLevel[] =>
  r.pillars.map((p) => ({ key: p.key, number: p.number, name: p.name, level: p.level }));

export function diffLevels(before: readonly PillarLevel[], after: readonly PillarLevel[]): LevelChange[] {
  const prev = new Map(before.map((p) => [p.key, p.level]));
  return after
    .filter((p) => (prev.get(p.key) ?? null) !== p.level)
    .map((p) => ({ pillarKey: p.key, number: p.number, from: prev.get(p.key) ?? null, to: p.level }));
}

export async function currentLevels(db: Db, ctx: Ctx, fw: TrackFramework, answers: AnswerMap): Promise<Levels> {
  const snap = await repo.currentSnapshotRow(db, ctx.id);
  if (snap) {
    const self = snap.self_result as Result;
    const verified = snap.verified_result as Result;
    return {
      self: pillarLevels(self),
      verified: pillarLevels(verified),
      selfOverall: self.overall.level,
      verifiedOverall: verified.overall.level,
      snapshot: {
        revision: snap.revision,
        reason: snap.reason,
        published: snap.published,
        createdAt: iso(snap.created_at) as string,
      },
    };
  }
  const live = computeResults(fw.compiled, answers, { frameworkHash: ctx.framework_hash });
  return {
    self: pillarLevels(live.selfAssessed),
    verified: pillarLevels(live.verified),
    selfOverall: live.selfAssessed.overall.level,
    verifiedOverall: live.verified.overall.level,
    snapshot: null,
  };
}

export const audit = (actor: Actor) => ({
  actorUserId: actor.principal.userId,
  actorEmail: actor.principal.email,
  ip: actor.ip,
});

export async function lockedContext(db: Db, responseId: number): Promise<Ctx> {
  const ctx = await responsesRepo.loadResponseContext(db, responseId, true);
  if (!ctx) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
  return ctx;
}

export async function cycleOf(db: Db, cycleId: number) {
  const cycle = await repo.findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  return cycle;
}
