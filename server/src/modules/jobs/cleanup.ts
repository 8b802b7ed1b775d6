import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Storage } from '../../lib/storage';
import * as analyticsRepo from '../analytics/analytics.repository';
import { type OpenDataParams, openDataCacheKey } from './open-data.job';
import { type RawExportParams, rawExportCacheKey } from './raw-export.job';
import { zipKeyOf } from './report-zip.job';

/** Advisory lock key of the cleanup (any constant unique in this database): one process runs it at a time. */
export const JOB_CLEANUP_LOCK_KEY = 846_001_030;

export interface CleanupResult {
  jobs: number;
  files: number;
  /** Finished jobs past retention kept because their file is the current build of its data. */
  keptCurrent: number;
}

/**
 * A cached build (open data, raw exports) whose key is still what the same request would build
 * now: its file is served to the next reader, so it stays, whatever its age.
 */
async function isCurrentArtefact(db: Db, job: { kind: string; params: unknown; result_key: string | null }) {
  if (!job.result_key) return false;
  if (job.kind === 'open-data') {
    const p = job.params as OpenDataParams;
    const cycle = await analyticsRepo.findCycle(db, p.cycleId);
    return !!cycle && (await openDataCacheKey(db, cycle, p.contact)) === job.result_key;
  }
  if (job.kind === 'raw-export-long' || job.kind === 'raw-export-wide') {
    const p = job.params as RawExportParams;
    const cycle = await analyticsRepo.findCycle(db, p.cycleId);
    return !!cycle && (await rawExportCacheKey(db, cycle, p.format)) === job.result_key;
  }
  return false;
}

/**
 * Removes finished (done or failed) jobs older than the retention, with their files. Never touches
 * a queued or running job, a file another remaining job still names, or a cached build that is
 * still current. Pre-rendered report PDFs are the report route's cache (keyed by snapshot), not a
 * job's result: only their job rows go. Runs under an advisory lock, so one process at a time.
 */
export async function cleanupJobs(
  db: Db,
  storage: Storage,
  retentionHours: number,
  now = new Date(),
): Promise<CleanupResult | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(
      JOB_CLEANUP_LOCK_KEY,
    )}::bigint) as got`.execute(trx);
    if (!rows[0]?.got) return null;
    const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
    const expired = await trx
      .selectFrom('background_jobs')
      .select(['id', 'kind', 'params', 'result_key', 'status'])
      .where('status', 'in', ['done', 'failed'])
      .where('finished_at', '<', cutoff)
      .orderBy('finished_at')
      .limit(1000)
      .execute();
    const result: CleanupResult = { jobs: 0, files: 0, keptCurrent: 0 };
    const removing: typeof expired = [];
    for (const job of expired) {
      if (job.status === 'done' && (await isCurrentArtefact(trx, job))) result.keptCurrent++;
      else removing.push(job);
    }
    if (removing.length === 0) return result;
    const ids = removing.map((j) => j.id);
    const keys = new Set<string>();
    for (const job of removing) {
      if (job.result_key) keys.add(job.result_key);
      if (job.kind === 'report-zip') keys.add(zipKeyOf(job.id));
    }
    const items = await trx
      .selectFrom('background_job_items')
      .select('storage_key')
      .where('job_id', 'in', ids)
      .execute();
    for (const i of items) keys.add(i.storage_key);
    // A file another job still names (a running build of the same data, a kept current build) stays.
    const named = keys.size
      ? await trx
          .selectFrom('background_jobs')
          .select(['result_key', 'cache_key'])
          .where('id', 'not in', ids)
          .where((eb) => eb.or([eb('result_key', 'in', [...keys]), eb('cache_key', 'in', [...keys])]))
          .execute()
      : [];
    for (const n of named) {
      if (n.result_key) keys.delete(n.result_key);
      if (n.cache_key) keys.delete(n.cache_key);
    }
    await trx.deleteFrom('background_jobs').where('id', 'in', ids).execute();
    for (const key of keys) {
      if (await storage.exists(key)) {
        await storage.delete(key);
        result.files++;
      }
    }
    result.jobs = ids.length;
    return result;
  });
}
