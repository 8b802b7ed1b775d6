import { DomainError } from '@dg/shared/domain/errors';
import { computeResults, criterionStates, prepareAnswers } from '@dg/shared/domain/maturity-engine';
import type { AnswerMap, AnswerValue } from '@dg/shared/schemas/answer';
import type { Question } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Result } from '@dg/shared/schemas/result';
import type {
  Claim,
  ClaimCounts,
  LevelChange,
  Levels,
  PillarLevel,
  QueueStatus,
  ReturnBody,
  ReviewDetail,
  ReviewQueue,
  VerificationBody,
  VerificationResult,
} from '@dg/shared/schemas/review';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { servedFileName } from '../evidence/file-types';
import { type TrackFramework, trackFramework } from '../responses/framework-cache';
import * as responsesRepo from '../responses/responses.repository';
import { type Actor, frameworkOf, iso, loadReadable, summarize } from '../responses/responses.service';
import { storeSnapshot } from '../responses/snapshots';
import * as repo from './review.repository';

type Ctx = responsesRepo.ResponseContextRow;

const REVIEWABLE = new Set(['submitted', 'verified']);

// ---------------------------------------------------------------------------------------------
// Claims: answers that meet a criterion (self-assessed) on a question whose evidence policy is not 'none'.

interface AnswerLike {
  question_code: string;
  value: unknown;
  not_applicable: { justification: string } | null;
  verification: 'self_reported' | 'verified' | 'rejected';
}

