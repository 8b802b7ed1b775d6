import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A correction of a frozen framework replaces its document in place (cycles keep pointing at the
  // same framework) and bumps the revision; the superseded document is kept here so results stored
  // against its hash stay explainable.
  await db.schema
    .alterTable('frameworks')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('framework_revisions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('frameworks.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('superseded_by_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('superseded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('framework_revisions_unique', ['framework_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('framework_revisions').execute();
  await db.schema.alterTable('frameworks').dropColumn('revision').execute();
}
