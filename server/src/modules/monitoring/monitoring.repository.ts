import { sql } from 'kysely';
import type { Db } from '../../db/database';

export async function findCycle(db: Db, cycleId: number) {
  return db
    .selectFrom('cycles')
    .select(['id', 'fiscal_year', 'name_th', 'name_en', 'status', 'closes_at', 'framework_id'])
    .select((eb) =>
      eb
        .selectFrom('frameworks as f')
        .select('f.hash')
        .whereRef('f.id', '=', 'cycles.framework_id')
        .as('framework_hash'),
    )
    .where('id', '=', cycleId)
    .executeTakeFirst();
}
export type MonitoringCycle = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

/**
 * Timestamps of invited agencies' responses, for the daily trend. A response counts as started
 * on the same rule as the response rates (status past not_started, or a start time).
 */
export async function trendEvents(db: Db, cycleId: number) {
  return db
    .selectFrom('cycle_agencies as ca')
    .innerJoin('responses as r', (j) =>
      j.onRef('r.cycle_id', '=', 'ca.cycle_id').onRef('r.agency_id', '=', 'ca.agency_id'),
    )
    .select(['r.status', 'r.started_at', 'r.submitted_at', 'r.last_activity_at', 'r.created_at'])
    .where('ca.cycle_id', '=', cycleId)
    .where((eb) => eb.or([eb('r.status', '<>', 'not_started'), eb('r.started_at', 'is not', null)]))
    .execute();
}

/** Invited agencies whose response is missing, not started, in progress or returned. */
export async function notSubmitted(db: Db, cycleId: number) {
  return db
    .selectFrom('cycle_agencies as ca')
    .innerJoin('cycles as c', 'c.id', 'ca.cycle_id')
    .innerJoin('agencies as a', 'a.id', 'ca.agency_id')
    .leftJoin('ministries as m', 'm.code', 'a.ministry_code')
    .leftJoin('responses as r', (j) =>
      j.onRef('r.cycle_id', '=', 'ca.cycle_id').onRef('r.agency_id', '=', 'ca.agency_id'),
    )
    .select([
      'a.id as agency_id',
      'a.code',
      'a.name_th',
      'a.name_en',
      'a.track',
      'a.ministry_code',
      'm.name_th as ministry_th',
      'm.name_en as ministry_en',
      'r.id as response_id',
      sql<'not_started' | 'in_progress' | 'returned'>`coalesce(r.status, 'not_started')`.as('status'),
      'r.last_activity_at',
      'ca.deadline_override',
      'c.closes_at',
    ])
    .where('ca.cycle_id', '=', cycleId)
    .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.status', 'in', ['not_started', 'in_progress', 'returned'])]))
    .orderBy('a.code')
    .execute();
}

export async function answersOf(db: Db, responseIds: readonly number[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom('answers')
    .select(['response_id', 'question_code', 'value', 'not_applicable', 'verification'])
    .where('response_id', 'in', responseIds)
    .execute();
}

/** Active agency accounts (the CIO, respondents, then viewers), to call or mail about a late response. */
export async function contactsOf(db: Db, agencyIds: readonly number[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['agency_id', 'email', 'display_name', 'role'])
    .where('agency_id', 'in', agencyIds)
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['cio', 'respondent', 'viewer'])
    .orderBy('role')
    .orderBy('email')
    .execute();
}
