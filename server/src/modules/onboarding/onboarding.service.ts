import { randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type {
  OnboardingAccepted,
  OnboardingBatch,
  OnboardingBatchSummary,
  OnboardingContact,
  OnboardingStatus,
} from '@dg/shared/schemas/onboarding';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { readTable } from '../imports/imports.parse';
import type { JobRuntime } from '../jobs/runtime';
import * as repo from './onboarding.repository';
import { validateContacts } from './onboarding.validate';

const MAX_INLINE_ERRORS = 200;

/** A contact's standing: the mail server's answer until the person acts on the link. */
export function contactStatus(c: repo.ContactRow, now = new Date()): OnboardingStatus {
  if (c.mail_status !== 'sent') return c.mail_status;
  if (c.used_at) return 'accepted';
  if (c.expires_at && c.expires_at <= now) return 'expired';
  if (c.opened_at) return 'opened';
  return 'sent';
}

function contactView(c: repo.ContactRow): OnboardingContact {
  return {
    row: c.row_number,
    agencyCode: c.agency_code,
    agencyName: { th: c.name_th, en: c.name_en },
    displayName: c.display_name,
    email: c.email,
    role: c.role,
    status: contactStatus(c),
    error: c.mail_error,
    mailedAt: c.mailed_at?.toISOString() ?? null,
  };
}

type BatchRow = NonNullable<Awaited<ReturnType<typeof repo.findBatch>>>;
function summary(b: BatchRow, contacts: repo.ContactRow[]): OnboardingBatchSummary {
  const counts: Record<string, number> = {};
  for (const c of contacts) {
    const s = contactStatus(c);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return {
    id: b.id,
    fileName: b.file_name,
    createdAt: b.created_at.toISOString(),
    createdBy: b.creator ?? null,
    total: b.total,
    jobId: b.job_id,
    counts,
  };
}

/**
 * Reads and checks the whole list (every problem by row and column); only a list without problems
 * is stored, and a background job mails the invitations (one per person, status per person).
 */
export async function uploadContacts(
  db: Db,
  jobs: JobRuntime,
  actor: { principal: Principal; ip: string | null },
  file: { name: string; content: Buffer },
  mailConfigured: boolean,
): Promise<OnboardingAccepted> {
  if (!mailConfigured) {
    throw new DomainError(
      'INVALID_STATE',
      'ยังไม่ได้ตั้งค่าการส่งอีเมล (SMTP_URL) จึงเชิญแบบกลุ่มไม่ได้ · Bulk invitations need outgoing mail (SMTP_URL) to be configured',
      { reason: 'mail-not-configured' },
    );
  }
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.content, file.name);
  } catch (e) {
    throw new DomainError('IMPORT_INVALID', 'อ่านไฟล์ไม่ได้ · The file could not be read', {
      errors: [{ row: 1, column: '', message: `ไฟล์ต้องเป็น CSV (UTF-8) หรือ XLSX · ${(e as Error).message}` }],
      total: 1,
    });
  }
  const emailCol = table.header.findIndex((h) => ['email', 'อีเมล'].includes(h.trim().toLowerCase()));
  const emails =
    emailCol < 0 ? [] : table.rows.map((r) => (r.cells[emailCol] ?? '').trim().toLowerCase()).filter(Boolean);
  const { contacts, errors } = validateContacts(table, {
    agencies: await repo.agenciesByCode(db),
    taken: await repo.takenEmails(db, [...new Set(emails)]),
  });
  if (errors.length) {
    throw new DomainError(
      'IMPORT_INVALID',
      `ไฟล์มีข้อผิดพลาด ${errors.length} รายการ ยังไม่ได้เชิญผู้ใด · The file has ${errors.length} error(s); nobody was invited`,
      { errors: errors.slice(0, MAX_INLINE_ERRORS), total: errors.length },
    );
  }
  const batchId = randomUUID();
  // The mail job is recorded with the batch: when the user's job limit refuses it (429), the batch
  // and its audit entry roll back too, so no invitation waits 'queued' for a job that never runs.
  const job = await db.transaction().execute(async (trx) => {
    await repo.insertBatch(trx, { id: batchId, createdBy: actor.principal.userId, fileName: file.name, contacts });
    await writeAudit(trx, {
      actorUserId: actor.principal.userId,
      ip: actor.ip,
      action: 'onboarding.upload',
      entityType: 'onboarding_batch',
      entityId: batchId,
      meta: { fileName: file.name, people: contacts.length },
    });
    const recorded = await jobs.record(
      trx,
      actor.principal,
      'onboarding-invite',
      { batchId },
      { total: contacts.length },
    );
    await repo.setBatchJob(trx, batchId, recorded.id);
    return recorded;
  });
  await jobs.dispatch(job);
  return { batchId, jobId: job.id, total: contacts.length };
}

export async function listBatches(db: Db): Promise<OnboardingBatchSummary[]> {
  const batches = await repo.listBatches(db);
  if (batches.length === 0) return [];
  const contacts = await repo.contactsOf(
    db,
    batches.map((b) => b.id),
  );
  return batches.map((b) =>
    summary(
      b,
      contacts.filter((c) => c.batch_id === b.id),
    ),
  );
}

export async function getBatch(db: Db, id: string): Promise<OnboardingBatch> {
  const b = await repo.findBatch(db, id);
  if (!b) throw new DomainError('NOT_FOUND', `Onboarding batch ${id} not found`);
  const contacts = await repo.contactsOf(db, [id]);
  return { ...summary(b, contacts), contacts: contacts.map(contactView) };
}

/** Mails again those whose invitation bounced, failed or expired unaccepted: a new link each. */
export async function resend(
  db: Db,
  jobs: JobRuntime,
  actor: { principal: Principal; ip: string | null },
  id: string,
): Promise<OnboardingAccepted> {
  const b = await repo.findBatch(db, id);
  if (!b) throw new DomainError('NOT_FOUND', `Onboarding batch ${id} not found`);
  // As at upload: the requeued invitations and their job commit or roll back together.
  const { n, job } = await db.transaction().execute(async (trx) => {
    const count = await repo.requeue(trx, id);
    if (count === 0) {
      throw new DomainError('INVALID_STATE', 'ไม่มีคำเชิญที่ต้องส่งใหม่ · No invitation needs sending again', {
        reason: 'nothing-to-resend',
      });
    }
    await writeAudit(trx, {
      actorUserId: actor.principal.userId,
      ip: actor.ip,
      action: 'onboarding.resend',
      entityType: 'onboarding_batch',
      entityId: id,
      meta: { people: count },
    });
    const recorded = await jobs.record(trx, actor.principal, 'onboarding-invite', { batchId: id }, { total: count });
    await repo.setBatchJob(trx, id, recorded.id);
    return { n: count, job: recorded };
  });
  await jobs.dispatch(job);
  return { batchId: id, jobId: job.id, total: n };
}
