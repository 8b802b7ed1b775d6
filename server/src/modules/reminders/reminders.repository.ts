import type { ReminderKind } from '@dg/shared/schemas/reminders';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** One cycle's sendings at a time: two staff pressing "send" together must not both remind an agency. */
export const lockCycle = (db: Db, cycleId: number) =>
  sql`select pg_advisory_xact_lock(hashtext('dg.reminders.cycle'), ${cycleId})`.execute(db);

/** Agencies by id, with whether the cycle invites them and their response's status. */
export async function agenciesIn(db: Db, cycleId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('agencies as a')
    .leftJoin('cycle_agencies as ca', (j) => j.onRef('ca.agency_id', '=', 'a.id').on('ca.cycle_id', '=', cycleId))
    .leftJoin('responses as r', (j) => j.onRef('r.agency_id', '=', 'a.id').on('r.cycle_id', '=', cycleId))
    .select(['a.id', 'a.code', 'a.name_th', 'a.name_en', 'ca.agency_id as invited', 'r.status'])
    .where('a.id', 'in', ids)
    .execute();
}

/**
 * When each agency was last reminded (a reminder scheduled or sent; failures and cancellations do
 * not count). A reminder scheduled for later counts at its time, so it is not doubled meanwhile.
 */
export async function lastReminded(db: Db, cycleId: number, ids?: readonly number[]) {
  if (ids && ids.length === 0) return new Map<number, Date>();
  let q = db
    .selectFrom('reminders')
    .select(['agency_id', sql<Date>`max(coalesce(sent_at, scheduled_for))`.as('at')])
    .where('cycle_id', '=', cycleId)
    .where('status', 'in', ['scheduled', 'sent'])
    .groupBy('agency_id');
  if (ids) q = q.where('agency_id', 'in', ids);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.agency_id, new Date(r.at)]));
}

export async function insertReminders(
  db: Db,
  rows: {
    cycleId: number;
    agencyId: number;
    kind: ReminderKind;
    recipients: string[];
    status: 'scheduled' | 'no_recipient';
    createdBy: number;
    scheduledFor: Date;
    jobId: string;
  }[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto('reminders')
    .values(
      rows.map((r) => ({
        cycle_id: r.cycleId,
        agency_id: r.agencyId,
        kind: r.kind,
        status: r.status,
        recipients: JSON.stringify(r.recipients),
        created_by: r.createdBy,
        scheduled_for: r.scheduledFor,
        job_id: r.jobId,
        error: r.status === 'no_recipient' ? 'No active account to mail' : null,
      })),
    )
    .returning(['id', 'agency_id'])
    .execute();
}

/** The question codes of an agency's answers a reviewer rejected (its returned items), in order. */
const returnedItems = (cycleId: unknown, agencyId: unknown) =>
  sql<string[]>`coalesce((select json_agg(an.question_code order by an.question_code)
    from responses rs join answers an on an.response_id = rs.id
    where rs.cycle_id = ${cycleId} and rs.agency_id = ${agencyId} and an.verification = 'rejected'), '[]'::json)`;

export async function returnedItemsOf(db: Db, cycleId: number, agencyId: number): Promise<string[]> {
  const r = await sql<{ items: string[] }>`select ${returnedItems(cycleId, agencyId)} as items`.execute(db);
  return r.rows[0]?.items ?? [];
}

/** The scheduled reminders among `ids`, with what their mail says. */
export async function scheduledForMail(db: Db, ids: readonly number[], limit: number) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('reminders as rm')
    .innerJoin('agencies as a', 'a.id', 'rm.agency_id')
    .innerJoin('cycles as c', 'c.id', 'rm.cycle_id')
    .leftJoin('cycle_agencies as ca', (j) =>
      j.onRef('ca.cycle_id', '=', 'rm.cycle_id').onRef('ca.agency_id', '=', 'rm.agency_id'),
    )
    .select([
      'rm.id',
      'rm.kind',
      'rm.recipients',
      'a.name_th',
      'a.name_en',
      'c.name_th as cycle_th',
      'c.name_en as cycle_en',
      'c.fiscal_year',
      'c.closes_at',
      'ca.deadline_override',
      returnedItems(sql.ref('rm.cycle_id'), sql.ref('rm.agency_id')).as('returned_items'),
    ])
    .where('rm.id', 'in', ids)
    .where('rm.status', '=', 'scheduled')
    .orderBy('rm.id')
    .limit(limit)
    .execute();
}

