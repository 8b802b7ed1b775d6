/**
 * `npm run bench -- deadline`: deadline day as it really arrives, open loop (requests are sent at
 * their scheduled times whether or not earlier ones have answered; latency counts from the
 * scheduled time, so a stalled server cannot hide its queue), against the production bundle
 * (server/dist/server.js) on PostgreSQL with default durability (fsync, synchronous_commit on):
 *   - autosaves: 2,000 respondents of 2,000 agencies, 1,000 saves/s in total;
 *   - questionnaire page loads 10/s (the response and its framework);
 *   - agency result pages 5/s;
 *   - analyst dashboards 10/s (the overview page's calls: framework, response rates, levels, year over year);
 *   - one report job (every agency's PDF in a ZIP) running;
 *   - an event stream (SSE co-editing push) open for every respondent;
 * with the production rate limits, TRUST_PROXY on and every client on its own X-Forwarded-For
 * address, each respondent and each of 20 analysts its own user.
 * The measured minute follows a warm-up (--warmup=SECONDS, default 15: the rates at 25, 50 and 75%,
 * printed, not judged), as deadline-day servers have been answering since morning; the report job
 * runs in a separate worker process, as deployed.
 * Options: --duration=SECONDS (default 60) and --scale=FRACTION (default 1, scales rates and
 * respondents) for a quick run; the verdict counts only at full settings.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../server/src/db/schema';
import { freePort } from '../tests/support/pg-cluster';
import { importTestFramework, strengthAnswers, submitWithSnapshot } from '../tests/support/report-fixtures';
import {
  benchDatabase,
  benchLog,
  type Child,
  closeRequests,
  JWT_SECRET,
  Recorder,
  request,
  startChild,
  waitFor,
} from './bench-support';
import { type Fixture, seed } from './load-bench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { saveP99Ms: 300, loadP99Ms: 500, dashboardP99Ms: 500 };
const FULL = { respondents: 2000, saves: 1000, loads: 10, results: 5, dashboards: 10, duration: 60, warmup: 15 };
const ANALYSTS = 20;
const RESULT_AGENCIES = 50;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = arg ? Number(arg.split('=')[1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

/** Calls `fire` `rate` times a second for `seconds`, on schedule; returns when every call has settled. */
async function openLoop(rate: number, seconds: number, fire: (i: number, scheduledAt: number) => Promise<void>) {
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const pending: Promise<void>[] = [];
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) {
        const scheduledAt = started + (sent / rate) * 1000;
        pending.push(fire(sent, scheduledAt));
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 5);
    };
    tick();
  });
  await Promise.all(pending);
}

