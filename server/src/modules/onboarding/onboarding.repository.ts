import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { ValidContact } from './onboarding.validate';

export async function agenciesByCode(db: Db): Promise<Map<string, { id: number; active: boolean }>> {
  const rows = await db.selectFrom('agencies').select(['id', 'code', 'active']).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, active: r.active }]));
}

/** Emails that already have an account or an invitation still open, lower-cased. */
export async function takenEmails(db: Db, emails: string[]): Promise<Map<string, 'account' | 'invitation'>> {
  const out = new Map<string, 'account' | 'invitation'>();
  if (emails.length === 0) return out;
  const invited = await db
    .selectFrom('invitations')
    .select('email')
    .where('kind', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
  for (const r of invited) out.set(r.email.toLowerCase(), 'invitation');
  const users = await db.selectFrom('users').select('email').where(sql<string>`lower(email)`, 'in', emails).execute();
  for (const r of users) out.set(r.email.toLowerCase(), 'account');
  return out;
}

export async function insertBatch(
  db: Db,
  b: { id: string; createdBy: number; fileName: string; contacts: ValidContact[] },
): Promise<void> {
  await db
    .insertInto('onboarding_batches')
    .values({ id: b.id, created_by: b.createdBy, file_name: b.fileName, total: b.contacts.length })
    .execute();
  for (let i = 0; i < b.contacts.length; i += 500) {
    await db
      .insertInto('onboarding_contacts')
      .values(
        b.contacts.slice(i, i + 500).map((c) => ({
          batch_id: b.id,
          row_number: c.row,
          agency_id: c.agencyId,
          display_name: c.displayName,
          email: c.email,
          role: c.role,
        })),
      )
      .execute();
  }
}

export const setBatchJob = (db: Db, batchId: string, jobId: string) =>
  db.updateTable('onboarding_batches').set({ job_id: jobId }).where('id', '=', batchId).execute();

export const findBatch = (db: Db, id: string) =>
  db
    .selectFrom('onboarding_batches as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.file_name', 'b.total', 'b.job_id', 'b.created_at', 'b.created_by', 'u.display_name as creator'])
    .where('b.id', '=', id)
    .executeTakeFirst();

export const listBatches = (db: Db) =>
  db
    .selectFrom('onboarding_batches as b')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.file_name', 'b.total', 'b.job_id', 'b.created_at', 'b.created_by', 'u.display_name as creator'])
    .orderBy('b.created_at', 'desc')
    .limit(50)
    .execute();

/** Contacts with their invitation's progress, in the file's order. */
export const contactsOf = (db: Db, batchIds: string[]) =>
  db
    .selectFrom('onboarding_contacts as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('invitations as i', 'i.id', 'c.invitation_id')
    .select([
      'c.id',
      'c.batch_id',
      'c.row_number',
      'c.display_name',
      'c.email',
      'c.role',
      'c.mail_status',
      'c.mail_error',
      'c.mailed_at',
      'a.code as agency_code',
      'a.name_th',
      'a.name_en',
      'i.opened_at',
      'i.used_at',
      'i.expires_at',
    ])
    .where('c.batch_id', 'in', batchIds)
    .orderBy('c.batch_id')
    .orderBy('c.row_number')
    .execute();
export type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number];

export const queuedContacts = (db: Db, batchId: string, limit: number) =>
  db
    .selectFrom('onboarding_contacts')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('mail_status', '=', 'queued')
    .orderBy('row_number')
    .limit(limit)
    .execute();

export const markContact = (
  db: Db,
  id: number,
  set: { mail_status: 'sent' | 'bounced' | 'failed'; mail_error?: string | null; invitation_id?: string | null },
) =>
  db
    .updateTable('onboarding_contacts')
    .set({ ...set, mailed_at: new Date() })
    .where('id', '=', id)
    .execute();

/** Puts undelivered or expired, unaccepted invitations of a batch back in the queue; returns how many. */
export async function requeue(db: Db, batchId: string): Promise<number> {
  const rows = await db
    .updateTable('onboarding_contacts as c')
    .set({ mail_status: 'queued', mail_error: null })
    .where('c.batch_id', '=', batchId)
    .where((eb) =>
      eb.or([
        eb('c.mail_status', 'in', ['bounced', 'failed']),
        eb.and([
          eb('c.mail_status', '=', 'sent'),
          eb.exists(
            eb
              .selectFrom('invitations as i')
              .select('i.id')
              .whereRef('i.id', '=', 'c.invitation_id')
              .where('i.used_at', 'is', null)
              .where('i.expires_at', '<=', new Date()),
          ),
        ]),
      ]),
    )
    .returning('c.id')
    .execute();
  return rows.length;
}
