import { type Kysely, sql } from 'kysely';

/**
 * The agency CIO (`cio`): an agency role above the respondent that manages its agency's people and
 * signs the questionnaire off to DGA. Per cycle DGA decides whether sign-off is required; cycles
 * that exist when this runs keep their old behaviour (a respondent submits), so the column
 * defaults to false and new cycles created through the API ask for sign-off explicitly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`alter table users drop constraint if exists users_agency_by_role`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('respondent', 'viewer', 'cio', 'analyst', 'admin'))`.execute(
    db,
  );
  await sql`alter table users add constraint users_agency_by_role check ((role in ('respondent', 'viewer', 'cio')) = (agency_id is not null))`.execute(
    db,
  );

  await db.schema
    .alterTable('cycles')
    .addColumn('signoff_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .alterTable('responses')
    .addColumn('ready_for_signoff_at', 'timestamptz')
    .addColumn('ready_for_signoff_by', 'integer', (c) => c.references('users.id'))
    // The CIO's declaration of accuracy, kept as it was shown and accepted.
    .addColumn('declaration_text', 'text')
    .addColumn('declared_by', 'integer', (c) => c.references('users.id'))
    .addColumn('declared_by_name', 'text')
    .addColumn('declared_at', 'timestamptz')
    .execute();

  // Self-service reset requests: looked up by user to retire a user's older unused links.
  await db.schema.createIndex('invitations_user').on('invitations').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invitations_user').execute();
  await db.schema
    .alterTable('responses')
    .dropColumn('ready_for_signoff_at')
    .dropColumn('ready_for_signoff_by')
    .dropColumn('declaration_text')
    .dropColumn('declared_by')
    .dropColumn('declared_by_name')
    .dropColumn('declared_at')
    .execute();
  await db.schema.alterTable('cycles').dropColumn('signoff_required').execute();
  await sql`alter table users drop constraint users_agency_by_role`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('respondent', 'viewer', 'analyst', 'admin'))`.execute(
    db,
  );
  await sql`alter table users add constraint users_agency_by_role check ((role in ('respondent', 'viewer')) = (agency_id is not null))`.execute(
    db,
  );
}
