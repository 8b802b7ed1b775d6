import { randomUUID } from 'node:crypto';
import type { ErrorReason } from '@dg/shared/domain/error-reasons';
import { DomainError } from '@dg/shared/domain/errors';
import { isAgencyRole, type Role } from '@dg/shared/schemas/auth';
import type { InvitationCreate } from '@dg/shared/schemas/users';
import type { Db } from '../../db/database';
import type { User } from '../../db/schema';
import { hashPassword, passwordProblem } from '../../lib/passwords';
import { hashToken, newOpaqueToken } from '../../lib/tokens';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import * as authRepo from '../auth/auth.repository';
import { announceRevocation, endUserAccess } from '../auth/revocation';

const why = (reason: ErrorReason) => ({ reason });

export const INVITE_TTL_HOURS = 72;
export const RESET_TTL_HOURS = 2;

export interface Actor {
  principal: Principal;
  ip: string | null;
}

const audit = (actor: Actor) => ({
  actorUserId: actor.principal.userId,
  actorEmail: actor.principal.email,
  ip: actor.ip,
});

export function summarize(u: User) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    disabled: u.disabled_at !== null,
    locked: u.locked_until !== null && u.locked_until > new Date(),
    lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
  };
}

async function assertAgency(db: Db, agencyId: number | null) {
  if (agencyId === null) return;
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst();
  if (!agency)
    throw new DomainError('VALIDATION_FAILED', `Agency ${agencyId} does not exist`, [
      { path: 'body.agencyId', message: 'unknown agency' },
    ]);
}

export async function createInvitation(db: Db, actor: Actor, input: InvitationCreate, publicUrl: string) {
  await assertAgency(db, input.agencyId);
  if (await authRepo.findUserByEmail(db, input.email)) {
    throw new DomainError(
      'CONFLICT',
      'An account with this email already exists; issue a password-reset link instead',
      why('account_exists'),
    );
  }
  const { raw, hash } = newOpaqueToken();
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('invitations')
      .values({
        id,
        kind: 'invite',
        token_hash: hash,
        email: input.email,
        role: input.role,
        agency_id: input.agencyId,
        expires_at: expiresAt,
        created_by: actor.principal.userId,
      })
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: id,
      agencyId: input.agencyId,
      after: { email: input.email, role: input.role, agencyId: input.agencyId },
    });
  });
  return { id, link: `${publicUrl}/invite/${raw}`, expiresAt: expiresAt.toISOString(), emailed: false };
}

export async function createResetLink(db: Db, actor: Actor, userId: number, publicUrl: string) {
  const user = await authRepo.findUserById(db, userId);
  if (!user) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
  const { raw, hash } = newOpaqueToken();
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + RESET_TTL_HOURS * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('invitations')
      .values({
        id,
        kind: 'reset',
        token_hash: hash,
        email: user.email,
        user_id: user.id,
        expires_at: expiresAt,
        created_by: actor.principal.userId,
      })
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'user.reset_link',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agency_id,
    });
  });
  return {
    id,
    email: user.email,
    link: `${publicUrl}/invite/${raw}`,
    expiresAt: expiresAt.toISOString(),
    emailed: false,
  };
}

async function usableInvitation(db: Db, rawToken: string) {
  const inv = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashToken(rawToken))
    .executeTakeFirst();
  if (!inv) throw new DomainError('NOT_FOUND', 'This link is not valid', why('link_invalid'));
  if (inv.used_at) throw new DomainError('INVALID_STATE', 'This link has already been used', why('link_used'));
  if (inv.revoked_at)
    throw new DomainError(
      'INVALID_STATE',
      'This invitation was withdrawn; ask your administrator',
      why('link_revoked'),
    );
  if (inv.expires_at <= new Date())
    throw new DomainError(
      'INVALID_STATE',
      'This link has expired; ask for a new one (Forgot password on the sign-in page) or ask your administrator',
      why('link_expired'),
    );
  return inv;
}

export async function describeInvitation(db: Db, rawToken: string) {
  const inv = await usableInvitation(db, rawToken);
  // Bulk onboarding reports who opened their link (first time only).
  if (!inv.opened_at) {
    await db
      .updateTable('invitations')
      .set({ opened_at: new Date() })
      .where('id', '=', inv.id)
      .where('opened_at', 'is', null)
      .execute();
  }
  const agency = inv.agency_id ? await authRepo.agencyName(db, inv.agency_id) : undefined;
  return {
    kind: inv.kind,
    email: inv.email,
    role: (inv.role as Role | null) ?? null,
    agencyName: agency ? { th: agency.name_th, en: agency.name_en } : null,
    expiresAt: inv.expires_at.toISOString(),
  };
}

