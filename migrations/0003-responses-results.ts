import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('responses')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('not_started')
        .check(sql`status in ('not_started', 'in_progress', 'submitted', 'returned', 'verified')`),
    )
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('started_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('last_activity_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('responses_cycle_agency', ['cycle_id', 'agency_id'])
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb')
    .addColumn('not_applicable', 'jsonb')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('verification', 'text', (c) =>
      c.notNull().defaultTo('self_reported').check(sql`verification in ('self_reported', 'verified', 'rejected')`),
    )
    .addColumn('verification_reason', 'text')
    .addColumn('verification_comment', 'text')
    .addColumn('verified_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('coded_category', 'text')
    .addPrimaryKeyConstraint('answers_pk', ['response_id', 'question_code'])
    .execute();

  // A retried save carries the same key; the stored outcome is replayed instead of applied twice.
  await db.schema
    .createTable('answer_saves')
    .addColumn('idempotency_key', 'uuid', (c) => c.primaryKey())
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('file', 'url')`))
    .addColumn('url', 'text')
    .addColumn('file_name', 'text')
    .addColumn('mime', 'text')
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('verification', 'text', (c) => c.notNull().defaultTo('self_reported'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('evidence_response').on('evidence').columns(['response_id', 'question_code']).execute();

  await db.schema
    .createTable('review_comments')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('question_code', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('result_snapshots')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('self_overall', 'integer')
    .addColumn('verified_overall', 'integer')
    .addColumn('self_result', 'jsonb', (c) => c.notNull())
    .addColumn('verified_result', 'jsonb', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('framework_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index result_snapshots_one_current on result_snapshots (response_id) where is_current`.execute(
    db,
  );
  await db.schema
    .createIndex('result_snapshots_cycle')
    .on('result_snapshots')
    .columns(['cycle_id', 'is_current'])
    .execute();

  // Pillar levels in columns so analytics aggregate with plain SQL instead of digging through JSON.
  await db.schema
    .createTable('snapshot_pillars')
    .addColumn('snapshot_id', 'bigint', (c) => c.notNull().references('result_snapshots.id').onDelete('cascade'))
    .addColumn('pillar_key', 'text', (c) => c.notNull())
    .addColumn('self_level', 'integer')
    .addColumn('verified_level', 'integer')
    .addColumn('self_score', 'double precision')
    .addColumn('verified_score', 'double precision')
    .addPrimaryKeyConstraint('snapshot_pillars_pk', ['snapshot_id', 'pillar_key'])
    .execute();

  await db.schema
    .createTable('reason_categories')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_th', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('reason_categories_unique', ['cycle_id', 'question_code', 'code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'reason_categories',
    'snapshot_pillars',
    'result_snapshots',
    'review_comments',
    'evidence',
    'answer_saves',
    'answers',
    'responses',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
