import { DomainError } from '@dg/shared/domain/errors';
import type { ReturnBody } from '@dg/shared/schemas/review';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import * as responsesRepo from '../responses/responses.repository';
import { type Actor, frameworkOf, summarize } from '../responses/responses.service';
import { storeSnapshot } from '../responses/snapshots';
import * as repo from './review.repository';
import { audit, claimsOf, countClaims, lockedContext, REVIEWABLE, toAnswerMap } from './review-claims';

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
