import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Analysts decide on each piece of evidence: the answer's own verification is derived from these.
  await db.schema
    .alterTable('evidence')
    .addColumn('verification_reason', 'text')
    .addColumn('verification_comment', 'text')
    .addColumn('verified_by', 'integer', (c) => c.references('users.id'))
    .addColumn('verified_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('evidence')
    .dropColumn('verified_at')
    .dropColumn('verified_by')
    .dropColumn('verification_comment')
    .dropColumn('verification_reason')
    .execute();
}
