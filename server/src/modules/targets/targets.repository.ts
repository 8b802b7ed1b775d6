import type { Db } from '../../db/database';
import type { NationalTargetsTable } from '../../db/schema';

export type TargetRow = Omit<NationalTargetsTable, 'updated_at'> & { updated_at: Date };

export const listForCycle = (db: Db, cycleId: number) =>
  db.selectFrom('national_targets').selectAll().where('cycle_id', '=', cycleId).orderBy('code').execute();

export const findTarget = (db: Db, cycleId: number, code: string) =>
  db
    .selectFrom('national_targets')
    .selectAll()
    .where('cycle_id', '=', cycleId)
    .where('code', '=', code)
    .executeTakeFirst();

/** Every target with its cycle's year, oldest cycle first (the overview's series). */
export const listAll = (db: Db) =>
  db
    .selectFrom('national_targets as t')
    .innerJoin('cycles as c', 'c.id', 't.cycle_id')
    .selectAll('t')
    .select(['c.fiscal_year', 'c.status'])
    .orderBy('c.fiscal_year')
    .orderBy('t.code')
    .execute();

export async function upsertTarget(db: Db, row: Omit<TargetRow, 'updated_at'>) {
  await db
    .insertInto('national_targets')
    .values(row)
    .onConflict((oc) => oc.columns(['cycle_id', 'code']).doUpdateSet({ ...row, updated_at: new Date() }))
    .execute();
}

export const deleteTarget = (db: Db, cycleId: number, code: string) =>
  db.deleteFrom('national_targets').where('cycle_id', '=', cycleId).where('code', '=', code).executeTakeFirst();

/** Current snapshots of agencies at `overall` (verified basis) in the track, with their verified result. */
export const snapshotsAtLevel = (db: Db, cycleId: number, overall: number, track: string | null) => {
  let q = db
    .selectFrom('result_snapshots as s')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .select(['a.id', 'a.code', 'a.name_th', 'a.name_en', 's.verified_overall', 's.verified_result'])
    .where('s.cycle_id', '=', cycleId)
    .where('s.is_current', '=', true)
    .where('s.verified_overall', '=', overall);
  if (track) q = q.where('a.track', '=', track as 'department' | 'province');
  return q.orderBy('a.code').execute();
};
