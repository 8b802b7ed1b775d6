import type { Db } from '../../db/database';

export async function findCycle(db: Db, cycleId: number) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select([
      'c.id',
      'c.fiscal_year',
      'c.name_th',
      'c.name_en',
      'c.status',
      'c.published_at',
      'c.framework_id',
      'f.hash as framework_hash',
    ])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();
}
export type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

export const findAgency = (db: Db, agencyId: number) =>
  db
    .selectFrom('agencies')
    .select(['id', 'code', 'track', 'name_th', 'name_en', 'org_type', 'role'])
    .where('id', '=', agencyId)
    .executeTakeFirst();
export type AgencyRow = NonNullable<Awaited<ReturnType<typeof findAgency>>>;

/** The agency's current snapshot in the cycle (both bases). */
export const findCurrentSnapshot = (db: Db, cycleId: number, agencyId: number) =>
  db
    .selectFrom('result_snapshots')
    .select(['id', 'response_id', 'revision', 'created_at', 'self_result', 'verified_result'])
    .where('cycle_id', '=', cycleId)
    .where('agency_id', '=', agencyId)
    .where('is_current', '=', true)
    .executeTakeFirst();

/** Every current snapshot's pillar levels in the cycle, with the agency's peer-group attributes. */
export const listCyclePillars = (db: Db, cycleId: number) =>
  db
    .selectFrom('snapshot_pillars as sp')
    .innerJoin('result_snapshots as s', 's.id', 'sp.snapshot_id')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .select(['s.agency_id', 'a.track', 'a.org_type', 'a.role', 'sp.pillar_key', 'sp.self_level', 'sp.verified_level'])
    .where('s.cycle_id', '=', cycleId)
    .where('s.is_current', '=', true)
    .execute();

/** The latest published cycle before this fiscal year. */
export const findPreviousPublishedCycle = (db: Db, fiscalYear: number) =>
  db
    .selectFrom('cycles')
    .select(['id', 'fiscal_year'])
    .where('fiscal_year', '<', fiscalYear)
    .where('status', '=', 'published')
    .orderBy('fiscal_year', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Answers to the given questions of every agency with a current snapshot in the cycle. */
export async function listCycleAnswers(db: Db, cycleId: number, questionCodes: readonly string[]) {
  if (questionCodes.length === 0) return [];
  return db
    .selectFrom('answers as an')
    .innerJoin('result_snapshots as s', (j) =>
      j.onRef('s.response_id', '=', 'an.response_id').on('s.is_current', '=', true),
    )
    .select(['s.agency_id', 'an.question_code', 'an.value'])
    .where('s.cycle_id', '=', cycleId)
    .where('an.question_code', 'in', questionCodes)
    .execute();
}

export const listAnswers = (db: Db, responseId: number) =>
  db
    .selectFrom('answers')
    .select(['question_code', 'value', 'not_applicable', 'verification', 'verification_reason', 'verification_comment'])
    .where('response_id', '=', responseId)
    .orderBy('question_code')
    .execute();

/** Agencies with a current snapshot in the cycle, for the bulk ZIP. */
export const listCycleAgencyIds = (db: Db, cycleId: number) =>
  db
    .selectFrom('result_snapshots as s')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .select(['a.id', 'a.code'])
    .where('s.cycle_id', '=', cycleId)
    .where('s.is_current', '=', true)
    .orderBy('a.code')
    .execute();
