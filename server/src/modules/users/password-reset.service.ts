import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import { invitationMail, type Mailer } from '../../lib/mailer';
import { newOpaqueToken } from '../../lib/tokens';
import { writeAudit } from '../audit/audit.repository';
import * as authRepo from '../auth/auth.repository';

/** A self-service link is short-lived: whoever reads the mailbox later cannot use it. */
export const SELF_RESET_TTL_MINUTES = 30;
/** One mail per account per this many seconds, so the form cannot flood someone's mailbox. */
export const SELF_RESET_COOLDOWN_SECONDS = 60;

/** The one answer, whether or not the address has an account (no account enumeration). */
export const FORGOT_PASSWORD_ANSWER =
  'หากอีเมลนี้มีบัญชีในระบบ เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปแล้ว (ใช้ได้ภายใน 30 นาที) · If this email has an account, a link to set a new password has been sent (valid for 30 minutes)';

/**
 * Issues and mails a single-use reset link to an active account; unknown or disabled addresses get
 * nothing. Older unused self-service links of the account stop working. Completing the link
 * (acceptInvitation) sets the password and ends every session of the user.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer | null,
  email: string,
  publicUrl: string,
  ip: string | null,
): Promise<'sent' | 'skipped'> {
  const user = await authRepo.findUserByEmail(db, email);
  if (!user || user.disabled_at) {
    await writeAudit(db, { actorEmail: email, ip, action: 'auth.reset_request_unknown', entityType: 'user' });
    return 'skipped';
  }
  const now = new Date();
  const { raw, hash } = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + SELF_RESET_TTL_MINUTES * 60_000);
  const issued = await db.transaction().execute(async (trx) => {
    const recent = await trx
      .selectFrom('invitations')
      .select('id')
      .where('user_id', '=', user.id)
      .where('kind', '=', 'reset')
      .where('created_by', 'is', null)
      .where('created_at', '>', new Date(now.getTime() - SELF_RESET_COOLDOWN_SECONDS * 1000))
      .executeTakeFirst();
    if (recent) return false;
    await trx
      .updateTable('invitations')
      .set({ expires_at: now })
      .where('user_id', '=', user.id)
      .where('kind', '=', 'reset')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const id = randomUUID();
    await trx
      .insertInto('invitations')
      .values({ id, kind: 'reset', token_hash: hash, email: user.email, user_id: user.id, expires_at: expiresAt })
      .execute();
    await writeAudit(trx, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip,
      action: 'user.reset_requested',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agency_id,
    });
    return true;
  });
  if (!issued || !mailer) return 'skipped';
  await mailer.send(invitationMail(user.email, `${publicUrl}/invite/${raw}`, expiresAt.toISOString(), 'reset'));
  return 'sent';
}
