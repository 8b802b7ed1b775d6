import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DomainError } from '@dg/shared/domain/errors';
import type { Track } from '@dg/shared/schemas/framework';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/database';
import { csvCast } from '../../lib/spreadsheet';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { loadFramework } from '../frameworks/frameworks.service';
import { storeSnapshot } from '../responses/snapshots';
import { CsvError, readTable } from './imports.parse';
import { type AgencyRef, type ImportedAnswer, type ImportIssue, parseImport } from './imports.validate';

/**
 * Historical import: a cycle's answers from a raw long/wide file (CSV or XLSX), as submitted
 * responses with result snapshots, into a draft or closed cycle only. All or nothing: every row is checked first; any error writes
 * nothing and leaves a downloadable error report. Re-importing the same file changes nothing.
 * An agency in the file gets exactly the file's answers (answers it had that the file lacks are removed).
 */

export interface ImportActor {
  principal: Principal;
  ip: string | null;
}

export interface ImportSummary {
  format: 'long' | 'wide';
  agencies: number;
  answers: number;
  created: number;
  replaced: number;
  unchanged: number;
}

/** Errors returned inline; the full list is in the report. */
export const MAX_INLINE_ERRORS = 1000;
const MAX_ERRORS = 100_000;
const ROWS_PER_INSERT = 2000;
const REPORT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const reportDir = (dataDir: string) => path.join(dataDir, 'imports');

/** Stable JSON (sorted keys): jsonb reorders object keys, so compare values in one canonical form. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const ERROR_REPORT_COLUMNS = [
  'row',
  'column',
  'agency_code',
  'question_code',
  'reason',
  'message_th',
  'message_en',
];

export async function writeReport(dataDir: string, cycleId: number, fileName: string, errors: ImportIssue[]) {
  const id = randomUUID();
  const rows = errors.map((e) => [
    e.row,
    e.column,
    e.agencyCode ?? '',
    e.questionCode ?? '',
    e.reason,
    e.messages.th,
    e.messages.en,
  ]);
  const csv = stringify(rows, { bom: true, header: true, columns: ERROR_REPORT_COLUMNS, cast: csvCast });
  await fs.mkdir(reportDir(dataDir), { recursive: true });
  await fs.writeFile(path.join(reportDir(dataDir), `${id}.csv`), csv);
  await fs.writeFile(
    path.join(reportDir(dataDir), `${id}.json`),
    JSON.stringify({ cycleId, fileName, total: errors.length, createdAt: new Date().toISOString() }),
  );
  return id;
}

/** The stored error report (UTF-8 with BOM), or NOT_FOUND. */
export async function readErrorReport(dataDir: string, reportId: string): Promise<Buffer> {
  if (!REPORT_ID_RE.test(reportId)) throw new DomainError('NOT_FOUND', 'Import report not found');
  try {
    return await fs.readFile(path.join(reportDir(dataDir), `${reportId}.csv`));
  } catch {
    throw new DomainError('NOT_FOUND', 'Import report not found');
  }
}

async function agenciesByCode(db: Db, codes: string[]): Promise<Map<string, AgencyRef>> {
  const out = new Map<string, AgencyRef>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await db
      .selectFrom('agencies')
      .select(['id', 'code', 'track'])
      .where('code', 'in', codes.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.code, { id: r.id, code: r.code, track: r.track as Track });
  }
  return out;
}

/** Agency codes the table mentions (both formats keep them in an agency_code column). */
function codesIn(header: string[], rows: { cells: string[] }[]): string[] {
  const i = header.indexOf('agency_code');
  if (i < 0) return [];
  return [...new Set(rows.map((r) => (r.cells[i] ?? '').trim()).filter((c) => c !== ''))];
}

/**
 * Only a draft cycle (history being loaded before anyone answers) or a closed one (answers settled,
 * results not yet published) takes an import. An open cycle would overwrite what agencies are typing;
 * a published one would silently change official results, which only the analyst workspace may do,
 * as a recorded correction.
 */
function assertImportable(cycleId: number, status: string) {
  if (status === 'draft' || status === 'closed') return;
  const messages =
    status === 'open'
      ? {
          th: 'นำเข้าข้อมูลไม่ได้: รอบการสำรวจนี้เปิดอยู่และหน่วยงานกำลังตอบแบบสำรวจ ปิดรอบก่อนแล้วจึงนำเข้า',
          en: 'Cannot import: this cycle is open and agencies are answering; close the cycle first',
        }
      : {
          th: 'นำเข้าข้อมูลไม่ได้: ผลของรอบนี้เผยแพร่แล้วและเป็นผลทางการ การแก้ไขต้องทำผ่านการตรวจสอบของนักวิเคราะห์ ซึ่งบันทึกเป็นการแก้ไขผล (correction)',
          en: 'Cannot import: the results of this cycle are published and official; change them through the analyst workspace, which records each change as a correction',
        };
  throw new DomainError('INVALID_STATE', messages.en, {
    cycleId,
    cycleStatus: status,
    allowed: ['draft', 'closed'],
    messages,
  });
}

