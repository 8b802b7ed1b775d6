import { type Kysely, sql } from 'kysely';

/**
 * National targets per cycle: what a national plan says a figure should reach (e.g. the national
 * strategy's "share of department-level agencies at readiness level 4 or above, at least 20%"),
 * with the document that says so. `code` names the target across cycles, so the overview can draw
 * actual against target over the years. The indicator is data: a share of agencies at a level or
 * above (overall), or a derived indicator's headline share (`derived_code`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('national_targets')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_th', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('indicator_kind', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('derived_code', 'text')
    .addColumn('track', 'text')
    .addColumn('comparison', 'text', (c) => c.notNull())
    .addColumn('target_percent', sql`numeric(5,2)`, (c) => c.notNull())
    .addColumn('source_th', 'text', (c) => c.notNull())
    .addColumn('source_en', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('national_targets_pk', ['cycle_id', 'code'])
    .addCheckConstraint('national_targets_kind', sql`indicator_kind in ('level_at_least', 'derived')`)
    .addCheckConstraint(
      'national_targets_indicator',
      sql`(indicator_kind = 'level_at_least' and level between 1 and 5 and derived_code is null)
        or (indicator_kind = 'derived' and derived_code is not null and level is null)`,
    )
    .addCheckConstraint('national_targets_track', sql`track is null or track in ('department', 'province')`)
    .addCheckConstraint('national_targets_comparison', sql`comparison in ('gte', 'lte')`)
    .addCheckConstraint('national_targets_percent', sql`target_percent between 0 and 100`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('national_targets').execute();
}
