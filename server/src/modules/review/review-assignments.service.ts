import { DomainError } from '@dg/shared/domain/errors';
import type { Analyst, AssignBody, ReassignBody } from '@dg/shared/schemas/review-queue';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import type { Actor } from '../responses/responses.service';
import { audit } from './review-claims';

// Work shared among analysts: each agency has at most one analyst; the queue's "mine" view lists
// the caller's agencies. Every change is audit-logged with the agencies it moved.

export async function analysts(db: Db): Promise<Analyst[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('analyst_assignments as aa', 'aa.analyst_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.email', sql<number>`count(aa.agency_id)::int`.as('assigned')])
    .where('u.role', '=', 'analyst')
    .where('u.disabled_at', 'is', null)
    .groupBy(['u.id', 'u.display_name', 'u.email'])
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email, assigned: Number(r.assigned) }));
}

async function activeAnalyst(db: Db, id: number, path: string) {
  const u = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (u?.role !== 'analyst' || u.disabled_at !== null) {
    throw new DomainError('VALIDATION_FAILED', `User ${id} is not an active analyst`, [
      { path, message: 'Choose an active analyst' },
    ]);
  }
}

/** Assigns agencies (listed, or every active agency of a ministry) to an analyst, replacing any other. */
export async function assign(db: Db, actor: Actor, body: AssignBody): Promise<{ assigned: number }> {
  return db.transaction().execute(async (trx) => {
    await activeAnalyst(trx, body.analystId, 'body.analystId');
    let q = trx.selectFrom('agencies').select('id').where('active', '=', true);
    if (body.ministryCode) q = q.where('ministry_code', '=', body.ministryCode);
    if (body.agencyIds?.length) q = q.where('id', 'in', body.agencyIds);
    const ids = (await q.execute()).map((r) => r.id);
    if (body.agencyIds?.length && ids.length !== new Set(body.agencyIds).size) {
      const found = new Set(ids);
      const missing = body.agencyIds.filter((id) => !found.has(id));
      throw new DomainError('VALIDATION_FAILED', `Unknown or inactive agencies: ${missing.join(', ')}`, [
        { path: 'body.agencyIds', message: 'Every agency must exist and be active' },
      ]);
    }
    if (ids.length === 0) return { assigned: 0 };
    await trx
      .insertInto('analyst_assignments')
      .values(ids.map((id) => ({ agency_id: id, analyst_id: body.analystId, assigned_by: actor.principal.userId })))
      .onConflict((oc) =>
        oc.column('agency_id').doUpdateSet({
          analyst_id: body.analystId,
          assigned_by: actor.principal.userId,
          assigned_at: sql`now()`,
        }),
      )
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'assignment.assign',
      entityType: 'user',
      entityId: body.analystId,
      after: { analystId: body.analystId, agencyIds: ids },
      meta: body.ministryCode ? { ministryCode: body.ministryCode } : undefined,
    });
    return { assigned: ids.length };
  });
}

/** Moves every agency of one analyst to another (someone is away). */
export async function reassign(db: Db, actor: Actor, body: ReassignBody): Promise<{ assigned: number }> {
  return db.transaction().execute(async (trx) => {
    await activeAnalyst(trx, body.toAnalystId, 'body.toAnalystId');
    const moved = await trx
      .updateTable('analyst_assignments')
      .set({ analyst_id: body.toAnalystId, assigned_by: actor.principal.userId, assigned_at: sql`now()` })
      .where('analyst_id', '=', body.fromAnalystId)
      .returning('agency_id')
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'assignment.reassign',
      entityType: 'user',
      entityId: body.fromAnalystId,
      before: { analystId: body.fromAnalystId },
      after: { analystId: body.toAnalystId, agencyIds: moved.map((r) => r.agency_id) },
    });
    return { assigned: moved.length };
  });
}
