/**
 * `npm run bench -- load`: the autosave hot path under load on real PostgreSQL.
 *
 * Starts a throwaway cluster with DEFAULT durability (fsync on, synchronous_commit on) unless
 * BENCH_DATABASE_URL is given, seeds the 2566 framework, an open cycle and 200 respondents of
 * 200 agencies, runs the production server as a child process, and drives it with autocannon:
 *   (a) 100 connections autosaving as fast as they can (each its own agency, revision tracked),
 *   (d) analysts reading dashboards concurrently with (a),
 *   (b) a bare Fastify + pg route doing the same single-row upsert (the practical limit),
 *   (c) 500 connections autosaving: every error other than a deliberate 503 counts.
 * Env: LOAD_DURATION (seconds per phase, default 15).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { runSeeds } from '../seeds/seed';
import { migrateToLatest } from '../server/src/db/migrate';
import type { Database } from '../server/src/db/schema';
import { hashPassword } from '../server/src/lib/passwords';
import { trackFramework } from '../server/src/modules/responses/framework-cache';
import { freePort } from '../tests/support/pg-cluster';
import { benchDatabase, benchLog } from './bench-support';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const AGENCIES = 200;
const DAY = 86_400_000;

const TARGETS = {
  throughputShareOfBare: 0.6,
  p99VsBare: 2,
  dashboardP99Ms: 500,
};

export interface Child {
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function startChild(script: string, env: Record<string, string>, nodeArgs: string[] = []): Child {
  // A built bundle runs as production runs it (Dockerfile, npm start); TypeScript needs tsx's loader.
  const runner = script.endsWith('.js') ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...nodeArgs, ...runner, script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  return {
    proc,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function waitFor(url: string, child: Child, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.proc.exitCode !== null) throw new Error(`server exited:\n${child.output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}:\n${child.output()}`);
}

/** An HS256 JWT as @fastify/jwt issues them (the server verifies with the same secret). */
function signHs256(claims: object, secret: string, ttlSeconds: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export interface Fixture {
  cycleId: number;
  respondents: { userId: number; email: string; agencyId: number; responseId: number; token: string }[];
  analystToken: string;
  /** One token per analyst seeded (`analysts`), for spreading per-user rate limits. */
  analystTokens: string[];
  /** Number/percentage questions with a value range, safe to write with any counter. */
  codes: { code: string; min: number; max: number }[];
}

export async function seed(url: string, agencyCount = AGENCIES, analysts = 1): Promise<Fixture> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
    await runSeeds(db, { demo: false });
    const fw = await db
      .selectFrom('frameworks')
      .select(['id', 'hash'])
      .where('code', '=', 'DGRS-2566')
      .executeTakeFirstOrThrow();
    const cycle = await db
      .insertInto('cycles')
      .values({
        fiscal_year: 2090 + Math.floor(Math.random() * 9),
        name_th: 'การสำรวจเพื่อทดสอบภาระ',
        name_en: 'Load benchmark survey',
        framework_id: fw.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let agencies = await db
      .selectFrom('agencies')
      .select('id')
      .where('track', '=', 'department')
      .orderBy('id')
      .limit(agencyCount)
      .execute();
    for (let i = agencies.length; i < agencyCount; i++) {
      await db
        .insertInto('agencies')
        .values({
          code: `LB${String(i).padStart(4, '0')}`,
          track: 'department',
          name_th: `หน่วยงานทดสอบ ${i}`,
          name_en: `Load agency ${i}`,
          ministry_code: null,
          org_type: 'government_agency',
          role: 'service',
          region: null,
          merged_into_id: null,
        })
        .execute();
    }
    agencies = await db
      .selectFrom('agencies')
      .select('id')
      .where('track', '=', 'department')
      .orderBy('id')
      .limit(agencyCount)
      .execute();
    await db
      .insertInto('cycle_agencies')
      .values(agencies.map((a) => ({ cycle_id: cycle.id, agency_id: a.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const hash = await hashPassword('Load-bench-42!');
    const tag = randomUUID().slice(0, 8);
    const users = await db
      .insertInto('users')
      .values([
        ...agencies.map((a, i) => ({
          email: `load.${tag}.${i}@bench.go.th`,
          display_name: `Respondent ${i}`,
          role: 'respondent' as const,
          agency_id: a.id,
          password_hash: hash,
        })),
        ...Array.from({ length: analysts }, (_, i) => ({
          email: i === 0 ? `analyst.${tag}@bench.dga.or.th` : `analyst${i}.${tag}@bench.dga.or.th`,
          display_name: `Analyst ${i}`,
          role: 'analyst' as const,
          agency_id: null,
          password_hash: hash,
        })),
      ])
      .returning(['id', 'email', 'role', 'agency_id'])
      .execute();
    const responses = await db
      .insertInto('responses')
      .values(agencies.map((a) => ({ cycle_id: cycle.id, agency_id: a.id })))
      .returning(['id', 'agency_id'])
      .execute();
    const responseOf = new Map(responses.map((r) => [r.agency_id, r.id]));
    const sign = (claims: object) => signHs256(claims, JWT_SECRET, 4 * 3600);
    // Each user signed in once: the token names its session, which every request checks (cached).
    const sessions = new Map(users.map((u) => [u.id, randomUUID()]));
    await db
      .insertInto('sessions')
      .values(users.map((u) => ({ id: sessions.get(u.id) as string, user_id: u.id })))
      .execute();
    const token = (u: (typeof users)[number]) =>
      sign({ sub: String(u.id), email: u.email, role: u.role, agencyId: u.agency_id, sid: sessions.get(u.id), ver: 1 });
    const tf = await trackFramework(db, fw.id, fw.hash, 'department');
    const codes = [...tf.questions.values()]
      .map((e) => e.question)
      .filter((q) => q.type === 'number' || q.type === 'percentage')
      .map((q) => ({
        code: q.code,
        min: q.type === 'percentage' ? 0 : Math.ceil(q.number?.min ?? 0),
        max: q.type === 'percentage' ? 100 : Math.floor(q.number?.max ?? 1000),
      }));
    return {
      cycleId: cycle.id,
      respondents: users
        .filter((u) => u.role === 'respondent')
        .map((u) => ({
          userId: u.id,
          email: u.email,
          agencyId: u.agency_id as number,
          responseId: responseOf.get(u.agency_id as number) as number,
          token: token(u),
        })),
      analystToken: token(users.find((u) => u.role === 'analyst') as (typeof users)[number]),
      analystTokens: users.filter((u) => u.role === 'analyst').map(token),
      codes,
    };
  } finally {
    await db.destroy();
  }
}

interface Phase {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

const summarize = (r: autocannon.Result, statuses: Record<string, number>): Phase => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  total: r.requests.total,
  statuses,
  errors: r.errors,
  timeouts: r.timeouts,
});

/** Revisions last acknowledged per response:question, kept across phases (and re-read between them). */
const appRevisions = new Map<string, number>();
const bareRevisions = new Map<string, number>();

/**
 * Autosaves. Work items are (agency, slice of questions); a request takes a free item and gives
 * it back with its response, so no two requests in flight edit the same agency's slice (with
 * 100 connections: never the same agency). autocannon resets a connection's context between
 * iterations, so the item travels in the context of the request it belongs to.
 */
function saveLoad(
  base: string,
  fx: Fixture,
  connections: number,
  duration: number,
  codeSlots: Fixture['codes'][],
  bare = false,
) {
  const revisions = bare ? bareRevisions : appRevisions;
  const statuses: Record<string, number> = {};
  const free: { who: Fixture['respondents'][number]; slot: Fixture['codes']; n: number }[] = [];
  for (const slot of codeSlots) for (const who of fx.respondents) free.push({ who, slot, n: 0 });
  if (free.length < connections) throw new Error('more connections than work items');
  type Ctx = { item?: (typeof free)[number]; key?: string };
  const run = autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    initialContext: {},
    requests: [
      {
        setupRequest: (req, ctx: object) => {
          const context = ctx as Ctx;
          const all = free.length ? undefined : codeSlots.length * fx.respondents.length;
          // Should not happen; if autocannon ever dropped a context, reuse an item rather than stall.
          const item = free.shift() ?? {
            who: fx.respondents[0] as Fixture['respondents'][number],
            slot: codeSlots[0] as Fixture['codes'],
            n: all ?? 0,
          };
          context.item = item;
          const { who, slot } = item;
          const q = slot[item.n % slot.length] as Fixture['codes'][number];
          const value = q.min + ((item.n * 7 + who.userId) % (q.max - q.min + 1));
          item.n++;
          const key = `${who.responseId}:${q.code}`;
          context.key = key;
          if (bare) {
            return {
              ...req,
              method: 'PUT',
              path: `/bare/${who.responseId}/${q.code}`,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ value, userId: who.userId }),
            };
          }
          return {
            ...req,
            method: 'PUT',
            path: `/api/responses/${who.responseId}/answers/${q.code}`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
            body: JSON.stringify({
              value,
              notApplicable: null,
              baseRevision: revisions.get(key) ?? 0,
              idempotencyKey: randomUUID(),
            }),
          };
        },
        onResponse: (status, body, ctx: object) => {
          const context = ctx as Ctx;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (context.item) free.push(context.item);
          context.item = undefined;
          if (!context.key) return;
          try {
            const j = JSON.parse(body);
            if (status === 200) revisions.set(context.key, j.revision);
            else if (status === 409 && j.error?.details?.current) {
              revisions.set(context.key, j.error.details.current.revision);
            }
          } catch {}
        },
      },
    ],
  });
  return run.then((r) => summarize(r, statuses));
}

