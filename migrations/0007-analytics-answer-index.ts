import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Item statistics read one question (and what its display condition reads) across a cycle: without
  // this, each request scans every answer of every cycle (2 million at national scale). Only
  // question_code and response_id are indexed, so saving a value stays a HOT update.
  await db.schema.createIndex('answers_question').on('answers').columns(['question_code', 'response_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('answers_question').execute();
}
