import { type Kysely, sql } from 'kysely';

/**
 * Shared rate-limit counters, per-(account, address) sign-in slow-down, the privacy notice
 * acknowledgement, and retention.
 *
 * rate_limit_hits is UNLOGGED: counters are worth nothing after a crash (a lost minute of counts
 * is harmless) and skipping the WAL keeps the once-a-second flush from every app server cheap.
 *
 * The audit log stays append-only, except that the retention job (and only it, inside a
 * transaction that sets dg.retention) may blank the personal columns of an entry: the who-did-
 * what-when of every entry survives, the address and e-mail of a person do not outlive their
 * retention period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limit_hits (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )`.execute(db);

  await db.schema
    .createTable('login_throttle')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('blocked_until', 'timestamptz')
    .addPrimaryKeyConstraint('login_throttle_pk', ['email', 'ip'])
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('privacy_ack_version', 'text')
    .addColumn('privacy_ack_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .execute();

  // Failed sign-ins per account and per address in the last minutes, for the burst alert.
  await sql`create index audit_log_login_failed_email on audit_log (lower(actor_email), at) where action = 'auth.login_failed'`.execute(
    db,
  );
  await sql`create index audit_log_login_failed_ip on audit_log (ip, at) where action = 'auth.login_failed'`.execute(
    db,
  );
  // Retention finds entries still carrying an address in at order.
  await sql`create index audit_log_with_ip on audit_log (at) where ip is not null`.execute(db);

  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('dg.retention', true), '') = 'on'
         and new.id = old.id and new.at = old.at and new.action = old.action
         and new.entity_type = old.entity_type
         and new.entity_id is not distinct from old.entity_id
         and new.actor_user_id is not distinct from old.actor_user_id
         and new.agency_id is not distinct from old.agency_id then
        return new;
      end if;
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`drop index if exists audit_log_with_ip`.execute(db);
  await sql`drop index if exists audit_log_login_failed_ip`.execute(db);
  await sql`drop index if exists audit_log_login_failed_email`.execute(db);
  await db.schema
    .alterTable('users')
    .dropColumn('privacy_ack_version')
    .dropColumn('privacy_ack_at')
    .dropColumn('anonymised_at')
    .execute();
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('rate_limit_hits').execute();
}