function dashboardLoad(base: string, fx: Fixture, connections: number, duration: number) {
  const statuses: Record<string, number> = {};
  type Ctx = { n: number };
  return autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    initialContext: { n: 0 },
    requests: [
      {
        setupRequest: (req, ctx: object) => {
          const context = ctx as Ctx;
          context.n++;
          const who = fx.respondents[(context.n * 13) % fx.respondents.length] as Fixture['respondents'][number];
          return {
            ...req,
            method: 'GET',
            path:
              context.n % 2 === 0 ? `/api/analytics/cycles/${fx.cycleId}/levels` : `/api/responses/${who.responseId}`,
            headers: { authorization: `Bearer ${fx.analystToken}` },
          };
        },
        onResponse: (status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
      },
    ],
  }).then((r) => summarize(r, statuses));
}

/** Re-reads stored revisions: a request cut off at the end of a phase may have committed unseen. */
async function syncRevisions(url: string) {
  // Let the server finish requests whose clients the previous phase cut off.
  await new Promise((r) => setTimeout(r, 1500));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query('select response_id, question_code, revision from answers');
  await c.end();
  appRevisions.clear();
  for (const r of rows) appRevisions.set(`${r.response_id}:${r.question_code}`, r.revision);
}

/**
 * Write cost read from PostgreSQL itself: WAL bytes written and answer-row updates that were
 * heap-only (HOT, no index entries). Unlike req/s these do not depend on what else the machine runs.
 */
