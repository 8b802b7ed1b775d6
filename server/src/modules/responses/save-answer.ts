import { DomainError } from '@dg/shared/domain/errors';
import type { SaveAnswer, SaveAnswerResult, StoredAnswer } from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Actor } from './actor';
import { rememberResponse, tryFastSave, writeCheckedSave } from './fast-save';
import * as repo from './responses.repository';
import {
  assertCanRead,
  assertEditable,
  deadlineOf,
  deadlinePassedMessage,
  frameworkOf,
  iso,
  toStoredAnswer,
} from './responses.service';
import { runNow, type Slot } from './save-batcher';
import { checkedSave, isSameSave } from './save-checks';

/*
 * The save path, top to bottom: this module owns the decision (the batched fast path first, the
 * locked transaction when it declines, the replay of a retried request); fast-save.ts builds and
 * batches the statement, save-checks.ts judges the value, responses.service.ts reads the response.
 * None of them imports this module.
 */

/**
 * One autosave. A response this process has seen goes to the batched one-statement path
 * (fast-save.ts); anything that path does not accept, or cannot judge, comes here: one transaction
 * holding the response row lock, so saves of one response serialize and the revision check cannot
 * race. A retried request (same idempotency key) replays the stored outcome and changes nothing.
 * `slot` is the autosave bulkhead (the app's writeSlot).
 */
export async function saveAnswer(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  body: SaveAnswer,
  slot: Slot = runNow,
): Promise<SaveAnswerResult> {
  const fast = await tryFastSave(db, actor, responseId, questionCode, body, slot);
  if (fast) return fast;
  return slot(() => slowSave(db, actor, responseId, questionCode, body));
}

async function slowSave(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  body: SaveAnswer,
): Promise<SaveAnswerResult> {
  const { principal } = actor;
  return db.transaction().execute(async (trx) => {
    const ctx = await repo.loadResponseContext(trx, responseId, true);
    if (!ctx) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
    assertCanRead(principal, ctx);
    rememberResponse(db, ctx);

    // The replay record and the current answer in one round trip, read after the lock is held.
    const { replay, current } = await repo.loadSaveState(trx, responseId, questionCode, body.idempotencyKey);
    if (replay) {
      const sameTarget = replay.response_id === responseId && replay.question_code === questionCode;
      // Only a retry is replayed: the key sent with another answer or value would drop the new value.
      if (
        !sameTarget ||
        !isSameSave(body, replay.revision, await repo.loadSavedBody(trx, body.idempotencyKey, replay, current))
      ) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          sameTarget
            ? 'This idempotency key was already used for a different value; send a new edit with a new key'
            : 'This idempotency key was already used for another answer; send a new edit with a new key',
          { idempotencyKey: body.idempotencyKey },
        );
      }
      const same = current && current.revision === replay.revision;
      return {
        questionCode,
        revision: replay.revision,
        updatedAt: iso(same ? current.updated_at : replay.created_at) as string,
        updatedBy:
          same && current.updated_by !== null
            ? { id: current.updated_by, name: current.updated_by_name ?? '' }
            : { id: principal.userId, name: principal.email },
        replayed: true,
      };
    }

    assertEditable(ctx, principal);
    const fw = await frameworkOf(trx, ctx);
    const entry = fw.questions.get(questionCode);
    if (!entry) throw new DomainError('NOT_FOUND', `Question ${questionCode} is not part of this questionnaire`);
    const { question } = entry;

    const { value, notApplicable } = checkedSave(question, body);

    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== body.baseRevision) {
      const stored: StoredAnswer = current
        ? toStoredAnswer(current)
        : {
            questionCode,
            value: null,
            notApplicable: null,
            revision: 0,
            updatedAt: new Date().toISOString(),
            updatedBy: null,
            verification: 'self_reported',
            verificationReason: null,
            verificationComment: null,
          };
      throw new DomainError(
        'STALE_REVISION',
        stored.updatedBy
          ? `${stored.updatedBy.name} changed this answer meanwhile (revision ${stored.revision})`
          : `This answer changed meanwhile (revision ${stored.revision})`,
        { current: stored },
      );
    }

    // Answer, idempotency record, activity stamp, evidence reset and audit row: one statement.
    const target = { responseId, agencyId: ctx.agency_id, frameworkHash: ctx.framework_hash };
    const saved = await writeCheckedSave(trx, actor, target, questionCode, { value, notApplicable }, body);
    if (saved) return saved;
    const deadline = deadlineOf(ctx);
    if (!deadline) throw new Error(`answer ${responseId}:${questionCode} passed its checks but was not written`);
    throw new DomainError('DEADLINE_PASSED', deadlinePassedMessage(deadline), { deadline: deadline.toISOString() });
  });
}
