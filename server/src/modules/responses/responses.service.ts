import { formatDate } from '@dg/shared/domain/dates';
import { DomainError } from '@dg/shared/domain/errors';
import { SIGNOFF_REQUIRED_MESSAGE, signoffDeclarationText } from '@dg/shared/domain/signoff';
import { missingItems as sharedMissingItems } from '@dg/shared/domain/submission-check';
import type { AnswerMap, AnswerValue } from '@dg/shared/schemas/answer';
import { answersForAgency } from '@dg/shared/schemas/auth';
import type {
  Evidence,
  MissingItem,
  ResponseDetail,
  ResponseSummary,
  SaveAnswer,
  StoredAnswer,
  SubmitRequest,
} from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { servedFileName } from '../evidence/file-types';
import { rememberResponse, tryFastSave, writeCheckedSave } from './fast-save';
import { type TrackFramework, trackFramework } from './framework-cache';
import * as repo from './responses.repository';
import { runNow, type Slot } from './save-batcher';
import { checkedSave, isSameSave } from './save-checks';
import { storeSnapshot } from './snapshots';

export interface Actor {
  principal: Principal;
  ip: string | null;
}

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

const EDITABLE_STATUSES = new Set(['not_started', 'in_progress', 'returned']);

type Ctx = repo.ResponseContextRow;

export const deadlineOf = (ctx: Pick<Ctx, 'deadline_override' | 'closes_at'>): Date | null => {
  const d = ctx.deadline_override ?? ctx.closes_at;
  return d ? new Date(d) : null;
};

/** Thai first, then English, with the date as people read it (B.E. in Thai, Bangkok time). */
export const deadlinePassedMessage = (deadline: Date): string =>
  `หมดเขตส่งแบบสำรวจแล้วเมื่อ ${formatDate(deadline, 'th', true)} น. โปรดติดต่อสำนักงานพัฒนารัฐบาลดิจิทัล (สพร.) เพื่อขอขยายเวลา · ` +
  `The deadline passed on ${formatDate(deadline, 'en', true)} (Bangkok time); contact DGA to ask for an extension`;

/** Respondents and viewers see their own agency only; analysts and admins see every agency. */
export function assertCanRead(principal: Principal, ctx: Pick<Ctx, 'agency_id'>): void {
  if (principal.role === 'analyst' || principal.role === 'admin') return;
  if (principal.agencyId === null || principal.agencyId !== ctx.agency_id) {
    throw new DomainError('FORBIDDEN', 'This response belongs to another agency');
  }
}

/** Why answers cannot change now, or null when they can (role aside). */
function lockReason(ctx: Ctx, now: Date): DomainError | null {
  if (ctx.cycle_status !== 'open') {
    return new DomainError('INVALID_STATE', 'The survey cycle is not open: answers are read-only', {
      cycleStatus: ctx.cycle_status,
    });
  }
  if (!EDITABLE_STATUSES.has(ctx.status)) {
    return new DomainError(
      'INVALID_STATE',
      ctx.status === 'verified'
        ? 'The response has been verified: answers are read-only'
        : 'The response has been submitted: answers are read-only until DGA returns it for changes',
      { status: ctx.status },
    );
  }
  const deadline = deadlineOf(ctx);
  if (deadline && now.getTime() > deadline.getTime()) {
    return new DomainError('DEADLINE_PASSED', deadlinePassedMessage(deadline), { deadline: deadline.toISOString() });
  }
  return null;
}

export function assertEditable(ctx: Ctx, principal: Principal): void {
  assertCanRead(principal, ctx);
  if (!answersForAgency(principal.role)) {
    throw new DomainError('FORBIDDEN', "Only the agency's respondents and CIO change answers");
  }
  const reason = lockReason(ctx, new Date());
  if (reason) throw reason;
}

export async function loadReadable(db: Db, principal: Principal, responseId: number): Promise<Ctx> {
  const ctx = await repo.loadResponseContext(db, responseId);
  if (!ctx) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
  assertCanRead(principal, ctx);
  return ctx;
}

export async function loadEditable(db: Db, principal: Principal, responseId: number, lock: boolean): Promise<Ctx> {
  const ctx = await repo.loadResponseContext(db, responseId, lock);
  if (!ctx) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
  assertEditable(ctx, principal);
  return ctx;
}

