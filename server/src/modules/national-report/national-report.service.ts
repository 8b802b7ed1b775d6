import { DomainError } from '@dg/shared/domain/errors';
import type { NationalReportFileQuery, NationalReportStatus } from '@dg/shared/schemas/national-report';
import type { ReportJob } from '@dg/shared/schemas/report';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import type { Principal } from '../../plugins/auth';
import { jobView } from '../jobs/jobs.service';
import type { JobRuntime } from '../jobs/runtime';
import { NATIONAL_REPORT_PARTS, partKeyOf } from './national-report.job';
import { nationalReportFileName } from './national-report.model';

/** The report describes a finished survey: built for closed and published cycles only. */
const BUILDABLE = new Set(['closed', 'published']);

const findCycle = (db: Db, cycleId: number) =>
  db.selectFrom('cycles').select(['id', 'fiscal_year', 'status']).where('id', '=', cycleId).executeTakeFirst();

const jobsOfCycle = (db: Db, cycleId: number) =>
  db
    .selectFrom('background_jobs')
    .selectAll()
    .where('kind', '=', 'national-report')
    .where(sql<boolean>`(params->>'cycleId')::int = ${cycleId}`);

export const latestJob = (db: Db, cycleId: number) =>
  jobsOfCycle(db, cycleId).orderBy('created_at', 'desc').executeTakeFirst();

export const latestBuilt = (db: Db, cycleId: number) =>
  jobsOfCycle(db, cycleId).where('status', '=', 'done').orderBy('finished_at', 'desc').executeTakeFirst();

export async function startNationalReport(
  db: Db,
  jobs: JobRuntime,
  principal: Principal | null,
  cycleId: number,
): Promise<ReportJob> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  if (!BUILDABLE.has(cycle.status)) {
    throw new DomainError(
      'INVALID_STATE',
      `The national report is built for closed or published cycles; cycle ${cycleId} is ${cycle.status}`,
      { status: cycle.status },
    );
  }
  const row = await jobs.enqueue(
    principal,
    'national-report',
    { cycleId },
    { total: 1 + NATIONAL_REPORT_PARTS.length },
  );
  return jobView(row);
}

export async function nationalReportStatus(db: Db, cycleId: number): Promise<NationalReportStatus> {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  const [last, built] = await Promise.all([latestJob(db, cycleId), latestBuilt(db, cycleId)]);
  return {
    cycleId,
    buildable: BUILDABLE.has(cycle.status),
    latestJob: last ? jobView(last) : null,
    builtAt: built?.finished_at ? new Date(built.finished_at).toISOString() : null,
    files: built
      ? NATIONAL_REPORT_PARTS.map((p) => ({
          ...p,
          url: `/api/admin/cycles/${cycleId}/national-report/file?format=${p.format}&lang=${p.lang}`,
        }))
      : [],
  };
}

export interface ReportFile {
  body: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPE = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

async function builtFile(
  db: Db,
  storage: Storage,
  cycle: { id: number; fiscal_year: number },
  q: NationalReportFileQuery,
) {
  const job = await latestBuilt(db, cycle.id);
  const body = job ? await storage.get(partKeyOf(job.id, q.lang, q.format)) : null;
  if (!body) throw new DomainError('NOT_FOUND', `The national report of cycle ${cycle.id} has not been built yet`);
  return {
    body,
    fileName: nationalReportFileName(cycle.fiscal_year, q.lang, q.format),
    contentType: CONTENT_TYPE[q.format],
  };
}

/** DGA staff: the latest build of any cycle. */
export async function staffReportFile(db: Db, storage: Storage, cycleId: number, q: NationalReportFileQuery) {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  return builtFile(db, storage, cycle, q);
}

/**
 * Anyone: the latest build of the published cycle of that Buddhist-Era fiscal year. Any other cycle
 * (open, closed, not existing) answers the same 404, so the address tells nothing before publication.
 */
export async function publicReportFile(db: Db, storage: Storage, yearBE: number, q: NationalReportFileQuery) {
  const cycle = await db
    .selectFrom('cycles')
    .select(['id', 'fiscal_year', 'status'])
    .where('fiscal_year', '=', yearBE - 543)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!cycle) throw new DomainError('NOT_FOUND', `No published national report for ${yearBE}`);
  return builtFile(db, storage, cycle, q);
}
