import { createHash } from 'node:crypto';
import { formatYear } from '@dg/shared/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { cycleFramework } from '../analytics/analytics.cycle';
import { csvStream, RAW_LONG_COLUMNS, rawLongRows, rawWideRows, wideHeader } from '../analytics/analytics.export';
import * as analyticsRepo from '../analytics/analytics.repository';
import type { JobContext, JobOutcome } from './job-types';
import type * as repo from './jobs.repository';

/** The two raw exports (analysts only): one row per answer, or one row per agency. */
export const RAW_FORMATS = ['long', 'wide'] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];
export const rawJobKind = (format: RawFormat) => `raw-export-${format}` as const;

export interface RawExportParams {
  cycleId: number;
  format: RawFormat;
}

/**
 * What a raw export is built from, cheaply: the submitted responses with their agencies' names
 * and status, and their answers' count, revisions (every save, import and correction adds one),
 * latest edit and verification, and coding. Any change to what the CSV holds changes one of them.
 */
async function rawDataVersion(db: Db, cycleId: number) {
  const { rows } = await sql<Record<string, string | number | null>>`
    select
      (select count(*)::int from responses r where r.cycle_id = ${cycleId} and r.status in ('submitted', 'verified')) as responses,
      (select coalesce(sum(hashtext(r.id::text || r.status || a.code || a.name_th || a.name_en || a.track)::bigint), 0)::text
         from responses r join agencies a on a.id = r.agency_id
        where r.cycle_id = ${cycleId} and r.status in ('submitted', 'verified')) as agencies,
      (select count(*)::int::text || ':' || coalesce(sum(x.revision), 0)::text || ':' ||
              coalesce(max(x.updated_at)::text, '') || ':' || coalesce(max(x.verified_at)::text, '') || ':' ||
              coalesce(sum(hashtext(x.verification || coalesce(x.coded_category, '')))::bigint, 0)::text
         from answers x join responses r on r.id = x.response_id
        where r.cycle_id = ${cycleId} and r.status in ('submitted', 'verified')) as answers`.execute(db);
  return rows[0];
}

/**
 * The export's storage key names the data it was built from (and the framework, which makes the
 * wide export's columns): same data, same key, so it is built once and then served from storage.
 */
export async function rawExportCacheKey(db: Db, cycle: analyticsRepo.CycleRow, format: RawFormat) {
  const version = JSON.stringify([format, cycle.framework_hash, await rawDataVersion(db, cycle.id)]);
  const hash = createHash('sha256').update(version).digest('hex').slice(0, 24);
  return `raw-${format}-c${cycle.id}-${hash}.csv`;
}

export const rawExportFileName = (cycle: { fiscal_year: number }, format: RawFormat, lang: 'th' | 'en' = 'th') =>
  `raw-${format}-${formatYear(cycle.fiscal_year, lang)}.csv`;

/** Submitted responses of the cycle: the export's progress counts them. */
export async function rawExportTotal(db: Db, cycleId: number): Promise<number> {
  const r = await db
    .selectFrom('responses')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('cycle_id', '=', cycleId)
    .where('status', 'in', [...analyticsRepo.SUBMITTED])
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function runRawExport(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as RawExportParams;
  const cycle = await analyticsRepo.findCycle(ctx.db, p.cycleId);
  if (!cycle) throw new Error(`Cycle ${p.cycleId} no longer exists`);
  // Stored under the key of the data it is built from (the data may have changed since the request).
  const key = await rawExportCacheKey(ctx.db, cycle, p.format);
  let done = 0;
  const progress = async (responses: number) => {
    done += responses;
    await ctx.heartbeat(done);
  };
  if (!(await ctx.storage.exists(key))) {
    const body =
      p.format === 'long'
        ? csvStream(RAW_LONG_COLUMNS, rawLongRows(ctx.db, cycle.id, progress))
        : await (async () => {
            const framework = await cycleFramework(ctx.db, cycle);
            return csvStream(wideHeader(framework), rawWideRows(ctx.db, cycle.id, framework, progress));
          })();
    await ctx.storage.put(key, body);
  }
  return { result: 'done', resultKey: key, fileName: rawExportFileName(cycle, p.format), done: job.total };
}