export async function acceptInvitation(
  db: Db,
  rawToken: string,
  input: { displayName?: string; password: string },
  ip: string | null,
) {
  const inv = await usableInvitation(db, rawToken);
  const problem = await passwordProblem(input.password, inv.email);
  if (problem) {
    throw new DomainError('VALIDATION_FAILED', problem.message, [
      { path: 'body.password', message: problem.message, reason: problem.reason },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  const summary = await db.transaction().execute(async (trx) => {
    // Claiming the row atomically makes the link single-use even under concurrent clicks.
    const claimed = await trx
      .updateTable('invitations')
      .set({ used_at: new Date() })
      .where('id', '=', inv.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new DomainError('INVALID_STATE', 'This link has already been used', why('link_used'));
    if (inv.kind === 'invite') {
      if (await authRepo.findUserByEmail(trx, inv.email))
        throw new DomainError('CONFLICT', 'Account already exists', why('account_exists'));
      const user = await authRepo.insertUser(trx, {
        email: inv.email,
        display_name: input.displayName ?? inv.display_name ?? inv.email.split('@')[0] ?? inv.email,
        password_hash: passwordHash,
        role: inv.role as Role,
        agency_id: inv.agency_id,
      });
      await writeAudit(trx, {
        actorUserId: user.id,
        actorEmail: user.email,
        ip,
        action: 'invitation.accept',
        entityType: 'user',
        entityId: user.id,
        agencyId: user.agency_id,
        after: { role: user.role, agencyId: user.agency_id },
      });
      return summarize(user);
    }
    const user = await authRepo.updateUser(trx, inv.user_id as number, {
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
    });
    // A new password ends every session and access token, including a thief's.
    await endUserAccess(trx, user.id);
    await writeAudit(trx, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: user.id,
    });
    return summarize(user);
  });
  if (inv.kind === 'reset') announceRevocation(db, { userId: summary.id });
  return summary;
}

export async function updateUserAccount(
  db: Db,
  actor: Actor,
  userId: number,
  patch: { disabled?: boolean; role?: Role; agencyId?: number | null; displayName?: string },
) {
  const outcome = await db.transaction().execute(async (trx) => {
    const before = await authRepo.findUserById(trx, userId);
    if (!before) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    const role = patch.role ?? before.role;
    const agencyId = patch.agencyId !== undefined ? patch.agencyId : before.agency_id;
    const agencyRole = isAgencyRole(role);
    if (agencyRole !== (agencyId !== null)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Respondents, viewers and CIOs need exactly one agency; DGA roles none',
        [{ path: 'body.agencyId', message: agencyRole ? 'required for this role' : 'must be null for this role' }],
      );
    }
    const disabling = patch.disabled === true && before.disabled_at === null;
    const enabling = patch.disabled === false && before.disabled_at !== null;
    const ends = role !== before.role || agencyId !== before.agency_id || disabling;
    // Nobody, administrators included, grants or restores their own access: a stolen or stale
    // administrator token must not undo its own demotion (another administrator has to).
    if (userId === actor.principal.userId && (ends || enabling)) {
      throw new DomainError(
        'FORBIDDEN',
        'You cannot change your own role, agency or disabled state; ask another administrator',
      );
    }
    await assertAgency(trx, agencyId);
    const after = await authRepo.updateUser(trx, userId, {
      role,
      agency_id: agencyId,
      display_name: patch.displayName ?? before.display_name,
      disabled_at: patch.disabled === undefined ? before.disabled_at : patch.disabled ? new Date() : null,
    });
    // What the user may do changed: their sessions and access tokens end now, on every server.
    if (ends) await endUserAccess(trx, userId);
    const b = summarize(before);
    const a = summarize(after);
    await writeAudit(trx, {
      ...audit(actor),
      action: b.role !== a.role ? 'user.role_change' : 'user.update',
      entityType: 'user',
      entityId: userId,
      agencyId: after.agency_id,
      before: { role: b.role, agencyId: b.agencyId, disabled: b.disabled, displayName: b.displayName },
      after: { role: a.role, agencyId: a.agencyId, disabled: a.disabled, displayName: a.displayName },
    });
    return { summary: a, ended: ends };
  });
  if (outcome.ended) announceRevocation(db, { userId });
  return outcome.summary;
}
