import { type Kysely, sql } from 'kysely';

/**
 * Statistical disclosure control per cycle: national aggregates shown to agency users (and the
 * open-data package) withhold any segment of fewer than `min_segment_size` agencies. A cycle
 * without a row uses the default (5, DEFAULT_MIN_SEGMENT in shared/src/domain/disclosure.ts).
 * Below 3 the rule protects nobody (two agencies each know the other's figures), so it is refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cycle_disclosure_policies')
    .addColumn('cycle_id', 'integer', (c) => c.primaryKey().references('cycles.id').onDelete('cascade'))
    .addColumn('min_segment_size', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('cycle_disclosure_min_range', sql`min_segment_size between 3 and 100`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cycle_disclosure_policies').execute();
}