export async function importResponses(
  db: Db,
  dataDir: string,
  actor: ImportActor,
  cycleId: number,
  file: { name: string; content: Buffer },
): Promise<ImportSummary> {
  const cycle = await db
    .selectFrom('cycles')
    .select(['id', 'framework_id', 'status'])
    .where('id', '=', cycleId)
    .executeTakeFirst();
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  assertImportable(cycleId, cycle.status);
  const { framework } = await loadFramework(db, cycle.framework_id);
  const sha256 = createHash('sha256').update(file.content).digest('hex');

  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.content, file.name);
  } catch (err) {
    // A malformed CSV names its row, so the user can find it in a spreadsheet.
    const row = err instanceof CsvError && err.line !== null ? err.line : null;
    const where = { th: row === null ? '' : ` (แถวที่ ${row})`, en: row === null ? '' : ` (row ${row})` };
    throw new DomainError('VALIDATION_FAILED', `The file is not a readable CSV (UTF-8) or XLSX workbook${where.en}`, [
      {
        path: 'body.file',
        message: (err as Error).message,
        messages: {
          th: `อ่านไฟล์ไม่ได้${where.th}: ต้องเป็น CSV (UTF-8) หรือ XLSX`,
          en: `The file is not a readable CSV (UTF-8) or XLSX workbook${where.en}: ${(err as Error).message}`,
        },
      },
    ]);
  }
  const agencies = await agenciesByCode(db, codesIn(table.header, table.rows));
  const parsed = parseImport(table, { framework, agencies });

  if (parsed.errors.length > 0) {
    const errors = parsed.errors
      .slice(0, MAX_ERRORS)
      .sort((a, b) => a.row - b.row || table.header.indexOf(a.column) - table.header.indexOf(b.column));
    const reportId = await writeReport(dataDir, cycleId, file.name, errors);
    throw new DomainError('IMPORT_INVALID', `The file has ${parsed.errors.length} error(s); nothing was imported`, {
      errors: errors.slice(0, MAX_INLINE_ERRORS),
      total: parsed.errors.length,
      reportId,
    });
  }

  const summary: ImportSummary = {
    format: parsed.format,
    agencies: parsed.agencies.size,
    answers: parsed.answerCount,
    created: 0,
    replaced: 0,
    unchanged: 0,
  };
  const userId = actor.principal.userId;

  await db.transaction().execute(async (trx) => {
    // One import per cycle at a time; the status is checked again under the lock (it may have moved on).
    const locked = await trx
      .selectFrom('cycles')
      .select('status')
      .where('id', '=', cycleId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    assertImportable(cycleId, locked.status);
    const agencyIds = [...parsed.agencies.values()].map((a) => a.agency.id);
    const existing = new Map<number, { id: number; status: string }>();
    for (let i = 0; i < agencyIds.length; i += 5000) {
      const rows = await trx
        .selectFrom('responses')
        .select(['id', 'agency_id', 'status'])
        .where('cycle_id', '=', cycleId)
        .where('agency_id', 'in', agencyIds.slice(i, i + 5000))
        .forUpdate()
        .execute();
      for (const r of rows) existing.set(r.agency_id, { id: r.id, status: r.status });
    }
    const responseIds = [...existing.values()].map((r) => r.id);
    const stored = new Map<number, Map<string, StoredAnswer>>();
    const withSnapshot = new Set<number>();
    for (let i = 0; i < responseIds.length; i += 5000) {
      const chunk = responseIds.slice(i, i + 5000);
      const rows = await trx
        .selectFrom('answers')
        .select(['response_id', 'question_code', 'value', 'not_applicable', 'verification', 'coded_category'])
        .where('response_id', 'in', chunk)
        .execute();
      for (const r of rows) {
        // A cleared answer (no value, not "not applicable") counts as no answer.
        if (r.value === null && r.not_applicable === null) continue;
        const m = stored.get(r.response_id) ?? new Map<string, StoredAnswer>();
        m.set(r.question_code, r);
        stored.set(r.response_id, m);
      }
      const snaps = await trx
        .selectFrom('result_snapshots')
        .select('response_id')
        .where('response_id', 'in', chunk)
        .where('is_current', '=', true)
        .execute();
      for (const s of snaps) withSnapshot.add(s.response_id);
    }

    const now = new Date();
    const upserts: NewAnswer[] = [];
    const deletes: { responseId: number; codes: string[] }[] = [];
    const touched: number[] = [];
    for (const { agency, answers } of parsed.agencies.values()) {
      const current = existing.get(agency.id);
      if (!current) {
        const r = await trx
          .insertInto('responses')
          .values({
            cycle_id: cycleId,
            agency_id: agency.id,
            status: 'submitted',
            started_at: now,
            submitted_at: now,
            submitted_by: userId,
            last_activity_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [code, a] of answers) upserts.push(newAnswer(r.id, code, a, undefined, userId, now));
        touched.push(r.id);
        summary.created++;
        continue;
      }
      const old = stored.get(current.id) ?? new Map<string, StoredAnswer>();
      let changed = 0;
      for (const [code, a] of answers) {
        const before = old.get(code);
        if (before && sameAnswer(before, a)) continue;
        upserts.push(newAnswer(current.id, code, a, before, userId, now));
        changed++;
      }
      // The wide format cannot say "not applicable": it leaves such answers as they are.
      const gone = [...old.entries()]
        .filter(([code, a]) => !answers.has(code) && !(parsed.format === 'wide' && a.not_applicable !== null))
        .map(([code]) => code);
      if (gone.length > 0) deletes.push({ responseId: current.id, codes: gone });
      const settled = (current.status === 'submitted' || current.status === 'verified') && withSnapshot.has(current.id);
      if (changed === 0 && gone.length === 0 && settled) {
        summary.unchanged++;
        continue;
      }
      await trx
        .updateTable('responses')
        .set((eb) => ({
          status: 'submitted',
          submitted_at: eb.fn.coalesce('submitted_at', eb.val(now)),
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
          submitted_by: eb.fn.coalesce('submitted_by', eb.val(userId)),
          last_activity_at: now,
        }))
        .where('id', '=', current.id)
        .execute();
      touched.push(current.id);
      summary.replaced++;
    }

    for (const d of deletes) {
      await trx
        .deleteFrom('answers')
        .where('response_id', '=', d.responseId)
        .where('question_code', 'in', d.codes)
        .execute();
    }
    for (let i = 0; i < upserts.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('answers')
        .values(upserts.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['response_id', 'question_code']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            not_applicable: eb.ref('excluded.not_applicable'),
            verification: eb.ref('excluded.verification'),
            verified_by: eb.ref('excluded.verified_by'),
            verified_at: eb.ref('excluded.verified_at'),
            coded_category: eb.ref('excluded.coded_category'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
            revision: eb(eb.ref('answers.revision'), '+', 1),
          })),
        )
        .execute();
    }
    if (agencyIds.length > 0) {
      await trx
        .insertInto('cycle_agencies')
        .values(agencyIds.map((id) => ({ cycle_id: cycleId, agency_id: id })))
        .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
        .execute();
    }
    for (const id of touched) await storeSnapshot(trx, id, 'import', userId);

    await writeAudit(trx, {
      actorUserId: userId,
      actorEmail: actor.principal.email,
      ip: actor.ip,
      action: 'import.responses',
      entityType: 'cycle',
      entityId: cycleId,
      after: summary,
      meta: { fileName: file.name, sha256, bytes: file.content.length },
    });
  });
  return summary;
}

