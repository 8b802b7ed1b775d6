import { type Kysely, sql } from 'kysely';

/**
 * Autosave rewrites one answer row per keystroke pause; on deadline day that is the hottest write
 * in the system. An index on updated_at made every such update a non-HOT one (a new entry in every
 * index of the table). "Changes since" polling reads one response's answers, at most a few hundred
 * rows found through the primary key, so it does not need that index. With it gone and free space
 * left on each page, a save that changes no indexed column is a heap-only (HOT) update.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('answers_response_updated').execute();
  await sql`alter table answers set (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table answers reset (fillfactor)`.execute(db);
  await db.schema
    .createIndex('answers_response_updated')
    .on('answers')
    .columns(['response_id', 'updated_at'])
    .execute();
}
