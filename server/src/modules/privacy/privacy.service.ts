import { DomainError } from '@dg/shared/domain/errors';
import type { PersonalDataExport, PrivacyNotice } from '@dg/shared/schemas/privacy';
import type { Db } from '../../db/database';
import type { Config } from '../../plugins/config';
import { writeAudit } from '../audit/audit.repository';
import { PRIVACY_NOTICE_VERSION, privacyNotice } from './privacy-notice';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function noticeFor(db: Db, config: Config, userId: number): Promise<PrivacyNotice> {
  const user = await db
    .selectFrom('users')
    .select(['privacy_ack_version', 'privacy_ack_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Account not found');
  return {
    ...privacyNotice({
      auditIpDays: config.AUDIT_IP_RETENTION_DAYS,
      disabledAccountDays: config.DISABLED_ACCOUNT_RETENTION_DAYS,
    }),
    acknowledgedVersion: user.privacy_ack_version,
    acknowledgedAt: iso(user.privacy_ack_at),
    acknowledged: user.privacy_ack_version === PRIVACY_NOTICE_VERSION,
  };
}

/** Records that the user read this version of the notice (with the time, and in the audit log). */
export async function acknowledge(
  db: Db,
  config: Config,
  actor: { userId: number; email: string; ip: string | null },
  version: string,
): Promise<PrivacyNotice> {
  if (version !== PRIVACY_NOTICE_VERSION) {
    throw new DomainError('CONFLICT', `The privacy notice has changed: version ${PRIVACY_NOTICE_VERSION} is current`, {
      current: PRIVACY_NOTICE_VERSION,
    });
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .updateTable('users')
      .set({ privacy_ack_version: version, privacy_ack_at: now })
      .where('id', '=', actor.userId)
      .execute();
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: 'privacy.acknowledged',
      entityType: 'user',
      entityId: actor.userId,
      meta: { version },
    });
  });
  return noticeFor(db, config, actor.userId);
}

/**
 * A subject-access export: the person's profile, sessions and the audit entries by or about them.
 * Entries someone else made about them say only that another person acted (not who, nor from
 * where); entries they made about someone else carry no before/after, so no other person's data
 * leaves with the export.
 */
export async function exportPersonalData(db: Db, userId: number): Promise<PersonalDataExport> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new DomainError('NOT_FOUND', `No user with id ${userId}`);
  const sessions = await db
    .selectFrom('refresh_tokens')
    .select(['created_at', 'expires_at', 'used_at', 'revoked_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const entries = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('actor_user_id', '=', userId),
        eb(eb.fn('lower', ['actor_email']), '=', user.email.toLowerCase()),
        eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(userId))]),
      ]),
    )
    .orderBy('id')
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      agencyId: user.agency_id,
      createdAt: user.created_at.toISOString(),
      lastLoginAt: iso(user.last_login_at),
      disabledAt: iso(user.disabled_at),
      anonymisedAt: iso(user.anonymised_at),
      privacyNotice: { version: user.privacy_ack_version, acknowledgedAt: iso(user.privacy_ack_at) },
    },
    sessions: sessions.map((s) => ({
      createdAt: s.created_at.toISOString(),
      expiresAt: s.expires_at.toISOString(),
      usedAt: iso(s.used_at),
      revokedAt: iso(s.revoked_at),
      ip: s.ip,
      userAgent: s.user_agent,
    })),
    auditEntries: entries.map((e) => {
      const bySubject =
        e.actor_user_id === userId ||
        (e.actor_user_id === null && e.actor_email?.toLowerCase() === user.email.toLowerCase());
      const aboutSubject = e.entity_type === 'user' && e.entity_id === String(userId);
      const aboutOther = !aboutSubject && ['user', 'invitation', 'address'].includes(e.entity_type);
      return {
        at: e.at.toISOString(),
        action: e.action,
        entityType: e.entity_type,
        entityId: aboutOther ? null : e.entity_id,
        actor: bySubject ? ('subject' as const) : ('other' as const),
        ip: bySubject ? e.ip : null,
        before: aboutOther ? null : (e.before ?? null),
        after: aboutOther ? null : (e.after ?? null),
      };
    }),
  };
}