interface StoredAnswer {
  value: unknown;
  not_applicable: { justification: string } | null;
  verification: 'self_reported' | 'verified' | 'rejected';
  coded_category: string | null;
}

interface NewAnswer {
  response_id: number;
  question_code: string;
  value: string | null;
  not_applicable: string | null;
  revision: number;
  updated_by: number;
  updated_at: Date;
  verification: 'self_reported' | 'verified' | 'rejected';
  verified_by: number | null;
  verified_at: Date | null;
  coded_category: string | null;
}

function sameAnswer(before: StoredAnswer, a: ImportedAnswer): boolean {
  if (canonical(before.value) !== canonical(a.value)) return false;
  if (canonical(before.not_applicable) !== canonical(a.notApplicable)) return false;
  if (a.verification !== undefined && a.verification !== before.verification) return false;
  if (a.codedCategory !== undefined && a.codedCategory !== before.coded_category) return false;
  return true;
}

function newAnswer(
  responseId: number,
  code: string,
  a: ImportedAnswer,
  before: StoredAnswer | undefined,
  userId: number,
  now: Date,
): NewAnswer {
  const valueSame = before !== undefined && canonical(before.value) === canonical(a.value);
  // A changed value voids an earlier verdict unless the file gives one.
  const verification = a.verification ?? (valueSame && before ? before.verification : 'self_reported');
  return {
    response_id: responseId,
    question_code: code,
    value: a.value === null ? null : JSON.stringify(a.value),
    not_applicable: a.notApplicable ? JSON.stringify(a.notApplicable) : null,
    revision: 1,
    updated_by: userId,
    updated_at: now,
    verification,
    verified_by: verification === 'self_reported' ? null : userId,
    verified_at: verification === 'self_reported' ? null : now,
    coded_category: a.codedCategory !== undefined ? a.codedCategory : (before?.coded_category ?? null),
  };
}
