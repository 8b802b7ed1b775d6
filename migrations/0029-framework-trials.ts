import { type Kysely, sql } from 'kysely';

/**
 * Trial runs of draft frameworks: DGA staff fill a draft as a test department and a test province
 * before the real cycle opens. Trials live in their own tables, never in cycles/responses/answers,
 * so no analytics, open data, report or monitoring query can count them; discarding a trial (or
 * opening a real cycle on its framework) deletes its answers with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('framework_trials')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('framework_id', 'integer', (c) => c.notNull().unique().references('frameworks.id').onDelete('cascade'))
    .addColumn('opened_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('framework_trial_answers')
    .addColumn('trial_id', 'integer', (c) => c.notNull().references('framework_trials.id').onDelete('cascade'))
    .addColumn('track', 'text', (c) => c.notNull().check(sql`track in ('department', 'province')`))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb')
    .addColumn('not_applicable', 'jsonb')
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('framework_trial_answers_pk', ['trial_id', 'track', 'question_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('framework_trial_answers').execute();
  await db.schema.dropTable('framework_trials').execute();
}
