import { recomputeCycle } from '../cycle-admin/recompute';
import type { JobContext, JobOutcome } from './job-types';
import type * as repo from './jobs.repository';

export interface RecomputeParams {
  cycleId: number;
  /** Who asked, for the audit entry the recompute writes. */
  actor: { userId: number; email: string; ip: string | null };
}

/** The recompute's report (agencies whose levels changed), downloaded from the job as JSON. */
export const recomputeKeyOf = (jobId: string) => `recompute-${jobId}.json`;

/**
 * A cycle's recompute off the API: still one transaction (every agency's new snapshot or none), so
 * a run cut short changes nothing and its retry starts over; a retry after the commit finds
 * nothing left to change. Progress is recorded without waiting: on the embedded database (one
 * connection) it lands when the transaction ends.
 */
export async function runRecompute(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as RecomputeParams;
  const key = recomputeKeyOf(job.id);
  const outcome = (done: number): JobOutcome => ({
    result: 'done',
    resultKey: key,
    fileName: `recompute-cycle-${p.cycleId}.json`,
    done,
  });
  if (await ctx.storage.exists(key)) return outcome(job.total);
  let last = 0;
  const report = await recomputeCycle(ctx.db, p.actor, p.cycleId, (examined) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    ctx.heartbeat(examined).catch(() => undefined);
  });
  await ctx.storage.put(key, Buffer.from(JSON.stringify(report)));
  return outcome(report.examined);
}
