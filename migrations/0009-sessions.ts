import { type Kysely, sql } from 'kysely';

/**
 * Sessions that access tokens name (claim `sid`), and a per-user version (claim `ver`) that every
 * change to what a user may do bumps: together they let each request see a revocation at once
 * instead of when the access token expires. A session is one sign-in: its refresh-token family.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  // Sign-ins made before this migration become sessions, revoked if their family was.
  await sql`
    insert into sessions (id, user_id, created_at, revoked_at)
    select family_id, min(user_id), min(created_at),
           case when bool_and(revoked_at is not null) then max(revoked_at) end
    from refresh_tokens group by family_id`.execute(db);
  await db.schema
    .alterTable('refresh_tokens')
    .addForeignKeyConstraint('refresh_tokens_session', ['family_id'], 'sessions', ['id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refresh_tokens').dropConstraint('refresh_tokens_session').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.alterTable('users').dropColumn('token_version').execute();
}
