import { type Kysely, sql } from 'kysely';

/**
 * The year a national target is set for (e.g. the national strategy's level-4 share "by 2570"):
 * a fiscal year stored as the Gregorian year, like cycles.fiscal_year, shown in B.E. in Thai.
 * Optional: a plan may state a standing target with no year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('national_targets').addColumn('target_year', 'integer').execute();
  await db.schema
    .alterTable('national_targets')
    .addCheckConstraint('national_targets_year', sql`target_year is null or target_year between 2017 and 2100`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('national_targets').dropConstraint('national_targets_year').execute();
  await db.schema.alterTable('national_targets').dropColumn('target_year').execute();
}
