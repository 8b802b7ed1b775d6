import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { generateSyntheticCycle } from '../seeds/synthetic/scale';
import { openDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { csvStream, RAW_LONG_COLUMNS, rawLongRows } from '../server/src/modules/analytics/analytics.export';
import * as repo from '../server/src/modules/analytics/analytics.repository';
import * as service from '../server/src/modules/analytics/analytics.service';

/**
 * National analytics at scale: 8,000 agencies x ~250 answers in the Postgres at BENCH_DATABASE_URL.
 * Times the overview queries (response rates, levels, year over year) and one item statistic
 * (median of several runs) against 300 ms, and the raw long export streamed to a sink against
 * 30 s, with the peak RSS seen while streaming.
 */

export interface AnalyticsBenchFigures {
  skipped?: string;
  agencies: number;
  answers: number;
  generateMs: number;
  medians: Record<string, number>;
  exportMs: number;
  exportRows: number;
  exportBytes: number;
  peakRssMb: number;
  rssBeforeMb: number;
  ratios: Record<string, number>;
}

const QUERY_TARGET_MS = 300;
const EXPORT_TARGET_MS = 30_000;

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] as number) * 10) / 10;
}

export async function runAnalyticsBench(
  opts: { agencies?: number; runs?: number; log?: (m: string) => void } = {},
): Promise<AnalyticsBenchFigures | { skipped: string }> {
  const log = opts.log ?? console.log;
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const skipped = 'BENCH_DATABASE_URL is not set: analytics bench skipped (it needs a real Postgres)';
    log(skipped);
    return { skipped };
  }
  const agencies = opts.agencies ?? 8000;
  const runs = opts.runs ?? 7;
  const { db, close } = await openDatabase({ databaseUrl: url, dataDir: '/tmp' });
  try {
    await migrateToLatest(db);
    const t0 = Date.now();
    const gen = await generateSyntheticCycle(db, { agencies, fiscalYear: 2099, log });
    const generateMs = Date.now() - t0;
    const answers = (
      await db
        .selectFrom('answers as x')
        .innerJoin('responses as r', 'r.id', 'x.response_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('r.cycle_id', '=', gen.cycleId)
        .executeTakeFirstOrThrow()
    ).n;
    const cycle = await repo.findCycle(db, gen.cycleId);
    if (!cycle) throw new Error('bench cycle missing');
    await sql`analyze`.execute(db);
    const levelsQ = { basis: 'verified' as const, atLeast: 3 };
    const medians: Record<string, number> = {
      responseRates: await median(runs, () => service.responseRates(db, cycle.id)),
      levels: await median(runs, () => service.levels(db, cycle, levelsQ)),
      levelsPolicyRole: await median(runs, () => service.levels(db, cycle, { ...levelsQ, role: 'policy' })),
      yearOverYear: await median(runs, () => service.yearOverYear(db, cycle, {}, 'verified', 3)),
      itemTechnologies: await median(runs, () => service.itemStatistics(db, cycle, 'TECHNOLOGIES', {}, undefined)),
      itemReasonCrossByOrgType: await median(runs, () =>
        service.itemStatistics(db, cycle, 'OD_USER_SURVEY_REASON', {}, 'orgType'),
      ),
    };
    // Raw long export, streamed to a sink that only counts.
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    let bytes = 0;
    let rows = 0;
    const e0 = Date.now();
    await pipeline(
      csvStream(RAW_LONG_COLUMNS, rawLongRows(db, cycle.id)),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          for (const b of chunk) if (b === 10) rows++;
          cb();
        },
      }),
    );
    const exportMs = Date.now() - e0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const ratios: Record<string, number> = {};
    for (const [k, v] of Object.entries(medians)) ratios[k] = Math.round((v / QUERY_TARGET_MS) * 1000) / 1000;
    ratios.rawLongExport = Math.round((exportMs / EXPORT_TARGET_MS) * 1000) / 1000;
    const figures: AnalyticsBenchFigures = {
      agencies,
      answers,
      generateMs,
      medians,
      exportMs,
      exportRows: rows - 1,
      exportBytes: bytes,
      peakRssMb: Math.round(peak / 1048576),
      rssBeforeMb: Math.round(rssBefore / 1048576),
      ratios,
    };
    log(`Analytics bench: ${agencies} agencies, ${answers} answers (generated in ${(generateMs / 1000).toFixed(1)} s)`);
    for (const [k, v] of Object.entries(medians))
      log(`  ${k.padEnd(26)} median ${v} ms  (${ratios[k]} of ${QUERY_TARGET_MS} ms)`);
    log(
      `  raw long export            ${exportMs} ms, ${rows - 1} rows, ${(bytes / 1048576).toFixed(1)} MB  (${ratios.rawLongExport} of 30 s); RSS ${figures.rssBeforeMb} -> peak ${figures.peakRssMb} MB`,
    );
    return figures;
  } finally {
    await close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runAnalyticsBench({
    agencies: process.argv.includes('--agencies')
      ? Number(process.argv[process.argv.indexOf('--agencies') + 1])
      : undefined,
  });
}
