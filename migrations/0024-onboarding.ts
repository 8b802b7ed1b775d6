import { type Kysely, sql } from 'kysely';

/**
 * Bulk onboarding: an administrator uploads a list of agency contacts; each row becomes a contact
 * whose invitation a background job creates and mails. The invitation's token is made only when
 * its mail is sent, so no raw token is ever stored. Whether the link was opened is recorded on the
 * invitation; accepted is its existing `used_at`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('onboarding_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('job_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('onboarding_contacts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('onboarding_batches.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('respondent', 'viewer', 'cio')`))
    .addColumn('invitation_id', 'uuid', (c) => c.references('invitations.id').onDelete('set null'))
    .addColumn('mail_status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`mail_status in ('queued', 'sent', 'bounced', 'failed')`),
    )
    .addColumn('mail_error', 'text')
    .addColumn('mailed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('onboarding_contacts_batch')
    .on('onboarding_contacts')
    .columns(['batch_id', 'row_number'])
    .execute();

  await db.schema
    .alterTable('invitations')
    .addColumn('display_name', 'text')
    .addColumn('opened_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('opened_at').dropColumn('display_name').execute();
  await db.schema.dropTable('onboarding_contacts').execute();
  await db.schema.dropTable('onboarding_batches').execute();
}
