import { type Kysely, sql } from 'kysely';

/**
 * Reminders scheduled for later: a sending remembers its job (so the board can show and cancel a
 * pending one as a whole), and a reminder cancelled before its time is kept as `cancelled`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table reminders drop constraint if exists reminders_status_check`.execute(db);
  await sql`alter table reminders add constraint reminders_status_check
    check (status in ('scheduled', 'sent', 'failed', 'no_recipient', 'cancelled'))`.execute(db);
  await db.schema.alterTable('reminders').addColumn('job_id', 'text').execute();
  await db.schema
    .alterTable('reminders')
    .addColumn('cancelled_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('reminders_job').on('reminders').column('job_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reminders_job').execute();
  await db.schema.alterTable('reminders').dropColumn('cancelled_by').execute();
  await db.schema.alterTable('reminders').dropColumn('job_id').execute();
  await sql`delete from reminders where status = 'cancelled'`.execute(db);
  await sql`alter table reminders drop constraint if exists reminders_status_check`.execute(db);
  await sql`alter table reminders add constraint reminders_status_check
    check (status in ('scheduled', 'sent', 'failed', 'no_recipient'))`.execute(db);
}