/** Locks a reminder for its mailing; null when it is no longer scheduled (cancelled, or already mailed). */
export const claimScheduled = (db: Db, id: number) =>
  db
    .selectFrom('reminders')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .forUpdate()
    .executeTakeFirst();

/** Cancels a sending's reminders not yet mailed; how many. */
export async function cancelSending(db: Db, cycleId: number, jobId: string, by: number) {
  const rows = await db
    .updateTable('reminders')
    .set({ status: 'cancelled', cancelled_by: by, error: null })
    .where('cycle_id', '=', cycleId)
    .where('job_id', '=', jobId)
    .where('status', '=', 'scheduled')
    .returning(['id', 'agency_id'])
    .execute();
  return rows;
}

/** Marks a sending's reminders not yet mailed as failed (its job could not be queued). */
export const failSending = (db: Db, cycleId: number, jobId: string, error: string) =>
  db
    .updateTable('reminders')
    .set({ status: 'failed', error: error.slice(0, 500) })
    .where('cycle_id', '=', cycleId)
    .where('job_id', '=', jobId)
    .where('status', '=', 'scheduled')
    .execute();

/** Sendings scheduled for later that have not gone yet. */
export async function pendingSendings(db: Db, cycleId: number) {
  return db
    .selectFrom('reminders as rm')
    .leftJoin('users as u', 'u.id', 'rm.created_by')
    .select([
      'rm.job_id',
      sql<Date>`min(rm.scheduled_for)`.as('scheduled_for'),
      sql<number>`count(*)::int`.as('n'),
      sql<number | null>`min(rm.created_by)`.as('created_by'),
      sql<string | null>`min(u.display_name)`.as('display_name'),
    ])
    .where('rm.cycle_id', '=', cycleId)
    .where('rm.status', '=', 'scheduled')
    .where('rm.job_id', 'is not', null)
    .where('rm.scheduled_for', '>', sql<Date>`now()`)
    .groupBy('rm.job_id')
    .orderBy('scheduled_for')
    .execute();
}

export const markReminder = (db: Db, id: number, outcome: { status: 'sent' | 'failed'; error: string | null }) =>
  db
    .updateTable('reminders')
    .set({ status: outcome.status, error: outcome.error, sent_at: outcome.status === 'sent' ? new Date() : null })
    .where('id', '=', id)
    .execute();

/** A cycle's latest reminder per agency and how many it had (cancelled ones left out). */
export async function latestPerAgency(db: Db, cycleId: number) {
  return db
    .selectFrom('reminders')
    .select([
      'agency_id',
      sql<Date>`max(coalesce(sent_at, scheduled_for))`.as('at'),
      sql<string>`(array_agg(status order by id desc))[1]`.as('status'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('cycle_id', '=', cycleId)
    .where('status', '!=', 'cancelled')
    .groupBy('agency_id')
    .execute();
}

export async function recent(db: Db, cycleId: number, limit: number) {
  return db
    .selectFrom('reminders as rm')
    .innerJoin('agencies as a', 'a.id', 'rm.agency_id')
    .leftJoin('users as u', 'u.id', 'rm.created_by')
    .select([
      'rm.id',
      'rm.agency_id',
      'a.code',
      'a.name_th',
      'a.name_en',
      'rm.kind',
      'rm.status',
      'rm.recipients',
      'rm.error',
      'rm.created_at',
      'rm.scheduled_for',
      'rm.sent_at',
      'rm.created_by',
      'u.display_name',
    ])
    .where('rm.cycle_id', '=', cycleId)
    .orderBy('rm.id', 'desc')
    .limit(limit)
    .execute();
}
