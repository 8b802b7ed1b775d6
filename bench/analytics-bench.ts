import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { generateSyntheticCycle } from '../seeds/synthetic/scale';
import { openDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import {
  benchDatabase,
  benchLog,
  closeRequests,
  getOk,
  judged,
  loadAverage,
  medianHttp,
  numberOption,
  type ProductionServer,
  request,
  rssMb,
  staffToken,
  startProductionServer,
} from './bench-support';

/**
 * `npm run bench -- analytics`: national analytics at scale, as the analyst's browser asks for it:
 * 8,000 agencies x 250 answers (2 million) in a throwaway PostgreSQL cluster (or the server at
 * BENCH_DATABASE_URL), read over HTTP with an analyst's token from the production bundle
 * (server/dist/server.js). Times the overview page's calls (framework, response rates, levels, year
 * over year; together and one by one) and item statistics, each the median of several runs, against
 * 300 ms, and the raw long export (request, background job, download) against 30 s, with the
 * server's RSS sampled meanwhile. Options: --agencies=N (default 8000), --runs=N (default 7); the
 * verdict counts at 8,000 agencies.
 *
 * The 2566 framework shows a department about 115 of its 152 questions, so the generator gives
 * ~115 real answers per agency; each response is padded to 250 with answers to bench-only question
 * codes (BENCH_PAD_nnn, outside the framework: stored and exported like any answer, never read by
 * the engine or the item statistics), so the raw export and the answers table are at full scale.
 */

export interface AnalyticsBenchFigures {
  agencies: number;
  answers: number;
  generateMs: number;
  /** Median ms over HTTP of each call, and of the overview page's calls made together. */
  medians: Record<string, number>;
  /** The first (cold) call of each, before any cache of the server's is warm. */
  cold: Record<string, number>;
  exportMs: number;
  exportBytes: number;
  /** The server process's RSS (MB) before the export and at its peak while building and sending it. */
  serverRssBeforeMb: number;
  serverPeakRssMb: number;
  paddedAnswers: number;
  ok: boolean | null;
}

const QUERY_TARGET_MS = 300;
const EXPORT_TARGET_MS = 30_000;
const ANSWERS_PER_AGENCY = 250;
const FULL_AGENCIES = 8000;

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

/** A GET whose body is only counted (a raw export is hundreds of MB); rejects on anything but 200. */
function download(
  base: string,
  p: string,
  headers: Record<string, string>,
): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${p}`, { headers }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`GET ${p}: ${res.statusCode}`));
        }
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
        });
        res.on('end', () => resolve({ bytes: n, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * The raw long export as the analyst gets it: the request (202 and a job, or the file when built),
 * the job followed until done, then the file downloaded. Wall time of the whole.
 */
async function rawExport(base: string, cycleId: number, h: Record<string, string>) {
  const first = await request(base, 'GET', `/api/analytics/cycles/${cycleId}/raw/long.csv`, h);
  if (first.status === 200)
    return {
      bytes: Buffer.byteLength(first.body),
      encoding: String(first.headers['content-encoding'] ?? 'identity'),
      via: 'served from storage (already built)',
    };
  if (first.status !== 202) throw new Error(`raw export: ${first.status} ${first.body.slice(0, 300)}`);
  let job = JSON.parse(first.body) as { id: string; status: string; downloadUrl?: string; error?: string | null };
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    job = JSON.parse((await getOk(base, `/api/jobs/${job.id}`, h)).body) as typeof job;
  }
  if (job.status !== 'done' || !job.downloadUrl) throw new Error(`raw export job ${job.status}: ${job.error ?? ''}`);
  return { ...(await download(base, job.downloadUrl, h)), via: 'built by a job, then downloaded' };
}

export async function runAnalyticsBench(
  opts: { agencies?: number; runs?: number; log?: boolean | ((m: string) => void) } = {},
): Promise<AnalyticsBenchFigures | { skipped: string }> {
  const log = benchLog(opts.log);
  const agencies = opts.agencies ?? numberOption('agencies', FULL_AGENCIES);
  const runs = opts.runs ?? numberOption('runs', 7);
  // A larger shared_buffers so the 2-million-answer table fits in memory.
  const target = await benchDatabase('analytics', log, { shared_buffers: '512MB', work_mem: '32MB' });
  if ('skipped' in target) return target;
  const { url, cluster } = target;
  let server: ProductionServer | undefined;
  // The server's own files (job outputs, storage): removed with the run.
  const appData = fs.mkdtempSync(path.join(os.tmpdir(), 'analytics-bench-app-'));
  try {
    const { db, close } = await openDatabase({ databaseUrl: url, dataDir: '/tmp' });
    let cycleId: number;
    let paddedAnswers: number;
    let answers: number;
    let token: string;
    const t0 = Date.now();
    try {
      await migrateToLatest(db);
      // On a server of one's own (BENCH_DATABASE_URL), a cycle loaded by an earlier run is reused:
      // generating 2 million answers takes a quarter of an hour, measuring a change takes a minute.
      const loaded = url === process.env.BENCH_DATABASE_URL ? await loadedCycle(db, agencies) : undefined;
      if (loaded) {
        ({ cycleId, paddedAnswers } = loaded);
        log(`analytics: reused the loaded fiscal-year-2099 cycle ${cycleId} (generation and padding skipped)`);
      } else {
        cycleId = (await generateSyntheticCycle(db, { agencies, fiscalYear: 2099, log })).cycleId;
        paddedAnswers = await padAnswers(db, cycleId, ANSWERS_PER_AGENCY);
      }
      answers = await cycleAnswerCount(db, cycleId);
      await sql`analyze`.execute(db);
      token = await staffToken(db, 'analyst');
    } finally {
      await close();
    }
    const generateMs = Date.now() - t0;
    // Per-user limits raised: one analyst asking many times in a row is the bench, not a person.
    server = await startProductionServer({
      DATABASE_URL: url,
      RATE_LIMIT_PER_MINUTE: '10000000',
      USER_RATE_LIMIT_PER_MINUTE: '10000000',
      DATA_DIR: appData,
    });
    const base = server.base;
    const h = { authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' };
    const a = `/api/analytics/cycles/${cycleId}`;
    const get = (p: string) => () => getOk(base, p, h);
    // The overview page's calls for the default view (verified basis, department track).
    const overview = [
      `/api/cycles/${cycleId}/framework`,
      `${a}/response-rates`,
      `${a}/levels?basis=verified&track=department`,
      `${a}/year-over-year?basis=verified&track=department`,
    ];
    const calls: Record<string, () => Promise<unknown>> = {
      overviewPage: () => Promise.all(overview.map((p) => getOk(base, p, h))),
      responseRates: get(`${a}/response-rates`),
      levels: get(`${a}/levels?basis=verified&track=department`),
      levelsPolicyRole: get(`${a}/levels?basis=verified&track=department&role=policy`),
      yearOverYear: get(`${a}/year-over-year?basis=verified&track=department`),
      itemTechnologies: get(`${a}/items/TECHNOLOGIES`),
      itemReasonCrossByOrgType: get(`${a}/items/OD_USER_SURVEY_REASON?crossBy=orgType`),
    };
    const load0 = loadAverage();
    const w0 = performance.now();
    const medians: Record<string, number> = {};
    const cold: Record<string, number> = {};
    const all: Record<string, number[]> = {};
    for (const [k, f] of Object.entries(calls)) {
      const c0 = performance.now();
      await f();
      cold[k] = Math.round((performance.now() - c0) * 10) / 10;
      const m = await medianHttp(runs, f);
      medians[k] = m.median;
      all[k] = m.all;
    }
    const pid = server.child.proc.pid;
    const serverRssBeforeMb = rssMb(pid);
    let serverPeakRssMb = serverRssBeforeMb;
    const sampler = setInterval(() => {
      serverPeakRssMb = Math.max(serverPeakRssMb, rssMb(pid));
    }, 100);
    const e0 = performance.now();
    const exp = await rawExport(base, cycleId, h).finally(() => clearInterval(sampler));
    const exportMs = Math.round(performance.now() - e0);
    const wall = (performance.now() - w0) / 1000;
    const full = agencies >= FULL_AGENCIES;

    log(
      `analytics: ${agencies} agencies, ${answers} answers (${answers - paddedAnswers} generated + ${paddedAnswers} bench-only padding; ${(generateMs / 1000).toFixed(1)} s to load); over HTTP (production bundle, PostgreSQL, analyst token), median of ${runs} runs each`,
    );
    log(`analytics: wall ${wall.toFixed(1)} s; load average before ${load0}, after ${loadAverage()}`);
    let ok = true;
    for (const [k, v] of Object.entries(medians)) {
      const j = judged(k, v, QUERY_TARGET_MS, `first call ${cold[k]} ms; runs ${all[k]?.join(', ')}`);
      ok &&= j.ok;
      log(j.line);
    }
    const e = judged(
      'rawLongExport',
      exportMs,
      EXPORT_TARGET_MS,
      `${(exp.bytes / 1048576).toFixed(1)} MB sent (${exp.encoding}), ${exp.via}; one run (a second would be served from storage)`,
    );
    ok &&= e.ok;
    log(e.line);
    log(
      `  server RSS ${serverRssBeforeMb} MB before the export, peak ${serverPeakRssMb} MB while building and sending it`,
    );
    log(
      `analytics: verdict ${full ? (ok ? 'MET' : 'MISSED') : `not judged (quick run at ${agencies} agencies; the targets are for ${FULL_AGENCIES}); at this size ${ok ? 'met' : 'missed'}`}`,
    );
    return {
      agencies,
      answers,
      generateMs,
      medians,
      cold,
      exportMs,
      exportBytes: exp.bytes,
      serverRssBeforeMb,
      serverPeakRssMb,
      paddedAnswers,
      ok: full ? ok : null,
    };
  } finally {
    await server?.stop();
    fs.rmSync(appData, { recursive: true, force: true });
    closeRequests();
    await cluster?.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runAnalyticsBench({ log: true });
}
