import { DomainError } from '@dg/shared/domain/errors';
import type { Role } from '@dg/shared/schemas/auth';
import type { Db } from '../../db/database';
import { newOpaqueToken } from '../../lib/tokens';
import { writeAudit } from '../audit/audit.repository';
import { type Actor, INVITE_TTL_HOURS } from './users.service';

const audit = (actor: Actor) => ({
  actorUserId: actor.principal.userId,
  actorEmail: actor.principal.email,
  ip: actor.ip,
});

/** Invitations neither accepted nor revoked, newest first; expired ones too, so they can be sent again. */
export async function listPendingInvitations(db: Db) {
  const rows = await db
    .selectFrom('invitations as i')
    .leftJoin('agencies as a', 'a.id', 'i.agency_id')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select([
      'i.id',
      'i.email',
      'i.role',
      'i.agency_id',
      'i.created_at',
      'i.expires_at',
      'a.name_th',
      'a.name_en',
      'u.display_name as invited_by',
    ])
    .where('i.kind', '=', 'invite')
    .where('i.used_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .orderBy('i.created_at', 'desc')
    .limit(500)
    .execute();
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    agencyId: r.agency_id,
    agencyName: r.name_th !== null && r.name_en !== null ? { th: r.name_th, en: r.name_en } : null,
    invitedBy: r.invited_by,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    expired: new Date(r.expires_at).getTime() <= now,
  }));
}

async function lockPending(db: Db, id: string) {
  const inv = await db.selectFrom('invitations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (inv?.kind !== 'invite') throw new DomainError('NOT_FOUND', `Invitation ${id} not found`);
  if (inv.used_at) throw new DomainError('INVALID_STATE', 'This invitation has already been accepted');
  if (inv.revoked_at) throw new DomainError('INVALID_STATE', 'This invitation has been revoked');
  return inv;
}

/**
 * A new link for the same invitation (the old link stops working: only the newest token's hash is
 * kept) with a fresh expiry.
 */
export async function resendInvitation(db: Db, actor: Actor, id: string, publicUrl: string) {
  const { raw, hash } = newOpaqueToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_HOURS * 3_600_000);
  const email = await db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, id);
    await trx
      .updateTable('invitations')
      .set({ token_hash: hash, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'invitation.resend',
      entityType: 'invitation',
      entityId: id,
      agencyId: inv.agency_id,
      before: { expiresAt: new Date(inv.expires_at).toISOString() },
      after: { email: inv.email, expiresAt: expiresAt.toISOString() },
    });
    return inv.email;
  });
  return { id, email, link: `${publicUrl}/invite/${raw}`, expiresAt: expiresAt.toISOString(), emailed: false };
}

/** The invitation's link stops working at once; the row stays as the record of who was invited. */
export async function revokeInvitation(db: Db, actor: Actor, id: string) {
  const revokedAt = new Date();
  await db.transaction().execute(async (trx) => {
    const inv = await lockPending(trx, id);
    await trx
      .updateTable('invitations')
      .set({ revoked_at: revokedAt, revoked_by: actor.principal.userId })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: id,
      agencyId: inv.agency_id,
      before: { email: inv.email, role: inv.role, agencyId: inv.agency_id },
    });
  });
  return { id, revokedAt: revokedAt.toISOString() };
}
