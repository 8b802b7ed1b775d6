import { type Kysely, sql } from 'kysely';

/**
 * Staff lists at national size (8,000 agencies): indexes behind the paged review queue and
 * registry, analysts' assignments (who reviews which agency) and reminders sent to agencies.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The queue pages one cycle's responses by status, ordered by submission (the default sort).
  await db.schema
    .createIndex('responses_cycle_status_submitted')
    .on('responses')
    .columns(['cycle_id', 'status', 'submitted_at', 'id'])
    .execute();
  await db.schema.createIndex('agencies_ministry').on('agencies').column('ministry_code').execute();
  await db.schema.createIndex('agencies_track_code').on('agencies').columns(['track', 'code']).execute();

  // One analyst per agency (across cycles: the agency keeps its analyst from year to year).
  await db.schema
    .createTable('analyst_assignments')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id').onDelete('cascade'))
    .addColumn('analyst_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('analyst_assignments_analyst').on('analyst_assignments').column('analyst_id').execute();

  // A reminder per agency and sending: scheduled, then sent (or failed) by the job queue.
  await db.schema
    .createTable('reminders')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('not_submitted', 'returned')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'sent', 'failed', 'no_recipient')`),
    )
    .addColumn('scheduled_for', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('reminders_cycle_agency').on('reminders').columns(['cycle_id', 'agency_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminders').execute();
  await db.schema.dropTable('analyst_assignments').execute();
  await db.schema.dropIndex('agencies_track_code').execute();
  await db.schema.dropIndex('agencies_ministry').execute();
  await db.schema.dropIndex('responses_cycle_status_submitted').execute();
}
