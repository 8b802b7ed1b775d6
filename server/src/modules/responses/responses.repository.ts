import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Everything a questionnaire request needs about one response in one query: the response, its
 * cycle and deadline, the framework's hash (the document itself is cached by hash) and the track.
 * `lock` takes the response row lock so saves and submission of one response serialize.
 */
export async function loadResponseContext(db: Db, responseId: number, lock = false) {
  let q = db
    .selectFrom('responses as r')
    .innerJoin('cycles as c', 'c.id', 'r.cycle_id')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('cycle_agencies as ca', (j) =>
      j.onRef('ca.cycle_id', '=', 'r.cycle_id').onRef('ca.agency_id', '=', 'r.agency_id'),
    )
    .leftJoin('users as ru', 'ru.id', 'r.ready_for_signoff_by')
    .select([
      'r.id',
      'c.signoff_required',
      'r.ready_for_signoff_at',
      'ru.display_name as ready_for_signoff_by_name',
      'r.declared_at',
      'r.declared_by_name',
      'r.declaration_text',
      'r.cycle_id',
      'r.agency_id',
      'r.status',
      'r.round',
      'r.started_at',
      'r.submitted_at',
      'r.last_activity_at',
      'c.status as cycle_status',
      'c.closes_at',
      'c.framework_id',
      'f.hash as framework_hash',
      'ca.deadline_override',
      'a.track',
      'a.name_th as agency_name_th',
      'a.name_en as agency_name_en',
    ])
    .where('r.id', '=', responseId);
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type ResponseContextRow = NonNullable<Awaited<ReturnType<typeof loadResponseContext>>>;

export async function findResponseId(db: Db, cycleId: number, agencyId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('responses')
    .select('id')
    .where('cycle_id', '=', cycleId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row?.id;
}

/** Creates the agency's response on first visit; a concurrent first visit finds the other's row. */
export async function ensureResponse(db: Db, cycleId: number, agencyId: number): Promise<number> {
  const existing = await findResponseId(db, cycleId, agencyId);
  if (existing !== undefined) return existing;
  await db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: agencyId })
    .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
    .execute();
  const id = await findResponseId(db, cycleId, agencyId);
  if (id === undefined) throw new Error('response row vanished');
  return id;
}

const answerColumns = [
  'ans.response_id',
  'ans.question_code',
  'ans.value',
  'ans.not_applicable',
  'ans.revision',
  'ans.updated_by',
  'ans.updated_at',
  'ans.verification',
  'ans.verification_reason',
  'ans.verification_comment',
  'u.display_name as updated_by_name',
] as const;

export function answersQuery(db: Db, responseId: number) {
  return db
    .selectFrom('answers as ans')
    .leftJoin('users as u', 'u.id', 'ans.updated_by')
    .select(answerColumns)
    .where('ans.response_id', '=', responseId);
}
export type AnswerRow = Awaited<ReturnType<ReturnType<typeof answersQuery>['execute']>>[number];

export const listAnswers = (db: Db, responseId: number) =>
  answersQuery(db, responseId).orderBy('ans.question_code').execute();

export const findAnswer = (db: Db, responseId: number, questionCode: string) =>
  answersQuery(db, responseId).where('ans.question_code', '=', questionCode).executeTakeFirst();

export const listAnswersSince = (db: Db, responseId: number, since: Date) =>
  answersQuery(db, responseId).where('ans.updated_at', '>', since).orderBy('ans.updated_at').execute();

