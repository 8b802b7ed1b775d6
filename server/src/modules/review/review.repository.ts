import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const findCycle = (db: Db, cycleId: number) =>
  db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select(['c.id', 'c.fiscal_year', 'c.status', 'c.framework_id', 'f.hash as framework_hash'])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();

export interface QueueFilter {
  statuses: readonly ('submitted' | 'returned' | 'verified')[];
  track?: 'department' | 'province';
  q?: string;
}

/** Responses under review with their agency and current snapshot's overall levels. */
export function listQueue(db: Db, cycleId: number, f: QueueFilter) {
  let q = db
    .selectFrom('responses as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('result_snapshots as s', (j) => j.onRef('s.response_id', '=', 'r.id').on('s.is_current', '=', true))
    .select([
      'r.id',
      'r.agency_id',
      'r.status',
      'r.round',
      'r.submitted_at',
      'a.code as agency_code',
      'a.name_th',
      'a.name_en',
      'a.track',
      's.self_overall',
      's.verified_overall',
    ])
    .where('r.cycle_id', '=', cycleId)
    .where('r.status', 'in', [...f.statuses]);
  if (f.track) q = q.where('a.track', '=', f.track);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('a.name_th', 'ilike', like), eb('a.name_en', 'ilike', like), eb('a.code', 'ilike', like)]),
    );
  }
  return q.orderBy('r.submitted_at').orderBy('r.id').execute();
}

/** Response counts by status over the cycle's invited agencies and any agency that has a response. */
export async function progressCounts(db: Db, cycleId: number) {
  const rows = await sql<{ status: string; n: number }>`
    select coalesce(r.status, 'not_started') as status, count(*)::int as n
    from (
      select agency_id from cycle_agencies where cycle_id = ${cycleId}
      union
      select agency_id from responses where cycle_id = ${cycleId}
    ) ag
    left join responses r on r.cycle_id = ${cycleId} and r.agency_id = ag.agency_id
    group by 1`.execute(db);
  return rows.rows;
}

/** Answers of many responses at once, for the queue's claim counts. */
export const answersOf = (db: Db, responseIds: readonly number[]) =>
  responseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('answers')
        .select(['response_id', 'question_code', 'value', 'not_applicable', 'verification'])
        .where('response_id', 'in', [...responseIds])
        .execute();

export const answersWithVerifier = (db: Db, responseId: number) =>
  db
    .selectFrom('answers as ans')
    .leftJoin('users as u', 'u.id', 'ans.verified_by')
    .select([
      'ans.question_code',
      'ans.value',
      'ans.not_applicable',
      'ans.verification',
      'ans.verification_reason',
      'ans.verification_comment',
      'ans.verified_by',
      'ans.verified_at',
      'ans.coded_category',
      'u.display_name as verified_by_name',
    ])
    .where('ans.response_id', '=', responseId)
    .execute();

export const findAnswer = (db: Db, responseId: number, questionCode: string) =>
  db
    .selectFrom('answers')
    .selectAll()
    .where('response_id', '=', responseId)
    .where('question_code', '=', questionCode)
    .executeTakeFirst();

export async function setVerification(
  db: Db,
  responseId: number,
  questionCode: string,
  v: {
    state: 'self_reported' | 'verified' | 'rejected';
    reason: string | null;
    comment: string | null;
    userId: number;
  },
) {
  const checked = v.state !== 'self_reported';
  await setAnswerVerification(db, responseId, questionCode, v);
  // A decision on the whole answer covers each of its pieces of evidence.
  await db
    .updateTable('evidence')
    .set({
      verification: v.state,
      verification_reason: v.reason,
      verification_comment: v.comment,
      verified_by: checked ? v.userId : null,
      verified_at: checked ? sql<Date>`now()` : null,
    })
    .where('response_id', '=', responseId)
    .where('question_code', '=', questionCode)
    .execute();
}

export const findEvidence = (db: Db, responseId: number, evidenceId: string) =>
  db
    .selectFrom('evidence')
    .select([
      'id',
      'question_code',
      'kind',
      'url',
      'file_name',
      'verification',
      'verification_reason',
      'verification_comment',
    ])
    .where('id', '=', evidenceId)
    .where('response_id', '=', responseId)
    .executeTakeFirst();

/** Records a decision on one piece of evidence only. */
export const setEvidenceVerification = (
  db: Db,
  evidenceId: string,
  v: {
    state: 'self_reported' | 'verified' | 'rejected';
    reason: string | null;
    comment: string | null;
    userId: number;
  },
) =>
  db
    .updateTable('evidence')
    .set({
      verification: v.state,
      verification_reason: v.reason,
      verification_comment: v.comment,
      verified_by: v.state === 'self_reported' ? null : v.userId,
      verified_at: v.state === 'self_reported' ? null : sql<Date>`now()`,
    })
    .where('id', '=', evidenceId)
    .execute();

/** The decisions on an answer's evidence, latest decision first. */
export const evidenceDecisions = (db: Db, responseId: number, questionCode: string) =>
  db
    .selectFrom('evidence')
    .select(['id', 'verification', 'verification_reason', 'verification_comment', 'verified_at'])
    .where('response_id', '=', responseId)
    .where('question_code', '=', questionCode)
    .orderBy('verified_at', (ob) => ob.desc().nullsLast())
    .orderBy('id')
    .execute();

/** Sets the answer's own verification only (derived from its evidence by the caller). */
export async function setAnswerVerification(
  db: Db,
  responseId: number,
  questionCode: string,
  v: {
    state: 'self_reported' | 'verified' | 'rejected';
    reason: string | null;
    comment: string | null;
    userId: number;
  },
) {
  const checked = v.state !== 'self_reported';
  await db
    .updateTable('answers')
    .set({
      verification: v.state,
      verification_reason: v.reason,
      verification_comment: v.comment,
      verified_by: checked ? v.userId : null,
      verified_at: checked ? sql<Date>`now()` : null,
    })
    .where('response_id', '=', responseId)
    .where('question_code', '=', questionCode)
    .execute();
}

export const currentSnapshotRow = (db: Db, responseId: number) =>
  db
    .selectFrom('result_snapshots')
    .select([
      'id',
      'revision',
      'reason',
      'published',
      'created_at',
      'self_result',
      'verified_result',
      'self_overall',
      'verified_overall',
    ])
    .where('response_id', '=', responseId)
    .where('is_current', '=', true)
    .executeTakeFirst();

export const markPublished = (db: Db, snapshotId: string) =>
  db.updateTable('result_snapshots').set({ published: true }).where('id', '=', snapshotId).execute();

export async function insertComments(
  db: Db,
  responseId: number,
  round: number,
  userId: number,
  comments: readonly { questionCode: string | null; comment: string }[],
) {
  await db
    .insertInto('review_comments')
    .values(
      comments.map((c) => ({
        response_id: responseId,
        round,
        question_code: c.questionCode,
        comment: c.comment,
        created_by: userId,
      })),
    )
    .execute();
}

export const setStatus = (db: Db, responseId: number, set: { status: 'returned' | 'verified'; round?: number }) =>
  db
    .updateTable('responses')
    .set({ ...set, last_activity_at: sql<Date>`now()` })
    .where('id', '=', responseId)
    .execute();
