import type { AnswerValue } from '@dg/shared/schemas/answer';
import { parseSort } from '@dg/shared/schemas/data-grid';
import type { Claim, ClaimCounts, QueueStatus, ReviewDetail } from '@dg/shared/schemas/review';
import type { ReviewQueuePage, ReviewQueueQuery } from '@dg/shared/schemas/review-queue';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { servedFileName } from '../evidence/file-types';
import { trackFramework } from '../responses/framework-cache';
import * as responsesRepo from '../responses/responses.repository';
import { frameworkOf, iso, loadReadable, summarize } from '../responses/responses.service';
import * as repo from './review.repository';
import {
  type AnswerLike,
  answerText,
  claimsOf,
  countClaims,
  currentLevels,
  cycleOf,
  toAnswerMap,
} from './review-claims';
import * as listRepo from './review-list.repository';

// ---------------------------------------------------------------------------------------------
// Queue

const ALL_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'verified'] as const;

/** One page of the responses to review; claim counts are computed for the page's responses only. */
export async function queue(
  db: Db,
  principal: Principal,
  cycleId: number,
  f: Partial<ReviewQueueQuery> & { status: QueueStatus },
): Promise<ReviewQueuePage> {
  const cycle = await cycleOf(db, cycleId);
  const statuses = f.status === 'all' ? (['submitted', 'returned', 'verified'] as const) : [f.status];
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const myAssignments = await listRepo.assignedCount(db, principal.userId);
  const requested = f.assignee ?? 'auto';
  const assignee = requested === 'auto' ? (myAssignments > 0 ? 'mine' : 'all') : requested;
  const [{ rows, total }, progressRows] = await Promise.all([
    listRepo.queuePage(db, cycleId, {
      statuses,
      track: f.track,
      search: (f.search ?? f.q)?.trim() || undefined,
      assignee,
      userId: principal.userId,
      sort: parseSort(f.sort ?? 'submittedAt:asc'),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
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
  const claimsTotal: ClaimCounts = { total: 0, pending: 0, verified: 0, rejected: 0 };
  const items = [];
  for (const r of rows) {
    const fw = await trackFramework(db, cycle.framework_id, cycle.framework_hash, r.track);
    const answers = toAnswerMap(byResponse.get(r.id) ?? []);
    const claims = countClaims(claimsOf(fw, answers), answers);
    for (const k of ['total', 'pending', 'verified', 'rejected'] as const) claimsTotal[k] += claims[k];
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
      analyst: r.analyst_id === null ? null : { id: r.analyst_id, name: r.analyst_name ?? '' },
    });
  }
  const progress = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as ReviewQueuePage['progress'];
  for (const p of progressRows) progress[p.status as keyof typeof progress] = Number(p.n);
  return {
    cycle: { id: cycle.id, fiscalYear: cycle.fiscal_year, status: cycle.status },
    progress,
    claims: claimsTotal,
    total,
    page,
    pageSize,
    items,
    myAssignments,
    assignee,
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