export const listEvidence = (db: Db, responseId: number) =>
  db
    .selectFrom('evidence')
    .selectAll()
    .where('response_id', '=', responseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listComments = (db: Db, responseId: number) =>
  db
    .selectFrom('review_comments as rc')
    .leftJoin('users as u', 'u.id', 'rc.created_by')
    .select([
      'rc.id',
      'rc.round',
      'rc.question_code',
      'rc.comment',
      'rc.created_at',
      'rc.created_by',
      'u.display_name as author_name',
    ])
    .where('rc.response_id', '=', responseId)
    .orderBy('rc.created_at')
    .orderBy('rc.id')
    .execute();

/** The saver's display name, read in the same statement (one round trip less on the hot path). */
const nameOf = (userId: number) =>
  sql<string | null>`(select display_name from users where id = ${userId})`.as('updated_by_name');

export async function upsertAnswer(
  db: Db,
  a: {
    responseId: number;
    questionCode: string;
    value: unknown;
    notApplicable: { justification: string } | null;
    userId: number;
    exists: boolean;
    changed: boolean;
  },
) {
  const value = a.value === null || a.value === undefined ? null : JSON.stringify(a.value);
  const na = a.notApplicable ? JSON.stringify(a.notApplicable) : null;
  if (!a.exists) {
    return db
      .insertInto('answers')
      .values({
        response_id: a.responseId,
        question_code: a.questionCode,
        value,
        not_applicable: na,
        revision: 1,
        updated_by: a.userId,
        updated_at: sql<Date>`now()`,
      })
      .returning(['revision', 'updated_at', nameOf(a.userId)])
      .executeTakeFirstOrThrow();
  }
  let q = db
    .updateTable('answers')
    .set({
      value,
      not_applicable: na,
      revision: sql<number>`revision + 1`,
      updated_by: a.userId,
      updated_at: sql<Date>`now()`,
    })
    .where('response_id', '=', a.responseId)
    .where('question_code', '=', a.questionCode);
  // A changed answer is no longer what the analyst verified.
  if (a.changed) q = q.set({ verification: 'self_reported', verified_by: null, verified_at: null });
  return q.returning(['revision', 'updated_at', nameOf(a.userId)]).executeTakeFirstOrThrow();
}

export async function touchResponse(db: Db, responseId: number) {
  await db
    .updateTable('responses')
    .set({
      last_activity_at: sql<Date>`now()`,
      started_at: sql<Date>`coalesce(started_at, now())`,
      status: sql<'in_progress'>`case when status = 'not_started' then 'in_progress' else status end`,
    })
    .where('id', '=', responseId)
    .execute();
}

export async function upsertPresence(db: Db, responseId: number, userId: number, pillarKey: string | null) {
  await db
    .insertInto('presence')
    .values({ response_id: responseId, user_id: userId, pillar_key: pillarKey, seen_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.columns(['response_id', 'user_id']).doUpdateSet({ pillar_key: pillarKey, seen_at: sql<Date>`now()` }),
    )
    .execute();
}

export const listPresence = (db: Db, responseId: number, exceptUserId: number, maxAgeSeconds: number) =>
  db
    .selectFrom('presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'u.display_name', 'p.pillar_key', 'p.seen_at'])
    .where('p.response_id', '=', responseId)
    .where('p.user_id', '!=', exceptUserId)
    .where('p.seen_at', '>', sql<Date>`now() - make_interval(secs => ${maxAgeSeconds})`)
    .orderBy('p.seen_at', 'desc')
    .execute();

/**
 * Autosave hot path, read side (after the response row lock is held): the replay record of the
 * idempotency key and the current answer, in one round trip.
 */
export async function loadSaveState(db: Db, responseId: number, questionCode: string, idempotencyKey: string) {
  const { rows } = await sql<
    Omit<AnswerRow, 'response_id' | 'question_code'> & {
      answer_code: string | null;
      replay_response_id: number | null;
      replay_question_code: string | null;
      replay_revision: number | null;
      replay_created_at: Date | null;
    }
  >`select ans.question_code as answer_code, ans.value, ans.not_applicable, ans.revision, ans.updated_by,
        ans.updated_at, ans.verification, ans.verification_reason, ans.verification_comment,
        u.display_name as updated_by_name,
        s.response_id as replay_response_id, s.question_code as replay_question_code,
        s.revision as replay_revision, s.created_at as replay_created_at
      from (select 1) as one
      left join answer_saves s on s.idempotency_key = ${idempotencyKey}
      left join answers ans on ans.response_id = ${responseId} and ans.question_code = ${questionCode}
      left join users u on u.id = ans.updated_by`.execute(db);
  const r = rows[0];
  if (!r) throw new Error('save state query returned no row');
  const replay =
    r.replay_response_id === null
      ? undefined
      : {
          response_id: r.replay_response_id,
          question_code: r.replay_question_code as string,
          revision: r.replay_revision as number,
          created_at: r.replay_created_at as Date,
        };
  const current: AnswerRow | undefined =
    r.answer_code === null
      ? undefined
      : {
          response_id: responseId,
          question_code: r.answer_code,
          value: r.value,
          not_applicable: r.not_applicable,
          revision: r.revision,
          updated_by: r.updated_by,
          updated_at: r.updated_at,
          verification: r.verification,
          verification_reason: r.verification_reason,
          verification_comment: r.verification_comment,
          updated_by_name: r.updated_by_name,
        };
  return { replay, current };
}

/**
 * What an acknowledged save stored, for telling a true retry from a reused idempotency key. The
 * answer still at that revision holds it; otherwise its audit row does, written by the same
 * statement as the key's record and so stamped with the same transaction time (found by the
 * audit_log_at index). Undefined when neither is there any more.
 */
export async function loadSavedBody(
  db: Db,
  idempotencyKey: string,
  replay: { response_id: number; question_code: string; revision: number },
  current: AnswerRow | undefined,
): Promise<{ value: unknown; notApplicable: unknown } | undefined> {
  if (current && current.revision === replay.revision) {
    return { value: current.value ?? null, notApplicable: current.not_applicable ?? null };
  }
  const row = await db
    .selectFrom('audit_log')
    .select('after')
    // Compared in SQL: a JS Date would drop the timestamp's microseconds.
    .where('at', '=', (eb) =>
      eb.selectFrom('answer_saves').select('created_at').where('idempotency_key', '=', idempotencyKey),
    )
    .where('action', '=', 'answer.save')
    .where('entity_type', '=', 'answer')
    .where('entity_id', '=', `${replay.response_id}:${replay.question_code}`)
    .executeTakeFirst();
  const after = row?.after as { value?: unknown; notApplicable?: unknown; revision?: number } | null | undefined;
  if (!after || after.revision !== replay.revision) return undefined;
  return { value: after.value ?? null, notApplicable: after.notApplicable ?? null };
}
