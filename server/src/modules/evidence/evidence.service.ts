import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type { Evidence } from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { loadResponseContext } from '../responses/responses.repository';
import {
  type Actor,
  assertCanRead,
  assertEditable,
  frameworkOf,
  loadEditable,
  toEvidence,
} from '../responses/responses.service';
import { decideUpload } from './sniff';

type Ctx = NonNullable<Awaited<ReturnType<typeof loadResponseContext>>>;

async function assertEvidenceQuestion(db: Db, ctx: Ctx, questionCode: string): Promise<void> {
  const fw = await frameworkOf(db, ctx);
  const entry = fw.questions.get(questionCode);
  if (!entry) throw new DomainError('NOT_FOUND', `Question ${questionCode} is not part of this questionnaire`);
  if (entry.question.evidence === 'none') {
    throw new DomainError('VALIDATION_FAILED', `Question ${questionCode} takes no evidence`, [
      { path: 'body.questionCode', message: 'This question takes no evidence' },
    ]);
  }
}

/** Checks done before the upload is read, so a refused upload costs nothing. */
export async function checkCanUpload(db: Db, principal: Principal, responseId: number): Promise<void> {
  await loadEditable(db, principal, responseId, false);
}

const isStorageKeyUsed = async (db: Db, key: string) =>
  (await db.selectFrom('evidence').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst()) !==
  undefined;

/**
 * Stores an uploaded file by its SHA-256 and records it. The type comes from the bytes (the name
 * given is kept, cleaned, as a label in the audit record); the
 * file is written (atomically) before the row, and removed again if the row cannot be written.
 */
export async function uploadEvidence(
  db: Db,
  storage: Storage,
  actor: Actor,
  responseId: number,
  input: { questionCode: string | undefined; fileName: string | undefined; mime?: string; content: Buffer },
): Promise<Evidence> {
  const { principal } = actor;
  const ctx = await loadEditable(db, principal, responseId, false);
  if (!input.questionCode) {
    throw new DomainError('VALIDATION_FAILED', 'questionCode is required', [
      { path: 'body.questionCode', message: 'Required' },
    ]);
  }
  const questionCode = input.questionCode;
  await assertEvidenceQuestion(db, ctx, questionCode);
  // The bytes decide the type; the name's extension and the part's Content-Type are claims (sniff.ts).
  const decided = await decideUpload(input.content, { fileName: input.fileName, mime: input.mime });
  const type = decided.kind;
  const fileName = decided.fileName;
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const key = sha256;
  const existed = await storage.exists(key).catch(() => false);
  try {
    // Rewriting identical content is harmless and heals a file lost from the disk.
    await storage.put(key, input.content);
  } catch (err) {
    throw new DomainError('STORAGE_FAILED', 'The file could not be stored. Please try again later.', {
      reason: (err as NodeJS.ErrnoException).code ?? 'unknown',
    });
  }
  try {
    const row = await db.transaction().execute(async (trx) => {
      const locked = await loadResponseContext(trx, responseId, true);
      if (!locked) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
      assertEditable(locked, principal);
      const inserted = await trx
        .insertInto('evidence')
        .values({
          id: randomUUID(),
          response_id: responseId,
          question_code: questionCode,
          kind: 'file',
          url: null,
          file_name: fileName,
          mime: type.mime,
          size: input.content.length,
          sha256,
          storage_key: key,
          created_by: principal.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('responses').set({ last_activity_at: new Date() }).where('id', '=', responseId).execute();
      await writeAudit(trx, {
        actorUserId: principal.userId,
        actorEmail: principal.email,
        ip: actor.ip,
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: inserted.id,
        agencyId: locked.agency_id,
        after: {
          responseId,
          questionCode,
          fileName,
          originalName: decided.originalName,
          mime: type.mime,
          size: input.content.length,
          sha256,
        },
      });
      return inserted;
    });
    return toEvidence(row);
  } catch (err) {
    if (!existed && !(await isStorageKeyUsed(db, key).catch(() => true))) await storage.delete(key).catch(() => {});
    throw err;
  }
}

export async function linkEvidence(
  db: Db,
  actor: Actor,
  responseId: number,
  input: { questionCode: string; url: string },
): Promise<Evidence> {
  const { principal } = actor;
  return db.transaction().execute(async (trx) => {
    const ctx = await loadEditable(trx, principal, responseId, true);
    await assertEvidenceQuestion(trx, ctx, input.questionCode);
    const row = await trx
      .insertInto('evidence')
      .values({
        id: randomUUID(),
        response_id: responseId,
        question_code: input.questionCode,
        kind: 'url',
        url: input.url,
        file_name: null,
        mime: null,
        size: null,
        sha256: null,
        storage_key: null,
        created_by: principal.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('responses').set({ last_activity_at: new Date() }).where('id', '=', responseId).execute();
    await writeAudit(trx, {
      actorUserId: principal.userId,
      actorEmail: principal.email,
      ip: actor.ip,
      action: 'evidence.link',
      entityType: 'evidence',
      entityId: row.id,
      agencyId: ctx.agency_id,
      after: { responseId, questionCode: input.questionCode, url: input.url },
    });
    return toEvidence(row);
  });
}

async function findEvidence(db: Db, id: string) {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The evidence row for a download, checked against the caller's agency. */
export async function evidenceForDownload(db: Db, principal: Principal, id: string) {
  const row = await findEvidence(db, id);
  if (!row) throw new DomainError('NOT_FOUND', 'Evidence not found');
  const response = await db
    .selectFrom('responses')
    .select('agency_id')
    .where('id', '=', row.response_id)
    .executeTakeFirst();
  if (!response) throw new DomainError('NOT_FOUND', 'Evidence not found');
  assertCanRead(principal, response);
  if (row.kind !== 'file' || !row.storage_key) {
    throw new DomainError('NOT_FOUND', 'This evidence is a link, not a file', { url: row.url });
  }
  return row;
}

export async function deleteEvidence(db: Db, storage: Storage, actor: Actor, id: string): Promise<void> {
  const { principal } = actor;
  const existing = await findEvidence(db, id);
  if (!existing) throw new DomainError('NOT_FOUND', 'Evidence not found');
  const removed = await db.transaction().execute(async (trx) => {
    const ctx = await loadEditable(trx, principal, existing.response_id, true);
    const row = await trx.deleteFrom('evidence').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'Evidence not found');
    await writeAudit(trx, {
      actorUserId: principal.userId,
      actorEmail: principal.email,
      ip: actor.ip,
      action: 'evidence.delete',
      entityType: 'evidence',
      entityId: id,
      agencyId: ctx.agency_id,
      before: {
        responseId: row.response_id,
        questionCode: row.question_code,
        kind: row.kind,
        url: row.url,
        fileName: row.file_name,
        sha256: row.sha256,
      },
    });
    return row;
  });
  // Content is shared by hash: keep the file while another row still points at it.
  if (removed.storage_key && !(await isStorageKeyUsed(db, removed.storage_key))) {
    await storage.delete(removed.storage_key).catch(() => {});
  }
}
