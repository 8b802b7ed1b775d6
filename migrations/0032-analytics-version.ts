import { type Kysely, sql } from 'kysely';

/**
 * One counter that every change to what the dashboards count moves (response status and start,
 * result snapshots, agencies, invitations, cycles, ministries, disclosure policies): the app
 * servers cache response rates, levels and year over year under it, so a dashboard read costs one
 * primary-key lookup until something changes, and every server sees the change at its next read.
 * Triggers rather than calls in the app, so imports, corrections and scripts move it too. An
 * autosave moves it only when it starts a response (status or started_at), never otherwise.
 */
const COUNTED_TABLES = [
  'result_snapshots',
  'snapshot_pillars',
  'agencies',
  'cycle_agencies',
  'cycles',
  'ministries',
  'cycle_disclosure_policies',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table analytics_version (
    id int primary key check (id = 1),
    version bigint not null
  )`.execute(db);
  await sql`insert into analytics_version (id, version) values (1, 0)`.execute(db);
  // Once per transaction (a transaction-local flag), and only at commit: the triggers are deferred,
  // so the counter's row is locked last, just before commit, and never while the transaction still
  // takes other row locks (an immediate bump could deadlock with an autosave batch locking
  // responses in id order). A reader that sees the new version also sees the committed data.
  await sql`create function dg_bump_analytics_version() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('dg.analytics_bumped', true), '') <> '1' then
        update analytics_version set version = version + 1 where id = 1;
        perform set_config('dg.analytics_bumped', '1', true);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of COUNTED_TABLES) {
    await sql`create constraint trigger ${sql.raw(`${table}_analytics_version`)}
      after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred
      for each row execute function dg_bump_analytics_version()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_analytics_version_truncate`)}
      after truncate on ${sql.table(table)}
      for each statement execute function dg_bump_analytics_version()`.execute(db);
  }
  await sql`create constraint trigger responses_analytics_version_ins_del
    after insert or delete on responses
    deferrable initially deferred
    for each row execute function dg_bump_analytics_version()`.execute(db);
  // With a condition: the autosave statement touches responses (its activity stamp) often.
  await sql`create constraint trigger responses_analytics_version_upd
    after update on responses
    deferrable initially deferred
    for each row
    when (old.status is distinct from new.status or old.started_at is distinct from new.started_at
      or old.agency_id is distinct from new.agency_id or old.cycle_id is distinct from new.cycle_id)
    execute function dg_bump_analytics_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists responses_analytics_version_upd on responses`.execute(db);
  await sql`drop trigger if exists responses_analytics_version_ins_del on responses`.execute(db);
  for (const table of COUNTED_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_analytics_version_truncate`)} on ${sql.table(table)}`.execute(
      db,
    );
    await sql`drop trigger if exists ${sql.raw(`${table}_analytics_version`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists dg_bump_analytics_version()`.execute(db);
  await sql`drop table if exists analytics_version`.execute(db);
}
