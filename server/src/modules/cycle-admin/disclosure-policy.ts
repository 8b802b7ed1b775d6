import { DEFAULT_MIN_SEGMENT } from '@dg/shared/domain/disclosure';
import { DomainError } from '@dg/shared/domain/errors';
import type { DisclosurePolicy } from '@dg/shared/schemas/analytics';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './cycle-admin.repository';
import type { Actor } from './cycle-admin.service';

/**
 * A cycle's disclosure policy: the minimum number of agencies a segment needs before agency users
 * and the open-data package see its figures (enforced in analytics.disclosure.ts). No stored row
 * means the default.
 */

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

async function read(db: Db, cycleId: number): Promise<DisclosurePolicy> {
  const row = await db
    .selectFrom('cycle_disclosure_policies')
    .select(['min_segment_size', 'updated_at'])
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
  return {
    cycleId,
    minSegmentSize: row?.min_segment_size ?? DEFAULT_MIN_SEGMENT,
    isDefault: !row,
    updatedAt: iso(row?.updated_at),
  };
}

export async function getDisclosurePolicy(db: Db, cycleId: number): Promise<DisclosurePolicy> {
  if (!(await repo.findCycle(db, cycleId))) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  return read(db, cycleId);
}

/** Sets the minimum (3..100, checked by the schema and the table), audited with before and after. */
export async function setDisclosurePolicy(
  db: Db,
  actor: Actor,
  cycleId: number,
  minSegmentSize: number,
): Promise<DisclosurePolicy> {
  await db.transaction().execute(async (trx) => {
    const cycle = await repo.lockCycle(trx, cycleId);
    if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
    const before = await read(trx, cycleId);
    await trx
      .insertInto('cycle_disclosure_policies')
      .values({ cycle_id: cycleId, min_segment_size: minSegmentSize, updated_by: actor.principal.userId })
      .onConflict((oc) =>
        oc.column('cycle_id').doUpdateSet({
          min_segment_size: minSegmentSize,
          updated_by: actor.principal.userId,
          updated_at: new Date(),
        }),
      )
      .execute();
    await writeAudit(trx, {
      actorUserId: actor.principal.userId,
      actorEmail: actor.principal.email,
      ip: actor.ip,
      action: 'cycle.disclosure_policy',
      entityType: 'cycle',
      entityId: cycleId,
      before: { minSegmentSize: before.minSegmentSize, isDefault: before.isDefault },
      after: { minSegmentSize },
    });
  });
  return read(db, cycleId);
}