async function writeCounters(url: string) {
  await new Promise((r) => setTimeout(r, 1200)); // backends flush their statistics about once a second
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const wal = await c.query<{ b: string }>(`select (pg_current_wal_lsn() - '0/0')::text as b`);
  const hot = await c.query<{ upd: string; hot: string }>(
    `select coalesce(sum(n_tup_upd), 0)::text as upd, coalesce(sum(n_tup_hot_upd), 0)::text as hot
       from pg_stat_user_tables where relname = 'answers'`,
  );
  await c.end();
  return { wal: Number(wal.rows[0]?.b ?? 0), upd: Number(hot.rows[0]?.upd ?? 0), hot: Number(hot.rows[0]?.hot ?? 0) };
}

const costLine = (before: Awaited<ReturnType<typeof writeCounters>>, after: typeof before, requests: number) => {
  const upd = after.upd - before.upd;
  const hotShare = upd > 0 ? ((after.hot - before.hot) / upd) * 100 : 0;
  return `${Math.round((after.wal - before.wal) / Math.max(1, requests))} WAL bytes per save, ${hotShare.toFixed(0)}% of answer updates HOT`;
};

const fmt = (p: Phase) =>
  `${p.rps.toFixed(0)} req/s, p50 ${p.p50} ms, p99 ${p.p99} ms, ${p.total} requests, statuses ${JSON.stringify(p.statuses)}${p.errors ? `, ${p.errors} socket errors` : ''}${p.timeouts ? `, ${p.timeouts} timeouts` : ''}`;

