import { DomainError } from '@dg/shared/domain/errors';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Mailer } from '../../lib/mailer';
import { writeAudit } from '../audit/audit.repository';

/** Consecutive failures for one (account, address) that cost no wait: a typo or two is normal. */
export const FREE_FAILURES = 2;
/** Failures further back than this no longer count towards the slow-down. */
const FORGET_AFTER_MS = 3_600_000;
export const ALERT_WINDOW_MINUTES = 10;

export interface LoginGuardOptions {
  maxBackoffSeconds: number;
  alertThreshold: number;
  log: FastifyBaseLogger;
  mailer: Mailer | null;
  metrics?: {
    failures: { inc(): void };
    throttled: { inc(): void };
    alerts: { inc(labels: { subject: string }): void };
  };
}

/** Seconds to wait after the n-th consecutive failure: 0, 0, then 1, 2, 4, ... up to the cap. */
export function backoffSeconds(failures: number, maxSeconds: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(maxSeconds, 2 ** (failures - FREE_FAILURES - 1));
}

/**
 * Slows sign-in down per (account, address) instead of locking the account: whoever guesses a
 * CIO's password from one address waits longer and longer between guesses, while the CIO signing
 * in from their own office is not affected, so nobody can lock another person out on deadline day.
 * The same applies to unknown e-mails, so the slow-down does not reveal whether an account exists.
 */
export class LoginGuard {
  constructor(
    private readonly db: Db,
    private readonly opts: LoginGuardOptions,
  ) {}

  /**
   * Counts the attempt before the password is checked (so parallel guesses cannot all slip
   * through) and refuses it with 429 + Retry-After while the pair is waiting out a slow-down.
   */
  async before(email: string, ip: string | null, now = new Date()): Promise<void> {
    const key = { email: email.toLowerCase(), ip: ip ?? '' };
    const wait = await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_throttle')
        .values({ ...key, failures: 0, last_attempt_at: now })
        .onConflict((oc) => oc.columns(['email', 'ip']).doNothing())
        .execute();
      const row = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where('email', '=', key.email)
        .where('ip', '=', key.ip)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (row.blocked_until && row.blocked_until > now) {
        return Math.max(1, Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000));
      }
      const failures = now.getTime() - row.last_attempt_at.getTime() > FORGET_AFTER_MS ? 1 : row.failures + 1;
      const delay = backoffSeconds(failures, this.opts.maxBackoffSeconds);
      await trx
        .updateTable('login_throttle')
        .set({
          failures,
          last_attempt_at: now,
          blocked_until: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
        })
        .where('email', '=', key.email)
        .where('ip', '=', key.ip)
        .execute();
      return 0;
    });
    if (wait > 0) {
      this.opts.metrics?.throttled.inc();
      throw new DomainError(
        'RATE_LIMITED',
        `Too many failed sign-ins for this account from this address. Try again in ${wait} seconds.`,
        { retryAfterSeconds: wait },
      );
    }
  }

  /** A correct password clears the pair's count. */
  async succeeded(email: string, ip: string | null): Promise<void> {
    await this.db
      .deleteFrom('login_throttle')
      .where('email', '=', email.toLowerCase())
      .where('ip', '=', ip ?? '')
      .execute();
  }

  /**
   * After the failure's audit entry is written: alerts once when failures for one account, or from
   * one address, reach the threshold within ten minutes (a guessing or password-spraying burst).
   */
  async failed(email: string, ip: string | null, now = new Date()): Promise<void> {
    this.opts.metrics?.failures.inc();
    const since = new Date(now.getTime() - ALERT_WINDOW_MINUTES * 60_000);
    const counts = await sql<{ by_account: number; by_address: number }>`
      select
        (select count(*)::int from audit_log where action = 'auth.login_failed'
           and lower(actor_email) = ${email.toLowerCase()} and at > ${since}) as by_account,
        (select count(*)::int from audit_log where action = 'auth.login_failed'
           and ip = ${ip ?? ''} and at > ${since}) as by_address`.execute(this.db);
    const row = counts.rows[0];
    if (!row) return;
    // Exactly at the threshold, so one burst gives one alert rather than one per further guess.
    if (Number(row.by_account) === this.opts.alertThreshold) await this.alert('account', email.toLowerCase(), row);
    if (ip && Number(row.by_address) === this.opts.alertThreshold) await this.alert('address', ip, row);
  }

  private async alert(subject: 'account' | 'address', value: string, counts: object): Promise<void> {
    this.opts.metrics?.alerts.inc({ subject });
    await writeAudit(this.db, {
      action: 'auth.login_failure_burst',
      entityType: subject === 'account' ? 'user' : 'address',
      entityId: value,
      ip: subject === 'address' ? value : null,
      actorEmail: subject === 'account' ? value : null,
      meta: { ...counts, threshold: this.opts.alertThreshold, windowMinutes: ALERT_WINDOW_MINUTES },
    });
    this.opts.log.warn(
      { subject, value, threshold: this.opts.alertThreshold },
      `burst of failed sign-ins for one ${subject} in ${ALERT_WINDOW_MINUTES} minutes`,
    );
    const mailer = this.opts.mailer;
    if (!mailer) return;
    const admins = await this.db
      .selectFrom('users')
      .select('email')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute();
    const what = subject === 'account' ? `บัญชี / account ${value}` : `ที่อยู่ IP / address ${value}`;
    // Mail is sent in the background: a slow SMTP server must not slow the sign-in answer down.
    for (const a of admins) {
      mailer
        .send({
          to: a.email,
          subject: 'แจ้งเตือน: เข้าสู่ระบบไม่สำเร็จจำนวนมาก / Alert: burst of failed sign-ins',
          text:
            `มีการเข้าสู่ระบบไม่สำเร็จ ${this.opts.alertThreshold} ครั้งภายใน ${ALERT_WINDOW_MINUTES} นาที สำหรับ${what}\n` +
            `ดูรายละเอียดในบันทึกการตรวจสอบ (auth.login_failed)\n\n` +
            `${this.opts.alertThreshold} failed sign-ins within ${ALERT_WINDOW_MINUTES} minutes for ${what}.\n` +
            'See the audit log (auth.login_failed) for details.\n',
        })
        .catch((err: unknown) => this.opts.log.warn({ err }, 'sign-in alert mail could not be sent'));
    }
  }
}
