import { DomainError } from '@dg/shared/domain/errors';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';
import * as repo from './analytics.repository';

export { ORG_TYPE_LABELS, ROLE_LABELS, TRACK_LABELS } from '@dg/shared/domain/segment-labels';

const STAFF = new Set(['analyst', 'admin']);

/**
 * The cycle, if the principal may read its national aggregates: DGA staff always; agency users
 * only once the cycle is published (a draft cycle does not exist for them).
 */
export async function readableCycle(db: Db, principal: Principal, cycleId: number): Promise<repo.CycleRow> {
  const cycle = await repo.findCycle(db, cycleId);
  if (!cycle || (cycle.status === 'draft' && !STAFF.has(principal.role))) {
    throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  }
  if (!STAFF.has(principal.role) && cycle.status !== 'published') {
    throw new DomainError('FORBIDDEN', 'National results are visible to agencies once the cycle is published');
  }
  return cycle;
}

export const cycleFramework = (db: Db, cycle: { framework_id: number; framework_hash: string }) =>
  frameworkByHash(db, cycle.framework_id, cycle.framework_hash);
