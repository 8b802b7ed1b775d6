import type { ErrorReason } from '@dg/shared/domain/error-reasons';
import { DomainError } from '@dg/shared/domain/errors';
import type { AgencyInvitationCreate } from '@dg/shared/schemas/users';
import type { Db } from '../../db/database';
import * as authRepo from '../auth/auth.repository';
import { type Actor, createInvitation, summarize, updateUserAccount } from './users.service';

/**
 * What an agency's CIO may do with its people: invite and remove (disable) coordinators and
 * viewers of its own agency only. DGA roles and CIOs are DGA's to grant; the CIO's own account is
 * not its to change. Every change goes through the administrators' service, so the audit log and
 * the revocation of a removed person's sessions are the same.
 */
const why = (reason: ErrorReason) => ({ reason });

const MANAGED_ROLES = new Set(['respondent', 'viewer']);

function agencyOf(actor: Actor): number {
  const { agencyId, role } = actor.principal;
  if (role !== 'cio' || agencyId === null)
    throw new DomainError('FORBIDDEN', "Only an agency's CIO manages its people", why('not_agency_cio'));
  return agencyId;
}

export async function listAgencyUsers(db: Db, actor: Actor) {
  const agencyId = agencyOf(actor);
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('role')
    .orderBy('email')
    .execute();
  return rows.map(summarize);
}

export async function inviteAgencyUser(db: Db, actor: Actor, input: AgencyInvitationCreate, publicUrl: string) {
  const agencyId = agencyOf(actor);
  return createInvitation(db, actor, { email: input.email, role: input.role, agencyId }, publicUrl);
}

export async function setAgencyUserDisabled(db: Db, actor: Actor, userId: number, disabled: boolean) {
  const agencyId = agencyOf(actor);
  const target = await authRepo.findUserById(db, userId);
  // Another agency's account answers as if it did not exist: a CIO learns nothing about it.
  if (!target || target.agency_id !== agencyId)
    throw new DomainError('NOT_FOUND', `User ${userId} not found in your agency`, why('user_not_found'));
  if (target.id === actor.principal.userId) {
    throw new DomainError('FORBIDDEN', 'You cannot remove or restore your own account; ask DGA', why('own_account'));
  }
  if (!MANAGED_ROLES.has(target.role)) {
    throw new DomainError(
      'FORBIDDEN',
      "A CIO manages only the agency's coordinators and viewers",
      why('cio_manages_only'),
    );
  }
  // Only the disabled flag: the role and agency stay whatever they are when the update runs.
  return updateUserAccount(db, actor, userId, { disabled });
}
