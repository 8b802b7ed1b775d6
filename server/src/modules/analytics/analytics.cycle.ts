import { DomainError } from '@dg/shared/domain/errors';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';
import * as repo from './analytics.repository';

export const ORG_TYPE_LABELS: Record<string, LocalizedText> = {
  government_agency: { th: 'ส่วนราชการ', en: 'Government agency' },
  state_enterprise: { th: 'รัฐวิสาหกิจ', en: 'State enterprise' },
  public_organization: { th: 'องค์การมหาชน', en: 'Public organization' },
  independent_organization: { th: 'องค์กรอิสระ', en: 'Independent organization' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
export const ROLE_LABELS: Record<string, LocalizedText> = {
  policy: { th: 'จัดทำนโยบาย กำกับดูแล หรือประสานงานเป็นหลัก', en: 'Policy, regulation or coordination' },
  service: { th: 'ให้บริการเป็นหลัก', en: 'Service provision' },
};
export const TRACK_LABELS: Record<string, LocalizedText> = {
  department: { th: 'หน่วยงานระดับกรมหรือเทียบเท่า', en: 'Department level' },
  province: { th: 'หน่วยงานระดับจังหวัด', en: 'Province level' },
};

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
