import { type Kysely, sql } from 'kysely';

/**
 * Background jobs (report ZIPs, report pre-rendering, the open-data package) run from a pg-boss
 * queue; this table is what every app server reads to report a job's progress, result and error,
 * whichever server or worker process runs it. Items record each finished piece (one agency's PDF),
 * so a retried job skips them and every report is rendered once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('background_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    // Where the finished file is in storage, and the name it downloads under.
    .addColumn('result_key', 'text')
    .addColumn('file_name', 'text')
    // A cached build's identity (e.g. open data of one cycle at one data version): built once.
    .addColumn('cache_key', 'text')
    // Held by the runner while it works, so a duplicate delivery of the job never runs it twice at once.
    .addColumn('lease_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('background_jobs_user_recent')
    .on('background_jobs')
    .columns(['created_by', 'created_at'])
    .execute();
  await db.schema.createIndex('background_jobs_cache').on('background_jobs').column('cache_key').execute();
  await db.schema
    .createTable('background_job_items')
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('background_jobs.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Times this item was rendered and stored: 1 unless a retry redid finished work.
    .addColumn('renders', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('background_job_items_pk', ['job_id', 'item_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('background_job_items').execute();
  await db.schema.dropTable('background_jobs').execute();
}