/** CPU ms (user+system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function procCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export async function runDeadlineBench({ log = true }: { log?: boolean } = {}) {
  const say = benchLog(log);
  const duration = option('duration', FULL.duration);
  const warmup = option('warmup', FULL.warmup);
  const scale = option('scale', 1);
  const full = duration >= FULL.duration && scale >= 1;
  const n = Math.max(10, Math.round(FULL.respondents * scale));
  const rates = {
    saves: FULL.saves * scale,
    loads: FULL.loads * scale,
    results: FULL.results * scale,
    dashboards: FULL.dashboards * scale,
  };
  const target = await benchDatabase('deadline', say, { shared_buffers: '256MB', max_connections: 300 });
  if ('skipped' in target) return null;
  const { url, cluster } = target;
  const children: Child[] = [];
  const streams: http.ClientRequest[] = [];
  try {
    const t0 = performance.now();
    const fx: Fixture = await seed(url, n, ANALYSTS);
    // A published cycle with results for the result pages and the report job.
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const fw = await importTestFramework(db);
    const published = await db
      .insertInto('cycles')
      .values({
        fiscal_year: 2300 + Math.floor(Math.random() * 600),
        name_th: 'ผลการสำรวจเพื่อทดสอบ',
        name_en: 'Bench results',
        framework_id: fw.id,
        status: 'published',
        opens_at: new Date('2020-01-01'),
        closes_at: new Date('2020-06-30'),
        published_at: new Date('2020-10-01'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const resultAgencies = fx.respondents.slice(0, RESULT_AGENCIES);
    for (const [i, r] of resultAgencies.entries()) {
      await submitWithSnapshot(
        db,
        published.id,
        r.agencyId,
        strengthAnswers(fw.framework, 'department', 0.3 + (i % 7) / 10, i + 1),
      );
    }
    await db.destroy();
    say(
      `deadline: seeded ${fx.respondents.length} respondents/agencies, ${ANALYSTS} analysts, ${RESULT_AGENCIES} published results (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );

    const port = await freePort();
    const bundle = path.join(root, 'server/dist/server.js');
    // DEADLINE_CPU_PROF=DIR writes a V8 CPU profile of the app server there when it stops.
    const prof = process.env.DEADLINE_CPU_PROF;
    const app = startChild(
      bundle,
      {
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        JWT_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        // Production rate limits (defaults); clients come from many addresses through a proxy.
        TRUST_PROXY: 'true',
        DATA_DIR: path.join(cluster?.dir ?? os.tmpdir(), 'deadline-app-data'),
        // As deployed (docker-compose.yml): jobs run in the worker, not in the server answering users.
        WORKER_IN_PROCESS: 'false',
      },
      prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
    );
    children.push(app);
    // The worker process, started as production starts it (it lowers its own priority, WORKER_NICE).
    const worker = startChild(path.join(root, 'server/dist/worker.js'), {
      DATABASE_URL: url,
      NODE_ENV: 'production',
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(cluster?.dir ?? os.tmpdir(), 'deadline-app-data'),
    });
    children.push(worker);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, app);

    const who = fx.respondents;
    const hdr = (token: string, n: number): Record<string, string> => ({
      authorization: `Bearer ${token}`,
      'x-forwarded-for': ip(n),
      'accept-encoding': 'br, gzip',
    });

    // Every respondent's questionnaire has its event stream open.
    let pushed = 0;
    let openStreams = 0;
    for (const [i, r] of who.entries()) {
      const t = await request(base, 'POST', `/api/responses/${r.responseId}/events/ticket`, hdr(r.token, i + 1));
      if (t.status !== 200) throw new Error(`ticket: ${t.status} ${t.body}`);
      const ticket = (JSON.parse(t.body) as { ticket: string }).ticket;
      const req = http.get(
        `${base}/api/responses/${r.responseId}/events?ticket=${encodeURIComponent(ticket)}&pillar=P1`,
        { headers: { accept: 'text/event-stream', 'x-forwarded-for': ip(i + 1) } },
        (res) => {
          if (res.statusCode === 200) openStreams++;
          res.on('data', (c: Buffer) => {
            pushed += c.toString().split('event: answers').length - 1;
          });
          res.on('error', () => {});
        },
      );
      req.on('error', () => {});
      streams.push(req);
    }
    await new Promise((r) => setTimeout(r, 2000));
    say(`deadline: ${openStreams} of ${who.length} event streams open`);

    const analystHdr = (i: number) =>
      hdr(fx.analystTokens[i % fx.analystTokens.length] as string, 100_000 + (i % ANALYSTS));
    const recorders = () => ({
      saves: new Recorder(),
      loads: new Recorder(),
      results: new Recorder(),
      dashboards: new Recorder(),
    });
    const revisions = new Map<string, number>();
    const codes = fx.codes.slice(0, 8);
    const frameworkTag = new Map<number, string>();

    // When the slow requests were sent: a stall that stops every class at once shows as one bucket.
    let wall0 = performance.now();
    let buckets = new Map<number, { n: number; slow: number; worst: number }>();
    const timed = (at: number) => {
      const ms = performance.now() - at;
      const k = Math.floor((at - wall0) / 5000);
      const b = buckets.get(k) ?? { n: 0, slow: 0, worst: 0 };
      b.n++;
      if (ms > TARGETS.saveP99Ms) b.slow++;
      b.worst = Math.max(b.worst, ms);
      buckets.set(k, b);
      return ms;
    };
    /** Every class of traffic at `factor` times its rate for `seconds`, recorded into `rec`. */
    let sent = 0;
    const traffic = (factor: number, seconds: number, rec: ReturnType<typeof recorders>) => {
      const { saves, loads, results, dashboards } = rec;
      const base0 = sent;
      sent += Math.round(rates.saves * factor * seconds);
      return Promise.all([
        openLoop(rates.saves * factor, seconds, async (n, at) => {
          const i = base0 + n;
          const r = who[i % who.length] as Fixture['respondents'][number];
          // Each respondent moves through the questions: the same answer is saved again only after
          // every respondent has saved once per question (16 s at full rate), as people do.
          const q = codes[Math.floor(i / who.length) % codes.length] as Fixture['codes'][number];
          const key = `${r.responseId}:${q.code}`;
          const value = q.min + ((i * 7) % (q.max - q.min + 1));
          const res = await request(
            base,
            'PUT',
            `/api/responses/${r.responseId}/answers/${q.code}`,
            { ...hdr(r.token, (i % who.length) + 1), 'content-type': 'application/json' },
            JSON.stringify({
              value,
              notApplicable: null,
              baseRevision: revisions.get(key) ?? 0,
              idempotencyKey: crypto.randomUUID(),
            }),
          );
          saves.add(timed(at), res.status);
          if (res.status === 200) revisions.set(key, (JSON.parse(res.body) as { revision: number }).revision);
        }),
        openLoop(rates.loads * factor, seconds, async (i, at) => {
          const k = (i * 37) % who.length;
          const r = who[k] as Fixture['respondents'][number];
          const h = hdr(r.token, k + 1);
          const [a, b] = await Promise.all([
            request(base, 'GET', `/api/responses/${r.responseId}`, h),
            request(base, 'GET', `/api/cycles/${fx.cycleId}/framework`, h),
          ]);
          loads.add(timed(at), a.status !== 200 ? a.status : b.status);
        }),
        openLoop(rates.results * factor, seconds, async (i, at) => {
          const k = i % resultAgencies.length;
          const r = resultAgencies[k] as Fixture['respondents'][number];
          const res = await request(
            base,
            'GET',
            `/api/results/${published.id}/agency/${r.agencyId}`,
            hdr(r.token, k + 1),
          );
          results.add(timed(at), res.status);
        }),
        openLoop(rates.dashboards * factor, seconds, async (i, at) => {
          const h = analystHdr(i);
          const cycle = i % 2 === 0 ? fx.cycleId : published.id;
          const tag = frameworkTag.get(cycle);
          const all = await Promise.all([
            request(base, 'GET', `/api/cycles/${cycle}/framework`, tag ? { ...h, 'if-none-match': tag } : h),
            request(base, 'GET', `/api/analytics/cycles/${cycle}/response-rates`, h),
            request(base, 'GET', `/api/analytics/cycles/${cycle}/levels?basis=self`, h),
            request(base, 'GET', `/api/analytics/cycles/${cycle}/year-over-year?basis=self`, h),
          ]);
          const etag = all[0].headers.etag;
          if (typeof etag === 'string') frameworkTag.set(cycle, etag);
          const bad = all.find((x) => x.status !== 200 && x.status !== 304);
          dashboards.add(timed(at), bad ? bad.status : 200);
        }),
      ]);
    };

    // Warm-up, not judged: on deadline day the servers have been answering since morning (compiled
    // code, cached sessions and response facts, open connections). The rate climbs to full over
    // WARMUP seconds; its own figures are printed so nothing is hidden.
    if (warmup > 0) {
      const w = recorders();
      for (const f of [0.25, 0.5, 0.75]) await traffic(f, warmup / 3, w);
      say(
        `deadline: warm-up ${warmup} s at 25/50/75% of the rates (not judged): saves p99 ${w.saves.pct(99)} ms, page loads p99 ${w.loads.pct(99)} ms, results p99 ${w.results.pct(99)} ms, dashboards p99 ${w.dashboards.pct(99)} ms, errors ${w.saves.errors + w.loads.errors + w.results.errors + w.dashboards.errors}`,
      );
    }
    // One report job for the measured minute, started as it begins.
    const job = process.env.DEADLINE_NO_JOB
      ? { status: 0, body: 'skipped (DEADLINE_NO_JOB)', headers: {} }
      : await request(base, 'POST', `/api/results/${published.id}/reports-zip?lang=th`, analystHdr(0));
    say(
      `deadline: report job ${job.status === 202 ? 'started' : `NOT started (${job.status} ${job.body.slice(0, 200)})`}`,
    );

    say(
      `deadline: ${duration} s open loop: ${rates.saves} saves/s, ${rates.loads} loads/s, ${rates.results} results/s, ${rates.dashboards} dashboards/s${full ? '' : ' (QUICK RUN: the verdict counts only at full settings)'}`,
    );
    const { saves, loads, results, dashboards } = recorders();
    buckets = new Map();
    const load0 = os.loadavg();
    wall0 = performance.now();
    const appCpu0 = procCpuMs(app.proc.pid);
    const workerCpu0 = procCpuMs(worker.proc.pid);
    const genCpu0 = process.cpuUsage();
    await traffic(1, duration, { saves, loads, results, dashboards });
    const wall = (performance.now() - wall0) / 1000;
    const load1 = os.loadavg();
    const appCpu = procCpuMs(app.proc.pid) - appCpu0;
    const workerCpu = procCpuMs(worker.proc.pid) - workerCpu0;
    const genUse = process.cpuUsage(genCpu0);
    const genCpu = (genUse.user + genUse.system) / 1000;
    const jobState =
      job.status === 202
        ? await request(base, 'GET', `/api/jobs/${(JSON.parse(job.body) as { id: string }).id}`, analystHdr(0))
        : null;

    const line = (name: string, r: Recorder, target: number) => {
      const ok = r.latencies.length > 0 && r.pct(99) < target && r.errors === 0;
      say(
        `  ${name.padEnd(11)} ${String(r.latencies.length).padStart(6)} requests  p50 ${String(r.pct(50)).padStart(5)} ms  p99 ${String(r.pct(99)).padStart(5)} ms (target < ${target})  errors ${r.errors}  shed(503) ${r.shed}  statuses ${JSON.stringify(r.statuses)}  ${ok ? 'OK' : 'MISSED'}`,
      );
      return ok;
    };
    say(
      `deadline: wall ${wall.toFixed(1)} s; load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')} (${os.availableParallelism()} cores)`,
    );
    const requestsServed =
      saves.latencies.length + 2 * loads.latencies.length + results.latencies.length + 4 * dashboards.latencies.length;
    say(
      `deadline: CPU during the run: app server ${Math.round(appCpu)} ms (${(appCpu / wall / 10).toFixed(0)}% of a core; ${(appCpu / Math.max(1, saves.latencies.length)).toFixed(2)} ms per save, ${(appCpu / Math.max(1, requestsServed)).toFixed(2)} ms per request of all kinds), load generator ${Math.round(genCpu)} ms (${(genCpu / wall / 10).toFixed(0)}% of a core), job worker ${Math.round(workerCpu)} ms without its Chromium (${(workerCpu / wall / 10).toFixed(0)}% of a core)`,
    );
    say(
      `deadline: by time sent (5 s buckets: requests, over ${TARGETS.saveP99Ms} ms, worst): ${[...buckets.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([k, b]) => `${k * 5}s ${b.n}/${b.slow}/${(b.worst / 1000).toFixed(1)}s`)
        .join(', ')}`,
    );
    const okS = line('saves', saves, TARGETS.saveP99Ms);
    const okL = line('page loads', loads, TARGETS.loadP99Ms);
    const okR = line('results', results, TARGETS.loadP99Ms);
    const okD = line('dashboards', dashboards, TARGETS.dashboardP99Ms);
    say(
      `  event streams: ${openStreams} open, ${pushed} answer pushes received; report job: ${jobState ? jobState.body.slice(0, 160) : 'none'}`,
    );
    const ok = okS && okL && okR && okD;
    say(
      `deadline: verdict ${full ? (ok ? 'MET' : 'MISSED') : `not judged (quick run: --duration=${duration} --scale=${scale}); at these settings ${ok ? 'all targets met' : 'targets missed'}`}`,
    );
    return { ok: full ? ok : null };
  } finally {
    for (const s of streams) s.destroy();
    closeRequests();
    for (const ch of children) await ch.stop();
    await cluster?.destroy();
  }
}