export async function runLoadBench({ log = true }: { log?: boolean } = {}) {
  const say = benchLog(log);
  const duration = Number(process.env.LOAD_DURATION ?? 15);
  const target = await benchDatabase('load', say, { shared_buffers: '256MB', max_connections: 300 });
  if ('skipped' in target) return null;
  const { url, cluster } = target;
  const children: Child[] = [];
  try {
    const t0 = performance.now();
    const fx = await seed(url);
    say(
      `load: seeded cycle ${fx.cycleId}, ${fx.respondents.length} respondents, ${fx.codes.length} numeric questions (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    if (fx.codes.length < 14) throw new Error('not enough numeric questions to spread the load');
    // Phase (a) uses 8 questions; (c) gives each of up to 3 connections per agency its own 2.
    const setA = fx.codes.slice(0, 8);
    const slotsC = [fx.codes.slice(8, 10), fx.codes.slice(10, 12), fx.codes.slice(12, 14)];

    const appPort = await freePort();
    const app = startChild(
      'server/src/server.ts',
      {
        DATABASE_URL: url,
        PORT: String(appPort),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        JWT_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        // One client address drives every connection here: the per-address limit would answer 429.
        RATE_LIMIT_PER_MINUTE: '100000000',
        DATA_DIR: path.join(cluster?.dir ?? '/tmp', 'app-data'),
      },
      process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : [],
    );
    children.push(app);
    const appBase = `http://127.0.0.1:${appPort}`;
    await waitFor(`${appBase}/api/health`, app);

    say('load: warming up (3 s)');
    await saveLoad(appBase, fx, 20, 3, [setA]);

    await syncRevisions(url);
    say(`load: (a) 100 connections autosaving + (d) 10 analyst connections reading dashboards, ${duration} s`);
    const [a, d] = await Promise.all([
      saveLoad(appBase, fx, 100, duration, [setA]),
      dashboardLoad(appBase, fx, 10, duration),
    ]);
    say(`  (a) autosave:   ${fmt(a)}`);
    say(`  (d) dashboards: ${fmt(d)}`);

    if (process.env.LOAD_ONLY_A) {
      await app.stop();
      return null;
    }
    await syncRevisions(url);
    say(`load: (a-alone) 100 connections autosaving without dashboards, ${duration} s`);
    const costBefore = await writeCounters(url);
    const aAlone = await saveLoad(appBase, fx, 100, duration, [setA]);
    say(`  (a-alone):      ${fmt(aAlone)}`);
    say(`  (a-alone) cost: ${costLine(costBefore, await writeCounters(url), aAlone.statuses['200'] ?? 0)}`);

    await syncRevisions(url);
    say(`load: (c) 500 connections autosaving, ${duration} s`);
    const c = await saveLoad(appBase, fx, 500, duration, slotsC);
    say(`  (c) 500 conns:  ${fmt(c)}`);
    const cBad = Object.entries(c.statuses)
      .filter(([s]) => s !== '200' && s !== '503')
      .reduce((n, [, k]) => n + k, 0);
    await app.stop();

    const barePort = await freePort();
    const bare = startChild(
      'bench/bare-upsert-server.ts',
      { DATABASE_URL: url, PORT: String(barePort), POOL_MAX: '20' },
      process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}/bare`] : [],
    );
    children.push(bare);
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitFor(`${bareBase}/`, bare);
    await saveLoad(bareBase, fx, 20, 3, [setA], true);
    say(`load: (b) bare Fastify + pg single-row upsert, 100 connections, ${duration} s`);
    const bareBefore = await writeCounters(url);
    const b = await saveLoad(bareBase, fx, 100, duration, [setA], true);
    say(`  (b) bare:       ${fmt(b)}`);
    say(`  (b) cost:       ${costLine(bareBefore, await writeCounters(url), b.statuses['200'] ?? 0)}`);
    await bare.stop();

    const share = aAlone.rps / b.rps;
    const p99Ratio = aAlone.p99 / b.p99;
    const okA = share >= TARGETS.throughputShareOfBare;
    const okP = p99Ratio <= TARGETS.p99VsBare;
    const okC = cBad === 0 && c.errors === 0 && c.timeouts === 0;
    // No completed dashboard read at all is a failure, not a p99 of zero.
    const okD = d.total > 0 && d.p99 < TARGETS.dashboardP99Ms;
    say('load: against targets');
    say(
      `  autosave throughput ${aAlone.rps.toFixed(0)} req/s = ${(share * 100).toFixed(0)}% of bare ${b.rps.toFixed(0)} (target >= 60%) ${okA ? 'OK' : 'MISSED'}`,
    );
    say(
      `  autosave p99 ${aAlone.p99} ms = ${p99Ratio.toFixed(2)}x bare p99 ${b.p99} ms (target <= 2x) ${okP ? 'OK' : 'MISSED'}`,
    );
    say(
      `  500 connections: ${cBad} errors other than 503 (${c.statuses['503'] ?? 0} deliberate 503s, ${c.errors} socket errors, ${c.timeouts} timeouts) ${okC ? 'OK' : 'MISSED'}`,
    );
    say(
      `  dashboard p99 under autosave load ${d.p99} ms over ${d.total} reads (target < 500 ms) ${okD ? 'OK' : 'MISSED'}`,
    );
    return { a, aAlone, b, c, d, share, p99Ratio, ok: okA && okP && okC && okD };
  } finally {
    for (const ch of children) await ch.stop();
    await cluster?.destroy();
  }
}
