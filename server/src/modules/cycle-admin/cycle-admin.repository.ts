import type { Db } from '../../db/database';

/** Cycles, newest first, with the framework code and response counts per status. */
export async function listCyclesWithCounts(db: Db, cycleId?: number) {
  let q = db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select([
      'c.id',
      'c.fiscal_year',
      'c.name_th',
      'c.name_en',
      'c.status',
      'c.framework_id',
      'f.code as framework_code',
      'c.opens_at',
      'c.closes_at',
      'c.published_at',
      'c.created_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('cycle_agencies as ca')
        .whereRef('ca.cycle_id', '=', 'c.id')
        .select(eb.fn.countAll<string>().as('n'))
        .as('invited'),
      eb
        .selectFrom('responses as r')
        .whereRef('r.cycle_id', '=', 'c.id')
        .where('r.status', '!=', 'not_started')
        .select(eb.fn.countAll<string>().as('n'))
        .as('started'),
      eb
        .selectFrom('responses as r')
        .whereRef('r.cycle_id', '=', 'c.id')
        .where('r.status', 'in', ['submitted', 'verified'])
        .select(eb.fn.countAll<string>().as('n'))
        .as('submitted'),
      eb
        .selectFrom('responses as r')
        .whereRef('r.cycle_id', '=', 'c.id')
        .where('r.status', '=', 'verified')
        .select(eb.fn.countAll<string>().as('n'))
        .as('verified'),
    ])
    .orderBy('c.fiscal_year', 'desc');
  if (cycleId !== undefined) q = q.where('c.id', '=', cycleId);
  return q.execute();
}

export const findCycle = (db: Db, id: number) =>
  db.selectFrom('cycles').selectAll().where('id', '=', id).executeTakeFirst();

/** Invites every active (not merged) agency; existing invitations are kept. */
export async function inviteActiveAgencies(db: Db, cycleId: number): Promise<number> {
  const res = await db
    .insertInto('cycle_agencies')
    .columns(['cycle_id', 'agency_id'])
    .expression((eb) =>
      eb
        .selectFrom('agencies')
        .select([eb.val(cycleId).as('cycle_id'), 'id'])
        .where('active', '=', true)
        .where('merged_into_id', 'is', null),
    )
    .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** Marks the current result snapshot of every response in the cycle as published. */
export async function publishSnapshots(db: Db, cycleId: number): Promise<number> {
  const res = await db
    .updateTable('result_snapshots')
    .set({ published: true })
    .where('cycle_id', '=', cycleId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export const lockCycle = (db: Db, id: number) =>
  db.selectFrom('cycles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
