import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Who is editing which pillar now: a heartbeat row per user and response, stale after 60 s.
  await db.schema
    .createTable('presence')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('pillar_key', 'text')
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('presence_pk', ['response_id', 'user_id'])
    .execute();

  // "What changed since" polling reads answers of one response by update time.
  await db.schema
    .createIndex('answers_response_updated')
    .on('answers')
    .columns(['response_id', 'updated_at'])
    .execute();
  // Deleting evidence keeps the stored file while another row still points at the same content.
  await db.schema.createIndex('evidence_storage_key').on('evidence').column('storage_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('evidence_storage_key').execute();
  await db.schema.dropIndex('answers_response_updated').execute();
  await db.schema.dropTable('presence').execute();
}
