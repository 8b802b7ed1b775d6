import { DomainError } from '@dg/shared/domain/errors';
import type { ReportJob } from '@dg/shared/schemas/report';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { readableCycle } from '../analytics/analytics.service';
import * as repo from './jobs.repository';

const STAFF = new Set(['analyst', 'admin']);

export function jobView(row: repo.JobRow): ReportJob {
  const downloadable = row.status === 'done' && !!row.result_key;
  const { cycleId } = (row.params ?? {}) as { cycleId?: unknown };
  return {
    id: row.id,
    kind: row.kind as ReportJob['kind'],
    ...(typeof cycleId === 'number' ? { cycleId } : {}),
    status: row.status,
    done: row.done,
    total: row.total,
    ...(row.error && row.status === 'failed' ? { error: row.error } : {}),
    ...(downloadable ? { downloadUrl: `/api/jobs/${row.id}/download` } : {}),
    ...(downloadable && row.file_name ? { fileName: row.file_name } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The job's creator and DGA staff see a job; to anyone else it does not exist. */
export async function readableJob(db: Db, principal: Principal, id: string): Promise<repo.JobRow> {
  const row = await repo.findJob(db, id);
  if (row && (row.created_by === principal.userId || STAFF.has(principal.role))) return row;
  // An open-data build is shared by everyone who asked for the same package: whoever may read the cycle.
  if (row?.kind === 'open-data') {
    const { cycleId } = row.params as { cycleId: number };
    if (
      await readableCycle(db, principal, cycleId).then(
        () => true,
        () => false,
      )
    )
      return row;
  }
  throw new DomainError('NOT_FOUND', `Job ${id} not found`);
}

export async function recentJobs(db: Db, principal: Principal): Promise<ReportJob[]> {
  return (await repo.listRecent(db, principal.userId, 20)).map(jobView);
}
