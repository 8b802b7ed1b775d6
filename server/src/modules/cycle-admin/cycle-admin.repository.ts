import { sql } from 'kysely';
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
      'c.signoff_required',
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
export async function inviteActiveAgencies(
  db: Db,
  cycleId: number,
  tracks: readonly ('department' | 'province')[] = ['department', 'province'],
): Promise<number> {
  const res = await db
    .insertInto('cycle_agencies')
    .columns(['cycle_id', 'agency_id'])
    .expression((eb) =>
      eb
        .selectFrom('agencies')
        .select([eb.val(cycleId).as('cycle_id'), 'id'])
        .where('active', '=', true)
        .where('merged_into_id', 'is', null)
        .where('track', 'in', [...tracks]),
    )
    .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** Each response's highest snapshot revision in a cycle, grouped once (a per-row subquery would be quadratic). */
const maxRevisions = (cycleId: number) =>
  sql`select response_id, max(revision) as revision from result_snapshots where cycle_id = ${cycleId} group by response_id`;

/**
 * Publication stores each result again: a new revision (reason 'publication', published, current)
 * copied from the current one with its pillar rows, so the published figures are a record of their
 * own that later corrections supersede but never overwrite. Set-based, for national-scale cycles;
 * the caller holds the cycle row lock. Returns the number of snapshots published.
 */
export async function publishSnapshots(db: Db, cycleId: number, actorUserId: number | null): Promise<number> {
  const inserted = await sql<{ id: string }>`
    insert into result_snapshots (response_id, cycle_id, agency_id, reason, revision, is_current, published,
      self_overall, verified_overall, self_result, verified_result, engine_version, framework_hash, created_by)
    select s.response_id, s.cycle_id, s.agency_id, 'publication', m.revision + 1, false, true,
      s.self_overall, s.verified_overall, s.self_result, s.verified_result, s.engine_version, s.framework_hash,
      ${actorUserId}
    from result_snapshots s
    join (${maxRevisions(cycleId)}) m on m.response_id = s.response_id
    where s.cycle_id = ${cycleId} and s.is_current
    returning id`.execute(db);
  if (inserted.rows.length === 0) return 0;
  // Until the swap below, the new rows are the only non-current ones above their response's current revision.
  await sql`
    insert into snapshot_pillars (snapshot_id, pillar_key, self_level, verified_level, self_score, verified_score)
    select n.id, p.pillar_key, p.self_level, p.verified_level, p.self_score, p.verified_score
    from result_snapshots n
    join result_snapshots o on o.response_id = n.response_id and o.is_current
    join snapshot_pillars p on p.snapshot_id = o.id
    where n.cycle_id = ${cycleId} and not n.is_current and n.reason = 'publication' and n.revision > o.revision`.execute(
    db,
  );
  await db
    .updateTable('result_snapshots')
    .set({ is_current: false })
    .where('cycle_id', '=', cycleId)
    .where('is_current', '=', true)
    .execute();
  await sql`
    update result_snapshots n set is_current = true
    from (${maxRevisions(cycleId)}) m
    where n.response_id = m.response_id and n.revision = m.revision
      and n.cycle_id = ${cycleId} and n.reason = 'publication' and not n.is_current`.execute(db);
  return inserted.rows.length;
}

export const lockCycle = (db: Db, id: number) =>
  db.selectFrom('cycles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
