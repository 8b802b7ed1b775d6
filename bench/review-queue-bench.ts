import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { generateSyntheticCycle } from '../seeds/synthetic/scale';
import { openDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { queue } from '../server/src/modules/review/review.service';
import type { Principal } from '../server/src/plugins/auth';
import { benchDatabase, benchLog, median } from './bench-support';

/**
 * The review queue's first page at national size: 8,000 synthetic agencies with submitted answers
 * in a throwaway PostgreSQL cluster (or BENCH_DATABASE_URL). Times the default first page, a
 * filtered and sorted page and a search (median of several runs) against 1 s: the page the
 * analyst waits for, including its claim counts (computed for the page's responses only).
 */
const TARGET_MS = 1000;

export async function runReviewQueueBench(
  opts: { agencies?: number; runs?: number; log?: boolean | ((m: string) => void) } = {},
): Promise<{ medians: Record<string, number>; ratios: Record<string, number> } | { skipped: string }> {
  const log = benchLog(opts.log);
  const target = await benchDatabase('review-queue', log);
  if ('skipped' in target) return target;
  const { url, cluster } = target;
  const agencies = opts.agencies ?? 8000;
  const runs = opts.runs ?? 7;
  const { db, close } = await openDatabase({ databaseUrl: url, dataDir: '/tmp' });
  try {
    await migrateToLatest(db);
    const { cycleId } = await generateSyntheticCycle(db, { agencies, fiscalYear: 2098, log });
    await sql`analyze`.execute(db);
    const analyst: Principal = {
      userId: 0,
      email: 'bench@dga.or.th',
      role: 'analyst',
      agencyId: null,
      sessionId: 'bench',
    };
    const medians: Record<string, number> = {
      firstPage: await median(runs, () => queue(db, analyst, cycleId, { status: 'all', page: 1, pageSize: 50 })),
      submittedByCodeDesc: await median(runs, () =>
        queue(db, analyst, cycleId, { status: 'submitted', sort: 'agencyCode:desc', page: 3, pageSize: 100 }),
      ),
      search: await median(runs, () => queue(db, analyst, cycleId, { status: 'all', search: 'S0001', pageSize: 50 })),
    };
    const ratios = Object.fromEntries(
      Object.entries(medians).map(([k, v]) => [k, Math.round((v / TARGET_MS) * 100) / 100]),
    );
    for (const [k, v] of Object.entries(medians))
      log(`review-queue ${k}: ${v} ms (target ${TARGET_MS} ms, ratio ${ratios[k]})`);
    return { medians, ratios };
  } finally {
    await close();
    await cluster?.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runReviewQueueBench({ log: true, agencies: Number(process.env.BENCH_AGENCIES) || undefined });
}
