import type { Kysely } from 'kysely';

/**
 * An administrator withdraws an invitation that was sent to the wrong address or is no longer
 * wanted: the row stays (who was invited, by whom, when) and its link stops working.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('invitations')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('revoked_by').dropColumn('revoked_at').execute();
}
