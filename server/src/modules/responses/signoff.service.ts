import { DomainError } from '@dg/shared/domain/errors';
import { SIGNOFF_REQUIRED_MESSAGE, signoffDeclarationText } from '@dg/shared/domain/signoff';
import type { SubmitRequest } from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import type { Actor } from './actor';
import * as repo from './responses.repository';
import { frameworkOf, iso, loadEditable, missingItems, summarize, toAnswerMap } from './responses.service';
import { storeSnapshot } from './snapshots';

type Ctx = repo.ResponseContextRow;

/*
 * Completion and sign-off: a coordinator marks the response ready, the agency's CIO (where the
 * cycle requires it) submits it with the declaration of accuracy, and the engine's result is stored.
 */

async function assertComplete(trx: Db, ctx: Ctx): Promise<void> {
  const fw = await frameworkOf(trx, ctx);
  const [rows, evidence] = await Promise.all([
    repo.listAnswers(trx, ctx.id),
    trx.selectFrom('evidence').select('question_code').distinct().where('response_id', '=', ctx.id).execute(),
  ]);
  const missing = missingItems(fw, toAnswerMap(rows), new Set(evidence.map((e) => e.question_code)));
  if (missing.length > 0) {
    throw new DomainError(
      'INCOMPLETE',
      `The questionnaire is not complete: ${missing.length} item(s) still need attention`,
      { missing },
    );
  }
}

/**
 * Who submits: where the cycle requires sign-off only the agency's CIO, who must accept the
 * declaration of accuracy; it is stored as shown, with the CIO's name and the time.
 */
async function signoffOf(trx: Db, ctx: Ctx, principal: Principal, input: SubmitRequest) {
  const isCio = principal.role === 'cio';
  if (ctx.signoff_required && !isCio) throw new DomainError('FORBIDDEN', SIGNOFF_REQUIRED_MESSAGE);
  if (ctx.signoff_required && input.declarationAccepted !== true) {
    throw new DomainError('VALIDATION_FAILED', 'Accept the declaration of accuracy to submit on behalf of the agency', [
      { path: 'body.declarationAccepted', message: 'must be true' },
    ]);
  }
  if (!isCio || input.declarationAccepted !== true) return {};
  const me = await trx
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  return {
    declaration_text: signoffDeclarationText(),
    declared_by: principal.userId,
    declared_by_name: me.display_name,
    declared_at: new Date(),
  };
}

/** A coordinator tells the CIO the questionnaire is complete and ready to be signed off. */
export async function markReadyForSignoff(db: Db, actor: Actor, responseId: number) {
  const { principal } = actor;
  return db.transaction().execute(async (trx) => {
    const ctx = await loadEditable(trx, principal, responseId, true);
    await assertComplete(trx, ctx);
    await trx
      .updateTable('responses')
      .set({ ready_for_signoff_at: new Date(), ready_for_signoff_by: principal.userId })
      .where('id', '=', responseId)
      .execute();
    await writeAudit(trx, {
      actorUserId: principal.userId,
      actorEmail: principal.email,
      ip: actor.ip,
      action: 'response.ready_for_signoff',
      entityType: 'response',
      entityId: responseId,
      agencyId: ctx.agency_id,
    });
    const after = await repo.loadResponseContext(trx, responseId);
    return summarize(after ?? ctx, principal);
  });
}

export async function submitResponse(db: Db, actor: Actor, responseId: number, input: SubmitRequest = {}) {
  const { principal } = actor;
  return db.transaction().execute(async (trx) => {
    const ctx = await loadEditable(trx, principal, responseId, true);
    const declaration = await signoffOf(trx, ctx, principal, input);
    await assertComplete(trx, ctx);
    const updated = await trx
      .updateTable('responses')
      .set({
        status: 'submitted',
        submitted_at: new Date(),
        submitted_by: principal.userId,
        last_activity_at: new Date(),
        // A later round (returned for changes) is marked ready and signed off again.
        ready_for_signoff_at: null,
        ready_for_signoff_by: null,
        ...declaration,
      })
      .where('id', '=', responseId)
      .returning(['submitted_at'])
      .executeTakeFirstOrThrow();
    const snapshot = await storeSnapshot(trx, responseId, 'submission', principal.userId);
    await writeAudit(trx, {
      actorUserId: principal.userId,
      actorEmail: principal.email,
      ip: actor.ip,
      action: 'response.submit',
      entityType: 'response',
      entityId: responseId,
      agencyId: ctx.agency_id,
      before: { status: ctx.status },
      after: {
        status: 'submitted',
        round: ctx.round,
        snapshotRevision: snapshot.revision,
        selfOverall: snapshot.selfAssessed.overall.level,
        ...(declaration.declared_at ? { declaredBy: declaration.declared_by_name } : {}),
      },
    });
    const after = await repo.loadResponseContext(trx, responseId);
    return {
      response: summarize(after ?? ctx, principal),
      submittedAt: iso(updated.submitted_at) as string,
      snapshotRevision: snapshot.revision,
    };
  });
}
