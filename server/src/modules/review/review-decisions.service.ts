import { DomainError } from '@dg/shared/domain/errors';
import { computeResults } from '@dg/shared/domain/maturity-engine';
import type { Result } from '@dg/shared/schemas/result';
import type { VerificationBody, VerificationResult } from '@dg/shared/schemas/review';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import { type Actor, frameworkOf } from '../responses/responses.service';
import { storeSnapshot } from '../responses/snapshots';
import * as repo from './review.repository';
import { audit, diffLevels, lockedContext, pillarLevels, REVIEWABLE, toAnswerMap } from './review-claims';

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
