import { sql } from 'kysely';
import type { Db } from '../../db/database';

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export const findJob = (db: Db, id: string) =>
  db.selectFrom('background_jobs').selectAll().where('id', '=', id).executeTakeFirst();

export const insertJob = (
  db: Db,
  job: { id: string; kind: string; createdBy: number | null; params: unknown; total: number; cacheKey?: string },
) =>
  db
    .insertInto('background_jobs')
    .values({
      id: job.id,
      kind: job.kind,
      created_by: job.createdBy,
      params: JSON.stringify(job.params),
      total: job.total,
      cache_key: job.cacheKey ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Queued or running jobs of the user (the per-user limit). */
export async function countActive(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('background_jobs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('created_by', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Serializes a user's job starts within the transaction, so two at once cannot both pass the limit. */
export const lockUser = (db: Db, userId: number) =>
  sql`select pg_advisory_xact_lock(hashtext('dg.jobs.user'), ${userId})`.execute(db);

export const listRecent = (db: Db, userId: number, limit: number) =>
  db
    .selectFrom('background_jobs')
    .selectAll()
    .where('created_by', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

/** The newest job building `cacheKey` that has not failed (a running build is joined, not repeated). */
export const findByCacheKey = (db: Db, cacheKey: string) =>
  db
    .selectFrom('background_jobs')
    .selectAll()
    .where('cache_key', '=', cacheKey)
    .where('status', '<>', 'failed')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

/**
 * Takes the job's lease for `seconds` if nobody holds it; null when it is finished or held.
 * A queued job becomes running.
 */
export const acquireLease = (db: Db, id: string, seconds: number) =>
  db
    .updateTable('background_jobs')
    .set({
      lease_until: sql`now() + make_interval(secs => ${seconds})`,
      attempts: sql`attempts + 1`,
      status: 'running',
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();

export const renewLease = (db: Db, id: string, seconds: number, done?: number) =>
  db
    .updateTable('background_jobs')
    .set({
      lease_until: sql`now() + make_interval(secs => ${seconds})`,
      updated_at: sql`now()`,
      ...(done === undefined ? {} : { done }),
    })
    .where('id', '=', id)
    .execute();

export const releaseLease = (db: Db, id: string, error?: string) =>
  db
    .updateTable('background_jobs')
    .set({ lease_until: null, updated_at: sql`now()`, ...(error ? { error } : {}) })
    .where('id', '=', id)
    .execute();

export const finishJob = (db: Db, id: string, result: { resultKey: string; fileName: string; done?: number }) =>
  db
    .updateTable('background_jobs')
    .set({
      status: 'done',
      result_key: result.resultKey,
      file_name: result.fileName,
      error: null,
      lease_until: null,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
      ...(result.done === undefined ? {} : { done: result.done }),
    })
    .where('id', '=', id)
    .execute();

export const failJob = (db: Db, id: string, error: string) =>
  db
    .updateTable('background_jobs')
    .set({ status: 'failed', error, lease_until: null, finished_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

export const listItems = (db: Db, jobId: string) =>
  db.selectFrom('background_job_items').selectAll().where('job_id', '=', jobId).orderBy('item_key').execute();

/** Records a finished item; a second record of the same item counts a repeated render. */
export const recordItem = (db: Db, item: { jobId: string; itemKey: string; storageKey: string; fileName: string }) =>
  db
    .insertInto('background_job_items')
    .values({ job_id: item.jobId, item_key: item.itemKey, storage_key: item.storageKey, file_name: item.fileName })
    .onConflict((oc) =>
      oc.columns(['job_id', 'item_key']).doUpdateSet({
        renders: sql`background_job_items.renders + 1`,
        storage_key: item.storageKey,
      }),
    )
    .execute();
