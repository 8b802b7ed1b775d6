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
import { benchDatabase, benchLog, median } from './bench-support';

/**
 * National analytics at scale: 8,000 agencies x 250 answers (2 million) in a throwaway PostgreSQL
 * cluster (or the server at BENCH_DATABASE_URL). Times the overview queries (response rates, levels,
 * year over year) and item statistics (median of several runs) against 300 ms, and the raw long
 * export streamed to a sink against 30 s, with RSS sampled while streaming.
 *
 * The 2566 framework shows a department about 115 of its 152 questions, so the generator gives
 * ~115 real answers per agency; each response is padded to 250 with answers to bench-only question
 * codes (BENCH_PAD_nnn, outside the framework: stored and exported like any answer, never read by
 * the engine or the item statistics), so the raw export and the answers table are at full scale.
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
  /** RSS samples (MB) at each tenth of the export: flat memory means these do not grow with rows. */
  rssTrailMb: number[];
  paddedAnswers: number;
  ratios: Record<string, number>;
}

const QUERY_TARGET_MS = 300;
const EXPORT_TARGET_MS = 30_000;
const ANSWERS_PER_AGENCY = 250;

/** Tops every submitted response of the cycle up to `perAgency` answers with bench-only codes. */
async function padAnswers(db: Awaited<ReturnType<typeof openDatabase>>['db'], cycleId: number, perAgency: number) {
  const r = await sql<{ n: string }>`
    with counts as (
      select r.id, count(a.*)::int as have
      from responses r left join answers a on a.response_id = r.id
      where r.cycle_id = ${cycleId} and r.status in ('submitted', 'verified')
      group by r.id
    ), ins as (
      insert into answers (response_id, question_code, value, verification)
      select c.id, 'BENCH_PAD_' || lpad(g::text, 3, '0'), to_jsonb(((c.id * 31 + g) % 97)::int), 'self_reported'
      from counts c cross join lateral generate_series(1, greatest(0, ${perAgency} - c.have)) g
      on conflict do nothing
      returning 1
    )
    select count(*)::text as n from ins`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

const cycleAnswerCount = async (db: Awaited<ReturnType<typeof openDatabase>>['db'], cycleId: number) =>
  (
    await db
      .selectFrom('answers as x')
      .innerJoin('responses as r', 'r.id', 'x.response_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.cycle_id', '=', cycleId)
      .executeTakeFirstOrThrow()
  ).n;

/** The fiscal-year-2099 cycle when an earlier run loaded it in full (every agency padded), else undefined. */
async function loadedCycle(db: Awaited<ReturnType<typeof openDatabase>>['db'], agencies: number) {
  const c = await db.selectFrom('cycles').select('id').where('fiscal_year', '=', 2099).executeTakeFirst();
  if (!c) return undefined;
  const r = await sql<{ responses: number; padded: number; short: number }>`
    with per as (
      select r.id, count(x.*)::int as n, (count(x.*) filter (where x.question_code like 'BENCH\_PAD\_%'))::int as pad
      from responses r left join answers x on x.response_id = r.id
      where r.cycle_id = ${c.id} and r.status in ('submitted', 'verified')
      group by r.id
    )
    select count(*)::int as responses, coalesce(sum(pad), 0)::int as padded,
      (count(*) filter (where n < ${ANSWERS_PER_AGENCY}))::int as short
    from per`.execute(db);
  const row = r.rows[0];
  if (!row || row.responses < agencies || row.short > 0) return undefined;
  return { cycleId: c.id, paddedAnswers: row.padded };
}

export async function runAnalyticsBench(
  opts: { agencies?: number; runs?: number; log?: boolean | ((m: string) => void) } = {},
): Promise<AnalyticsBenchFigures | { skipped: string }> {
  const log = benchLog(opts.log);
  // A larger shared_buffers so the 2-million-answer table fits in memory.
  const target = await benchDatabase('analytics', log, { shared_buffers: '512MB', work_mem: '32MB' });
  if ('skipped' in target) return target;
  const { url, cluster } = target;
  const agencies = opts.agencies ?? 8000;
  const runs = opts.runs ?? 7;
  const { db, close } = await openDatabase({ databaseUrl: url, dataDir: '/tmp' });
  try {
    await migrateToLatest(db);
    const t0 = Date.now();
    // On a server of one's own (BENCH_DATABASE_URL), a cycle loaded by an earlier run is reused:
    // generating 2 million answers takes a quarter of an hour, measuring a change takes a minute.
    const loaded = url === process.env.BENCH_DATABASE_URL ? await loadedCycle(db, agencies) : undefined;
    let cycleId: number;
    let paddedAnswers: number;
    if (loaded) {
      ({ cycleId, paddedAnswers } = loaded);
      log(`analytics: reused the loaded fiscal-year-2099 cycle ${cycleId} (generation and padding skipped)`);
    } else {
      cycleId = (await generateSyntheticCycle(db, { agencies, fiscalYear: 2099, log })).cycleId;
      paddedAnswers = await padAnswers(db, cycleId, ANSWERS_PER_AGENCY);
    }
    const generateMs = Date.now() - t0;
    const answers = await cycleAnswerCount(db, cycleId);
    const cycle = await repo.findCycle(db, cycleId);
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
    const rssTrail: number[] = [];
    let bytes = 0;
    let rows = 0;
    const e0 = Date.now();
    const tenth = Math.max(1, Math.floor(answers / 10));
    await pipeline(
      csvStream(RAW_LONG_COLUMNS, rawLongRows(db, cycle.id)),
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          // indexOf, not a loop over every byte: the sink must cost little beside what it measures.
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
            rows++;
            if (rows % tenth === 0) rssTrail.push(Math.round(process.memoryUsage().rss / 1048576));
          }
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
      rssTrailMb: rssTrail,
      paddedAnswers,
      ratios,
    };
    log(
      `Analytics bench: ${agencies} agencies, ${answers} answers (${answers - paddedAnswers} generated + ${paddedAnswers} bench-only padding; ${(generateMs / 1000).toFixed(1)} s to load)`,
    );
    for (const [k, v] of Object.entries(medians))
      log(`  ${k.padEnd(26)} median ${v} ms  (${ratios[k]} of ${QUERY_TARGET_MS} ms)`);
    log(
      `  raw long export            ${exportMs} ms, ${rows - 1} rows, ${(bytes / 1048576).toFixed(1)} MB  (${ratios.rawLongExport} of 30 s); RSS ${figures.rssBeforeMb} -> peak ${figures.peakRssMb} MB`,
    );
    log(`  RSS at each tenth of the export (MB): ${rssTrail.join(', ')}`);
    return figures;
  } finally {
    await close();
    await cluster?.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runAnalyticsBench({
    agencies: process.argv.includes('--agencies')
      ? Number(process.argv[process.argv.indexOf('--agencies') + 1])
      : undefined,
  });
}
