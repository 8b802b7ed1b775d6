import { DomainError } from '@dg/shared/domain/errors';
import type { BulkResult } from '@dg/shared/schemas/data-grid';
import type { BulkReviewBody } from '@dg/shared/schemas/review-queue';
import type { Db } from '../../db/database';
import type { Actor } from '../responses/responses.service';
import { cycleOf } from './review-claims';
import { acceptResponse, returnResponse } from './review-returns.service';

/**
 * Returns or accepts many responses of one cycle. Each response is its own transaction (and its
 * own audit entry), so one that cannot be acted on is reported and the others still go ahead.
 */
export async function bulkReview(db: Db, actor: Actor, cycleId: number, body: BulkReviewBody): Promise<BulkResult> {
  await cycleOf(db, cycleId);
  const ids = [...new Set(body.responseIds)];
  const inCycle = new Set(
    (
      await db.selectFrom('responses').select('id').where('cycle_id', '=', cycleId).where('id', 'in', ids).execute()
    ).map((r) => r.id),
  );
  const outcomes: BulkResult['outcomes'] = [];
  for (const id of ids) {
    if (!inCycle.has(id)) {
      outcomes.push({
        id,
        ok: false,
        error: { code: 'NOT_FOUND', message: `Response ${id} is not part of cycle ${cycleId}` },
      });
      continue;
    }
    try {
      if (body.action === 'return') {
        await returnResponse(db, actor, id, { comments: [{ questionCode: null, comment: body.comment }] });
      } else {
        await acceptResponse(db, actor, id, body.acceptPending);
      }
      outcomes.push({ id, ok: true });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      outcomes.push({ id, ok: false, error: { code: e.code, message: e.message } });
    }
  }
  const done = outcomes.filter((o) => o.ok).length;
  return { done, failed: outcomes.length - done, outcomes };
}
