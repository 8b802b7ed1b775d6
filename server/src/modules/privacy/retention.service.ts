import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { Config } from '../../plugins/config';
import { writeAudit } from '../audit/audit.repository';

export type RetentionConfig = Pick<Config, 'AUDIT_IP_RETENTION_DAYS' | 'DISABLED_ACCOUNT_RETENTION_DAYS'>;

export interface RetentionResult {
  auditAddressesRemoved: number;
  sessionAddressesRemoved: number;
  loginThrottleRowsRemoved: number;
  accountsAnonymised: number;
}

/** Keys of audit before/after documents that hold a person's identity. */
const PERSONAL_KEYS = ['email', 'displayName', 'display_name', 'name'];

const days = (n: number) => n * 86_400_000;

/**
 * Applies the retention rules of the privacy notice, as of `now`:
 * - IP addresses in the audit log and on sessions older than AUDIT_IP_RETENTION_DAYS are removed;
 * - accounts disabled more than DISABLED_ACCOUNT_RETENTION_DAYS ago are anonymised: their name and
 *   e-mail are replaced, password and sessions deleted, and their e-mail and addresses blanked in
 *   the audit log (what was done and when stays: the survey's record must remain accountable).
 * Idempotent; runs in one transaction (the caller's, when given one). Callable from a timer, a
 * job queue worker or a script alike.
 */
export async function applyRetention(
  db: Kysely<Database>,
  config: RetentionConfig,
  now: Date = new Date(),
): Promise<RetentionResult> {
  const run = async (trx: Kysely<Database>): Promise<RetentionResult> => {
    // The audit log's trigger lets only this transaction blank personal columns (migration 0012).
    await sql`select set_config('dg.retention', 'on', true)`.execute(trx);
    const ipCutoff = new Date(now.getTime() - days(config.AUDIT_IP_RETENTION_DAYS));
    const audit = await trx
      .updateTable('audit_log')
      .set({ ip: null })
      .where('ip', 'is not', null)
      .where('at', '<', ipCutoff)
      .executeTakeFirst();
    const sessions = await trx
      .updateTable('refresh_tokens')
      .set({ ip: null, user_agent: null })
      .where('created_at', '<', ipCutoff)
      .where((eb) => eb.or([eb('ip', 'is not', null), eb('user_agent', 'is not', null)]))
      .executeTakeFirst();
    const throttle = await trx
      .deleteFrom('login_throttle')
      .where('last_attempt_at', '<', new Date(now.getTime() - days(1)))
      .executeTakeFirst();

    const accountCutoff = new Date(now.getTime() - days(config.DISABLED_ACCOUNT_RETENTION_DAYS));
    const expired = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('disabled_at', '<', accountCutoff)
      .where('anonymised_at', 'is', null)
      .execute();
    for (const u of expired) await anonymiseAccount(trx, u.id, u.email, now);

    return {
      auditAddressesRemoved: Number(audit.numUpdatedRows),
      sessionAddressesRemoved: Number(sessions.numUpdatedRows),
      loginThrottleRowsRemoved: Number(throttle.numDeletedRows),
      accountsAnonymised: expired.length,
    };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function anonymiseAccount(trx: Kysely<Database>, id: number, email: string, now: Date): Promise<void> {
  const placeholder = `anonymised-${id}@invalid`;
  await trx
    .updateTable('users')
    .set({
      email: placeholder,
      display_name: `ผู้ใช้ที่ลบข้อมูลแล้ว / anonymised user #${id}`,
      password_hash: null,
      anonymised_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('refresh_tokens').where('user_id', '=', id).execute();
  await trx
    .updateTable('invitations')
    .set({ email: placeholder })
    .where((eb) => eb.or([eb('user_id', '=', id), eb(eb.fn('lower', ['email']), '=', email.toLowerCase())]))
    .execute();
  const strip = (col: 'before' | 'after') =>
    sql<
      string | null
    >`case when jsonb_typeof(${sql.ref(col)}) = 'object' then ${sql.ref(col)} - ${sql.val(PERSONAL_KEYS)}::text[] else ${sql.ref(col)} end`;
  await trx
    .updateTable('audit_log')
    .set({ actor_email: null, ip: null, before: strip('before'), after: strip('after') })
    .where((eb) =>
      eb.or([
        eb('actor_user_id', '=', id),
        eb(eb.fn('lower', ['actor_email']), '=', email.toLowerCase()),
        eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', String(id))]),
      ]),
    )
    .execute();
  await writeAudit(trx, { action: 'privacy.account_anonymised', entityType: 'user', entityId: id });
}