export const frameworkOf = (db: Db, ctx: Pick<Ctx, 'framework_id' | 'framework_hash' | 'track'>) =>
  trackFramework(db, ctx.framework_id, ctx.framework_hash, ctx.track);

export function toStoredAnswer(r: repo.AnswerRow): StoredAnswer {
  return {
    questionCode: r.question_code,
    value: (r.value ?? null) as AnswerValue | null,
    notApplicable: (r.not_applicable ?? null) as StoredAnswer['notApplicable'],
    revision: r.revision,
    updatedAt: iso(r.updated_at) as string,
    updatedBy: r.updated_by === null ? null : { id: r.updated_by, name: r.updated_by_name ?? '' },
    verification: r.verification,
    verificationReason: r.verification_reason,
    verificationComment: r.verification_comment,
  };
}

type EvidenceRow = Awaited<ReturnType<typeof repo.listEvidence>>[number];

export function toEvidence(r: EvidenceRow): Evidence {
  return {
    id: r.id,
    questionCode: r.question_code,
    kind: r.kind,
    url: r.url,
    // Rows stored before the allow list may carry the uploader's extension: show the safe name.
    fileName: r.kind === 'file' ? servedFileName(r) : r.file_name,
    mime: r.mime,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    createdAt: iso(r.created_at) as string,
  };
}

export function summarize(ctx: Ctx, principal: Principal): ResponseSummary {
  const editable =
    answersForAgency(principal.role) && principal.agencyId === ctx.agency_id && lockReason(ctx, new Date()) === null;
  return {
    id: ctx.id,
    cycleId: ctx.cycle_id,
    agencyId: ctx.agency_id,
    agencyName: { th: ctx.agency_name_th, en: ctx.agency_name_en },
    track: ctx.track,
    status: ctx.status,
    round: ctx.round,
    deadline: iso(deadlineOf(ctx)),
    submittedAt: iso(ctx.submitted_at),
    lastActivityAt: iso(ctx.last_activity_at),
    editable,
    signoff: {
      required: ctx.signoff_required,
      readyAt: iso(ctx.ready_for_signoff_at),
      readyBy: ctx.ready_for_signoff_by_name,
      declaredAt: iso(ctx.declared_at),
      declaredBy: ctx.declared_by_name,
      declarationText: ctx.declaration_text,
    },
  };
}

export async function responseDetail(db: Db, principal: Principal, responseId: number): Promise<ResponseDetail> {
  const ctx = await loadReadable(db, principal, responseId);
  const [answers, evidence, comments] = await Promise.all([
    repo.listAnswers(db, responseId),
    repo.listEvidence(db, responseId),
    repo.listComments(db, responseId),
  ]);
  return {
    response: summarize(ctx, principal),
    answers: answers.map(toStoredAnswer),
    evidence: evidence.map(toEvidence),
    comments: comments.map((c) => ({
      id: c.id,
      round: c.round,
      questionCode: c.question_code,
      comment: c.comment,
      createdAt: iso(c.created_at) as string,
      author: c.created_by === null ? null : { id: c.created_by, name: c.author_name ?? '' },
    })),
  };
}

/** The caller's agency's response for a cycle, created on first visit. */
export async function myResponse(db: Db, principal: Principal, cycleId: number): Promise<ResponseDetail> {
  if (principal.agencyId === null) throw new DomainError('FORBIDDEN', 'Your account is not linked to an agency');
  const cycle = await db.selectFrom('cycles').select(['id', 'status']).where('id', '=', cycleId).executeTakeFirst();
  if (!cycle || cycle.status === 'draft') throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  const id = await repo.ensureResponse(db, cycleId, principal.agencyId);
  return responseDetail(db, principal, id);
}

export interface SaveResult {
  questionCode: string;
  revision: number;
  updatedAt: string;
  updatedBy: { id: number; name: string } | null;
  replayed: boolean;
}

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
): Promise<SaveResult> {
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
): Promise<SaveResult> {
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

export function toAnswerMap(rows: readonly repo.AnswerRow[]): AnswerMap {
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

/** What still stops submission (the shared check the browser runs too). */
export function missingItems(
  fw: TrackFramework,
  answers: AnswerMap,
  evidenceCodes: ReadonlySet<string>,
): MissingItem[] {
  return sharedMissingItems(fw.compiled, (code) => fw.questions.get(code)?.pillarKey ?? '', answers, evidenceCodes);
}

/** Throws INCOMPLETE with every item that still stops submission. */
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