function toAnswerMap(rows: readonly AnswerLike[]): AnswerMap {
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

function countClaims(claims: ReadonlyMap<string, unknown>, answers: AnswerMap): ClaimCounts {
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

function diffLevels(before: readonly PillarLevel[], after: readonly PillarLevel[]): LevelChange[] {
  const prev = new Map(before.map((p) => [p.key, p.level]));
  return after
    .filter((p) => (prev.get(p.key) ?? null) !== p.level)
    .map((p) => ({ pillarKey: p.key, number: p.number, from: prev.get(p.key) ?? null, to: p.level }));
}

async function currentLevels(db: Db, ctx: Ctx, fw: TrackFramework, answers: AnswerMap): Promise<Levels> {
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

// ---------------------------------------------------------------------------------------------
// Queue

const ALL_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'verified'] as const;

export async function queue(
  db: Db,
  cycleId: number,
  f: { status: QueueStatus; track?: 'department' | 'province'; q?: string },
): Promise<ReviewQueue> {
  const cycle = await cycleOf(db, cycleId);
  const statuses = f.status === 'all' ? (['submitted', 'returned', 'verified'] as const) : [f.status];
  const [rows, progressRows] = await Promise.all([
    repo.listQueue(db, cycleId, { statuses, track: f.track, q: f.q?.trim() || undefined }),
    repo.progressCounts(db, cycleId),
  ]);
  const answerRows = await repo.answersOf(
    db,
    rows.map((r) => r.id),
  );
  const byResponse = new Map<number, AnswerLike[]>();
  for (const a of answerRows) {
    const list = byResponse.get(a.response_id) ?? [];
    list.push(a);
    byResponse.set(a.response_id, list);
  }
  const total: ClaimCounts = { total: 0, pending: 0, verified: 0, rejected: 0 };
  const items = [];
  for (const r of rows) {
    const fw = await trackFramework(db, cycle.framework_id, cycle.framework_hash, r.track);
    const answers = toAnswerMap(byResponse.get(r.id) ?? []);
    const claims = countClaims(claimsOf(fw, answers), answers);
    for (const k of ['total', 'pending', 'verified', 'rejected'] as const) total[k] += claims[k];
    items.push({
      responseId: r.id,
      agencyId: r.agency_id,
      agencyCode: r.agency_code,
      agencyName: { th: r.name_th, en: r.name_en },
      track: r.track,
      status: r.status,
      round: r.round,
      submittedAt: iso(r.submitted_at),
      claims,
      selfOverall: r.self_overall ?? null,
      verifiedOverall: r.verified_overall ?? null,
    });
  }
  const progress = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as ReviewQueue['progress'];
  for (const p of progressRows) progress[p.status as keyof typeof progress] = Number(p.n);
  return {
    cycle: { id: cycle.id, fiscalYear: cycle.fiscal_year, status: cycle.status },
    progress,
    claims: total,
    items,
  };
}

// ---------------------------------------------------------------------------------------------
// Detail

export async function detail(db: Db, principal: Principal, responseId: number): Promise<ReviewDetail> {
  const ctx = await loadReadable(db, principal, responseId);
  const fw = await frameworkOf(db, ctx);
  const [rows, evidence, comments, cycle, agency] = await Promise.all([
    repo.answersWithVerifier(db, responseId),
    responsesRepo.listEvidence(db, responseId),
    responsesRepo.listComments(db, responseId),
    cycleOf(db, ctx.cycle_id),
    db.selectFrom('agencies').select('code').where('id', '=', ctx.agency_id).executeTakeFirstOrThrow(),
  ]);
  const answers = toAnswerMap(rows);
  const claimMap = claimsOf(fw, answers);
  const rowByCode = new Map(rows.map((r) => [r.question_code, r]));
  const pillarNumber = new Map(fw.framework.pillars.map((p) => [p.key, p.number]));
  const claims: Claim[] = [];
  // Questionnaire order, not alphabetical.
  for (const q of fw.compiled.plan.questions) {
    const criteria = claimMap.get(q.code);
    const row = rowByCode.get(q.code);
    if (!criteria || !row) continue;
    const pillarKey = fw.questions.get(q.code)?.pillarKey ?? '';
    claims.push({
      questionCode: q.code,
      pillarKey,
      pillarNumber: pillarNumber.get(pillarKey) ?? 0,
      text: q.text,
      type: q.type,
      evidencePolicy: q.evidence ?? 'none',
      value: (row.value ?? null) as AnswerValue | null,
      answerText: answerText(q, row.value, row.not_applicable),
      criteria: criteria.map((c) => ({ level: c.level as 1, required: c.required })),
      evidence: evidence
        .filter((e) => e.question_code === q.code)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          url: e.url,
          fileName: e.kind === 'file' ? servedFileName(e) : e.file_name,
          href: e.kind === 'url' && e.url ? e.url : `/api/evidence/${e.id}/download`,
          verification: e.verification,
          verificationReason: e.verification_reason,
          verificationComment: e.verification_comment,
          verifiedAt: iso(e.verified_at),
        })),
      verification: row.verification,
      verificationReason: row.verification_reason,
      verificationComment: row.verification_comment,
      verifiedBy: row.verified_by === null ? null : { id: row.verified_by, name: row.verified_by_name ?? '' },
      verifiedAt: iso(row.verified_at),
    });
  }
  return {
    response: summarize(ctx, principal),
    agencyCode: agency.code,
    cycle: { id: cycle.id, fiscalYear: cycle.fiscal_year, status: cycle.status },
    claims,
    levels: await currentLevels(db, ctx, fw, answers),
    comments: comments.map((c) => ({
      id: c.id,
      round: c.round,
      questionCode: c.question_code,
      comment: c.comment,
      createdAt: iso(c.created_at) as string,
      author: c.created_by === null ? null : { id: c.created_by, name: c.author_name ?? '' },
    })),
    questions: fw.compiled.plan.questions.map((q) => ({
      code: q.code,
      pillarNumber: pillarNumber.get(fw.questions.get(q.code)?.pillarKey ?? '') ?? 0,
      text: q.text,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Verification

type VerificationState = 'self_reported' | 'verified' | 'rejected';

/**
 * The answer's verification from the decisions on its pieces of evidence: verified while at least
 * one piece is verified; rejected once every decided piece is rejected (no verified evidence
 * remains); unchecked otherwise. The reason and comment come from the latest deciding piece.
 */
export function deriveVerification(
  pieces: readonly {
    verification: VerificationState;
    verification_reason: string | null;
    verification_comment: string | null;
  }[],
): { state: VerificationState; reason: string | null; comment: string | null } {
  const basis = pieces.find((p) => p.verification === 'verified') ?? pieces.find((p) => p.verification === 'rejected');
  if (!basis) return { state: 'self_reported', reason: null, comment: null };
  return {
    state: basis.verification,
    reason: basis.verification === 'rejected' ? basis.verification_reason : null,
    comment: basis.verification_comment,
  };
}

/**
 * Records an analyst's decision on one answer (covering all its evidence) and rescores at once.
 * After publication the new snapshot is a published correction (the published revision stays,
 * no longer current).
 */
export function verify(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  body: VerificationBody,
): Promise<VerificationResult> {
  return decide(db, actor, responseId, { questionCode }, body);
}

/** Records a decision on one piece of evidence; the answer's verification follows (deriveVerification). */
export function verifyEvidence(
  db: Db,
  actor: Actor,
  responseId: number,
  evidenceId: string,
  body: VerificationBody,
): Promise<VerificationResult> {
  return decide(db, actor, responseId, { evidenceId }, body);
}

async function decide(
  db: Db,
  actor: Actor,
  responseId: number,
  target: { questionCode: string } | { evidenceId: string },
  body: VerificationBody,
): Promise<VerificationResult> {
  return db.transaction().execute(async (trx) => {
    const ctx = await lockedContext(trx, responseId);
    if (!REVIEWABLE.has(ctx.status)) {
      throw new DomainError(
        'INVALID_STATE',
        `Only submitted or verified responses can be verified (now ${ctx.status})`,
        {
          status: ctx.status,
        },
      );
    }
    const piece = 'evidenceId' in target ? await repo.findEvidence(trx, responseId, target.evidenceId) : null;
    if ('evidenceId' in target && !piece) {
      throw new DomainError('NOT_FOUND', `Evidence ${target.evidenceId} is not part of response ${responseId}`);
    }
    const questionCode = piece ? piece.question_code : (target as { questionCode: string }).questionCode;
    const fw = await frameworkOf(trx, ctx);
    if (!fw.questions.has(questionCode)) {
      throw new DomainError('NOT_FOUND', `Question ${questionCode} is not part of this questionnaire`);
    }
    const current = await repo.findAnswer(trx, responseId, questionCode);
    if (!current) throw new DomainError('NOT_FOUND', `Question ${questionCode} has not been answered`);

    const beforeSnap = await repo.currentSnapshotRow(trx, responseId);
    const beforeVerified = beforeSnap
      ? (beforeSnap.verified_result as Result)
      : computeResults(fw.compiled, toAnswerMap(await repo.answersWithVerifier(trx, responseId)), {
          frameworkHash: ctx.framework_hash,
        }).verified;
    const before = pillarLevels(beforeVerified);

    const decision = {
      state: body.state,
      reason: body.state === 'rejected' ? (body.reasonCode ?? null) : null,
      comment: body.comment?.trim() ? body.comment.trim() : null,
      userId: actor.principal.userId,
    };
    let answerAfter: { state: VerificationState; reason: string | null; comment: string | null } = decision;
    if (piece) {
      await repo.setEvidenceVerification(trx, piece.id, decision);
      answerAfter = deriveVerification(await repo.evidenceDecisions(trx, responseId, questionCode));
      await repo.setAnswerVerification(trx, responseId, questionCode, { ...answerAfter, userId: decision.userId });
    } else {
      await repo.setVerification(trx, responseId, questionCode, decision);
    }
    const published = ctx.cycle_status === 'published';
    const snap = await storeSnapshot(
      trx,
      responseId,
      published ? 'correction' : 'verification',
      actor.principal.userId,
    );
    if (published) await repo.markPublished(trx, snap.id);
    const after = pillarLevels(snap.verified);
    const changed = diffLevels(before, after);
    const levelsBefore = {
      verifiedOverall: beforeVerified.overall.level,
      pillars: before.map((p) => ({ key: p.key, level: p.level })),
    };
    const levelsAfter = {
      verifiedOverall: snap.verified.overall.level,
      pillars: after.map((p) => ({ key: p.key, level: p.level })),
      snapshotRevision: snap.revision,
    };
    const answerBefore = {
      verification: current.verification,
      reason: current.verification_reason,
      comment: current.verification_comment,
    };

    if (piece) {
      await writeAudit(trx, {
        ...audit(actor),
        action: 'evidence.verification',
        entityType: 'evidence',
        entityId: piece.id,
        agencyId: ctx.agency_id,
        before: {
          verification: piece.verification,
          reason: piece.verification_reason,
          comment: piece.verification_comment,
          answer: answerBefore,
          ...levelsBefore,
        },
        after: {
          verification: decision.state,
          reason: decision.reason,
          comment: decision.comment,
          answer: { verification: answerAfter.state, reason: answerAfter.reason, comment: answerAfter.comment },
          ...levelsAfter,
        },
        meta: { responseId, questionCode, evidence: piece.kind === 'url' ? piece.url : piece.file_name, changed },
      });
    } else {
      await writeAudit(trx, {
        ...audit(actor),
        action: 'answer.verification',
        entityType: 'answer',
        entityId: `${responseId}:${questionCode}`,
        agencyId: ctx.agency_id,
        before: { ...answerBefore, ...levelsBefore },
        after: { verification: decision.state, reason: decision.reason, comment: decision.comment, ...levelsAfter },
        meta: { changed },
      });
    }
    if (published) {
      await writeAudit(trx, {
        ...audit(actor),
        action: 'result.correction',
        entityType: 'result_snapshot',
        entityId: snap.id,
        agencyId: ctx.agency_id,
        before: {
          snapshotId: beforeSnap ? String(beforeSnap.id) : null,
          revision: beforeSnap?.revision ?? null,
          ...levelsBefore,
        },
        after: { snapshotId: snap.id, revision: snap.revision, ...levelsAfter },
        meta: {
          responseId,
          questionCode,
          ...(piece ? { evidenceId: piece.id } : {}),
          verification: answerAfter.state,
          reason: answerAfter.reason,
        },
      });
    }
    return {
      questionCode,
      ...(piece ? { evidenceId: piece.id } : {}),
      verification: answerAfter.state,
      before,
      after,
      changed,
      verifiedOverall: { from: beforeVerified.overall.level, to: snap.verified.overall.level },
      snapshotRevision: snap.revision,
      correction: published,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Return and accept

export async function returnResponse(db: Db, actor: Actor, responseId: number, body: ReturnBody) {
  return db.transaction().execute(async (trx) => {
    const ctx = await lockedContext(trx, responseId);
    if (!REVIEWABLE.has(ctx.status)) {
      throw new DomainError(
        'INVALID_STATE',
        `Only submitted or verified responses can be returned (now ${ctx.status})`,
        {
          status: ctx.status,
        },
      );
    }
    if (ctx.cycle_status !== 'open') {
      throw new DomainError('INVALID_STATE', 'The cycle is not open: the agency could not change its answers', {
        cycleStatus: ctx.cycle_status,
      });
    }
    const fw = await frameworkOf(trx, ctx);
    for (const c of body.comments) {
      if (c.questionCode !== null && !fw.questions.has(c.questionCode)) {
        throw new DomainError('VALIDATION_FAILED', `Question ${c.questionCode} is not part of this questionnaire`, [
          { path: 'body.comments.questionCode', message: `Unknown question ${c.questionCode}` },
        ]);
      }
    }
    await repo.insertComments(trx, responseId, ctx.round, actor.principal.userId, body.comments);
    await repo.setStatus(trx, responseId, { status: 'returned', round: ctx.round + 1 });
    await writeAudit(trx, {
      ...audit(actor),
      action: 'response.return',
      entityType: 'response',
      entityId: responseId,
      agencyId: ctx.agency_id,
      before: { status: ctx.status, round: ctx.round },
      after: { status: 'returned', round: ctx.round + 1, comments: body.comments },
    });
    const after = await responsesRepo.loadResponseContext(trx, responseId);
    return { response: summarize(after ?? ctx, actor.principal), snapshotRevision: null };
  });
}

export async function acceptResponse(db: Db, actor: Actor, responseId: number, acceptPending: boolean) {
  return db.transaction().execute(async (trx) => {
    const ctx = await lockedContext(trx, responseId);
    if (ctx.status !== 'submitted') {
      throw new DomainError('INVALID_STATE', `Only a submitted response can be accepted (now ${ctx.status})`, {
        status: ctx.status,
      });
    }
    const fw = await frameworkOf(trx, ctx);
    const answers = toAnswerMap(await repo.answersWithVerifier(trx, responseId));
    const claims = claimsOf(fw, answers);
    const pending = [...claims.keys()].filter((c) => (answers[c]?.verification ?? 'self_reported') === 'self_reported');
    if (pending.length > 0 && !acceptPending) {
      throw new DomainError('INVALID_STATE', `${pending.length} claim(s) have not been checked yet`, { pending });
    }
    await repo.setStatus(trx, responseId, { status: 'verified' });
    const published = ctx.cycle_status === 'published';
    const snap = await storeSnapshot(
      trx,
      responseId,
      published ? 'correction' : 'verification',
      actor.principal.userId,
    );
    if (published) await repo.markPublished(trx, snap.id);
    const counts = countClaims(claims, answers);
    await writeAudit(trx, {
      ...audit(actor),
      action: 'response.accept',
      entityType: 'response',
      entityId: responseId,
      agencyId: ctx.agency_id,
      before: { status: ctx.status, round: ctx.round },
      after: {
        status: 'verified',
        round: ctx.round,
        claims: counts,
        acceptedAsSelfReported: pending,
        snapshotRevision: snap.revision,
        verifiedOverall: snap.verified.overall.level,
      },
    });
    if (published) {
      await writeAudit(trx, {
        ...audit(actor),
        action: 'result.correction',
        entityType: 'result_snapshot',
        entityId: snap.id,
        agencyId: ctx.agency_id,
        before: { status: ctx.status },
        after: { status: 'verified', revision: snap.revision, verifiedOverall: snap.verified.overall.level },
        meta: { responseId },
      });
    }
    const after = await responsesRepo.loadResponseContext(trx, responseId);
    return { response: summarize(after ?? ctx, actor.principal), snapshotRevision: snap.revision };
  });
}
