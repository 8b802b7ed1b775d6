import { createHash } from 'node:crypto';
import { formatYear } from '@dg/shared/domain/dates';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import * as disclosure from '../analytics/analytics.disclosure';
import { type OpenDataContact, openDataZip } from '../analytics/analytics.open-data';
import * as analyticsRepo from '../analytics/analytics.repository';
import type { JobContext, JobOutcome } from './job-types';
import type * as repo from './jobs.repository';

export interface OpenDataParams {
  cycleId: number;
  contact: OpenDataContact;
}

/**
 * The package's storage key names the data it was built from: the cycle's state, its current
 * snapshots (a correction or a new verification makes a new one), its invited agencies and the
 * contact printed in the metadata. Same data, same key: the package is built once and then served.
 */
export async function openDataCacheKey(db: Db, cycle: analyticsRepo.CycleRow, contact: OpenDataContact) {
  const { rows } = await sql<{ n: number; latest: string | null; invited: number }>`
    select (select count(*)::int from result_snapshots where cycle_id = ${cycle.id} and is_current) as n,
           (select max(created_at)::text from result_snapshots where cycle_id = ${cycle.id}) as latest,
           (select count(*)::int from cycle_agencies where cycle_id = ${cycle.id}) as invited`.execute(db);
  // The disclosure minimum shapes every table: a changed policy is a new package.
  const minimum = await disclosure.minSegmentSize(db, cycle.id);
  const version = JSON.stringify([
    cycle.status,
    minimum,
    cycle.framework_hash,
    rows[0],
    contact.maintainer ?? null,
    contact.maintainerEmail ?? null,
  ]);
  const hash = createHash('sha256').update(version).digest('hex').slice(0, 24);
  return `open-data-c${cycle.id}-${hash}.zip`;
}

export const openDataFileName = (cycle: { fiscal_year: number }, lang: 'th' | 'en' = 'th') =>
  `open-data-${formatYear(cycle.fiscal_year, lang)}.zip`;

export async function runOpenData(ctx: JobContext, job: repo.JobRow): Promise<JobOutcome> {
  const p = job.params as OpenDataParams;
  const cycle = await analyticsRepo.findCycle(ctx.db, p.cycleId);
  if (!cycle) throw new Error(`Cycle ${p.cycleId} no longer exists`);
  // Stored under the key of the data it was built from (the data may have changed since the request).
  const key = await openDataCacheKey(ctx.db, cycle, p.contact);
  if (!(await ctx.storage.exists(key))) await ctx.storage.put(key, await openDataZip(ctx.db, cycle, p.contact));
  return { result: 'done', resultKey: key, fileName: openDataFileName(cycle), done: 1 };
}
