import { DomainError } from '@dg/shared/domain/errors';
import { frameworkChanges, nextYearDraft } from '@dg/shared/domain/framework-next-year';
import { validateFramework } from '@dg/shared/domain/framework-validate';
import { workbookToFramework } from '@dg/shared/domain/framework-workbook-import';
import type { Framework } from '@dg/shared/schemas/framework';
import type { CopyFrameworkBody, FrameworkChanges, FrameworkDraft } from '@dg/shared/schemas/framework-authoring';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import { readFrameworkWorkbook } from './framework-workbook';
import * as repo from './frameworks.repository';
import { type FrameworkActor, importFramework, loadFramework, parseStoredFramework } from './frameworks.service';
import { checkWorkbookUnpackedSize } from './workbook-size-guard';

async function previousOf(db: Db, code: unknown): Promise<Framework | undefined> {
  if (typeof code !== 'string' || code === '') return undefined;
  const row = await repo.findFrameworkByCode(db, code);
  return row ? parseStoredFramework(row) : undefined;
}

async function loadDraftRow(db: Db, id: number) {
  const row = await repo.findFrameworkById(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `Framework ${id} not found`);
  if (await repo.isFrameworkFrozen(db, id)) {
    throw new DomainError('INVALID_STATE', `Framework ${row.code} is used by an opened cycle and is frozen`);
  }
  return row;
}

/**
 * An uploaded workbook as a framework: a new draft, or (replaceId) the document of an existing
 * draft with the same code. Every problem is refused at once, by sheet, row and column.
 */
export async function importFrameworkWorkbook(db: Db, buffer: Buffer, actor: FrameworkActor, replaceId?: number) {
  let data: Awaited<ReturnType<typeof readFrameworkWorkbook>>;
  await checkWorkbookUnpackedSize(buffer);
  try {
    data = await readFrameworkWorkbook(buffer);
  } catch (err) {
    throw new DomainError('FRAMEWORK_INVALID', 'The file is not an XLSX workbook', [
      {
        sheet: '',
        row: null,
        column: null,
        columnKey: null,
        code: 'xlsx',
        pathText: '(root)',
        message: `The file could not be read as an XLSX workbook: ${(err as Error).message}`,
        messageTh: 'อ่านไฟล์ไม่ได้: ไฟล์ต้องเป็นสมุดงาน Excel (.xlsx) ที่ส่งออกจากระบบ',
      },
    ]);
  }
  const fields = data.framework?.rows ?? [];
  const previousCode = fields.find((r) => r.cells.field === 'previous_code')?.cells.value;
  const result = workbookToFramework(data, { previous: await previousOf(db, previousCode) });
  if (!result.ok) {
    throw new DomainError('FRAMEWORK_INVALID', `The workbook has ${result.issues.length} problem(s)`, result.issues);
  }
  if (replaceId !== undefined) {
    const row = await loadDraftRow(db, replaceId);
    if (row.code !== result.framework.code) {
      const codeRow = fields.find((r) => r.cells.field === 'code')?.row ?? null;
      throw new DomainError('FRAMEWORK_INVALID', 'The workbook is for another framework', [
        {
          sheet: 'framework',
          row: codeRow,
          column: 'B',
          columnKey: 'value',
          code: 'code_mismatch',
          pathText: 'code',
          message: `sheet "framework" row ${codeRow} column B (value): the code ${result.framework.code} is not the draft's code ${row.code}`,
          messageTh: `ชีต "framework" แถว ${codeRow} คอลัมน์ B (value): รหัส ${result.framework.code} ไม่ตรงกับรหัสของร่าง ${row.code}`,
        },
      ]);
    }
  }
  return importFramework(db, result.framework, actor);
}

/** Next year's draft from a framework: same codes, pillars mapped to themselves, previousCode set. */
export async function copyFramework(db: Db, sourceId: number, body: CopyFrameworkBody, actor: FrameworkActor) {
  const { framework: source } = await loadFramework(db, sourceId);
  if (await repo.findFrameworkByCode(db, body.code)) {
    throw new DomainError('CONFLICT', `A framework with code ${body.code} already exists`);
  }
  const draft = nextYearDraft(source, body);
  const result = validateFramework(draft, { previous: source });
  if (!result.ok) throw new DomainError('FRAMEWORK_INVALID', 'The copy does not validate', result.issues);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertFramework(trx, result.framework, actor.userId);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: 'framework.copy',
      entityType: 'framework',
      entityId: row.id,
      before: { code: source.code },
      after: { code: row.code, hash: row.hash },
    });
    return row;
  });
}

export async function changesFromPrevious(db: Db, id: number): Promise<FrameworkChanges> {
  const { framework } = await loadFramework(db, id);
  const previous = await previousOf(db, framework.previousCode);
  if (!previous) {
    throw new DomainError('NOT_FOUND', `Framework ${framework.code} has no stored previous framework to compare with`);
  }
  return frameworkChanges(previous, framework);
}

export async function loadDraft(db: Db, id: number): Promise<FrameworkDraft> {
  const { framework, hash } = await loadFramework(db, id);
  const previous = (await previousOf(db, framework.previousCode)) ?? null;
  return { id, hash, frozen: await repo.isFrameworkFrozen(db, id), framework, previous };
}

/**
 * The editor's save. Optimistic concurrency: the caller sends the hash it loaded (If-Match); when
 * another administrator saved in between, the hash differs and the save is refused, never merged.
 */
export async function saveDraft(db: Db, id: number, input: unknown, ifMatch: string, actor: FrameworkActor) {
  const current = await repo.findFrameworkById(db, id);
  if (!current) throw new DomainError('NOT_FOUND', `Framework ${id} not found`);
  const code = (input as { code?: unknown } | null)?.code;
  if (code !== current.code) {
    throw new DomainError('VALIDATION_FAILED', 'The framework code cannot change in the editor', [
      { path: 'framework.code', message: `must stay ${current.code}` },
    ]);
  }
  const result = validateFramework(input, {
    previous: await previousOf(db, (input as { previousCode?: unknown }).previousCode),
  });
  if (!result.ok) {
    throw new DomainError('FRAMEWORK_INVALID', `The framework has ${result.issues.length} problem(s)`, result.issues);
  }
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('frameworks')
      .select(['id', 'hash'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.hash !== ifMatch) {
      throw new DomainError(
        'STALE_REVISION',
        'Someone else saved this draft since you opened it: reload to see their changes',
        {
          currentHash: locked.hash,
        },
      );
    }
    await loadDraftRow(trx, id);
    const hash = repo.frameworkHash(result.framework);
    if (hash === locked.hash) return { id, hash, changed: false };
    const row = await repo.replaceFrameworkDocument(trx, id, result.framework);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: 'framework.edit',
      entityType: 'framework',
      entityId: id,
      before: { hash: locked.hash },
      after: { hash: row.hash },
    });
    return { id, hash: row.hash, changed: true };
  });
}
