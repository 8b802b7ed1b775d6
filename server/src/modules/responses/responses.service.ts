import { formatDate } from '@dg/shared/domain/dates';
import { DomainError } from '@dg/shared/domain/errors';
import { missingItems as sharedMissingItems } from '@dg/shared/domain/submission-check';
import type { AnswerMap, AnswerValue } from '@dg/shared/schemas/answer';
import { answersForAgency } from '@dg/shared/schemas/auth';
import type {
  Evidence,
  MissingItem,
  ResponseDetail,
  ResponseSummary,
  StoredAnswer,
} from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { servedFileName } from '../evidence/file-types';
import type { Actor } from './actor';
import { rememberResponse } from './fast-save';
import { type TrackFramework, trackFramework } from './framework-cache';
import * as repo from './responses.repository';

export type { Actor };

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
  // Whoever opens a questionnaire saves into it next: the save path need not read these facts again
  // (at the deadline thousands of first saves arrive within seconds of each other).
  rememberResponse(db, ctx);
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
