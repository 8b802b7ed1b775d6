import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema';
import { hashPassword } from '../server/src/lib/passwords';
import { findPgBin, freePort, type PgCluster, startPgCluster } from '../tests/support/pg-cluster';

export type BenchLog = (m: string) => void;

/** `log`: true prints (as bench/run.ts passes), false is silent, a function receives the lines. */
export function benchLog(log: boolean | BenchLog | undefined): BenchLog {
  if (typeof log === 'function') return log;
  return log === false ? () => {} : (m: string) => console.log(m);
}

/** Median wall time in ms (one decimal) of `runs` sequential calls: one slow outlier does not decide. */
export async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] as number) * 10) / 10;
}

export interface BenchDatabase {
  url: string;
  /** Set when the bench started its own cluster; the caller destroys it. */
  cluster?: PgCluster;
}

/**
 * The server at BENCH_DATABASE_URL, or a throwaway cluster with default durability (fsync and
 * synchronous_commit on, as in production) and the given settings. Undefined, with the reason
 * logged, when neither is possible.
 */
export async function benchDatabase(
  name: string,
  log: BenchLog,
  settings: Record<string, string | number> = {},
): Promise<BenchDatabase | { skipped: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return { url };
  if (!findPgBin()) {
    const skipped = `${name}: skipped - set BENCH_DATABASE_URL or install PostgreSQL (apt-get install -y postgresql)`;
    log(skipped);
    return { skipped };
  }
  const cluster = await startPgCluster({ settings });
  log(`${name}: throwaway PostgreSQL on port ${cluster.port} (default durability: fsync and synchronous_commit on)`);
  return { url: cluster.url, cluster };
}

// ---------------------------------------------------------------- the real HTTP path

export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** An environment with the keys set to undefined removed (undefined unsets, e.g. DATABASE_URL). */
export function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function startChild(script: string, env: Record<string, string | undefined>, nodeArgs: string[] = []): Child {
  // A built bundle runs as production runs it (Dockerfile, npm start); TypeScript needs tsx's loader.
  const runner = script.endsWith('.js') ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...nodeArgs, ...runner, script], {
    cwd: benchRoot,
    env: withoutUnset({ ...process.env, ...env }),
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

export interface ProductionServer {
  base: string;
  child: Child;
  stop(): Promise<void>;
}

/**
 * The production bundle (server/dist/server.js, from `npm run build`) as a child process: what a
 * deployment runs, so a bench measures compression, caching and the bundle, not the dev server.
 * `env` adds to a production-like default (DATABASE_URL unset means the embedded database).
 */
export async function startProductionServer(
  env: Record<string, string | undefined>,
  nodeArgs: string[] = [],
): Promise<ProductionServer> {
  const bundle = path.join(benchRoot, 'server/dist/server.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = startChild(
    bundle,
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      JWT_SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ...env,
    },
    nodeArgs,
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, child, 180_000);
  return { base, child, stop: () => child.stop() };
}

/** An HS256 JWT as @fastify/jwt issues them (the server verifies with the same secret). */
export function signHs256(claims: object, secret: string, ttlSeconds: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * A staff user signed in once (a session row, as sign-in makes) and its bearer token for a server
 * started with JWT_SECRET: the bench's requests pass the same auth checks as a person's.
 */
export async function staffToken(db: Kysely<Database>, role: 'analyst' | 'admin'): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const user = await db
    .insertInto('users')
    .values({
      email: `${role}.${tag}@bench.dga.or.th`,
      display_name: `Bench ${role}`,
      role,
      agency_id: null,
      password_hash: await hashPassword(`Bench-${tag}-42!`),
    })
    .returning(['id', 'email', 'role', 'agency_id'])
    .executeTakeFirstOrThrow();
  const sid = randomUUID();
  await db.insertInto('sessions').values({ id: sid, user_id: user.id }).execute();
  return signHs256(
    { sub: String(user.id), email: user.email, role: user.role, agencyId: user.agency_id, sid, ver: 1 },
    JWT_SECRET,
    4 * 3600,
  );
}

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4000 });

/** One HTTP request over a shared keep-alive agent; a network error is status 0, never a throw. */
export function request(
  base: string,
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpResult> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${p}`, { method, headers, agent, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: String(e), headers: {} }));
    if (body) req.write(body);
    req.end();
  });
}

/** Closes the shared keep-alive sockets so the process can exit. */
export function closeRequests() {
  agent.destroy();
}

/** A GET that must answer 200 (or 304): anything else stops the bench, since it would time an error. */
export async function getOk(base: string, p: string, headers: Record<string, string>): Promise<HttpResult> {
  const r = await request(base, 'GET', p, headers);
  if (r.status !== 200 && r.status !== 304) throw new Error(`GET ${p}: ${r.status} ${r.body.slice(0, 300)}`);
  return r;
}

export class Recorder {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  add(ms: number, status: number | string) {
    this.latencies.push(ms);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
  }
  pct(p: number): number {
    if (!this.latencies.length) return Number.NaN;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
  }
  get shed() {
    return this.statuses['503'] ?? 0;
  }
  get errors() {
    return Object.entries(this.statuses)
      .filter(([s]) => s !== '200' && s !== '202' && s !== '304' && s !== '503')
      .reduce((n, [, k]) => n + k, 0);
  }
}

/**
 * `concurrency` readers each sending its next request as soon as the last one answered, for
 * `seconds`: the latency a handful of people clicking about at once would see.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  fire: (reader: number) => Promise<number>,
): Promise<Recorder> {
  const rec = new Recorder();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, reader) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const status = await fire(reader);
        rec.add(performance.now() - t0, status);
      }
    }),
  );
  return rec;
}

/** The median of a list of figures (the middle one; the upper middle for an even count). */
export function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Resident memory (MB) of a process, from /proc (Linux); NaN elsewhere. */
export function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Load average now, for printing beside a figure: a busy machine explains a slow one. */
export const loadAverage = () =>
  `${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${os.availableParallelism()} cores)`;

/** A figure with its target and verdict, one line. */
export function judged(name: string, ms: number, targetMs: number, extra = ''): { line: string; ok: boolean } {
  const ok = Number.isFinite(ms) && ms < targetMs;
  return {
    ok,
    line: `  ${name.padEnd(30)} ${String(Math.round(ms * 10) / 10).padStart(8)} ms  target < ${targetMs} ms  ${ok ? 'MET' : 'MISSED'}${extra ? `  ${extra}` : ''}`,
  };
}

/** Median wall times of `runs` calls, each returning its own status check; for HTTP figures. */
export async function medianHttp(runs: number, f: () => Promise<unknown>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    all.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  return { median: medianOf(all), all };
}

/** `--name=N` from the command line (bench/run.ts passes its arguments through), else `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = arg ? Number(arg.split('=')[1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
