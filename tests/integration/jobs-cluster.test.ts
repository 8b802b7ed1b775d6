import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { CHROMIUM_PATH } from '../../server/src/modules/reports/pdf';
import { insertUser, PASSWORD } from '../support/fixtures';
import { freePort, type PgCluster, pgAvailable, startPgCluster } from '../support/pg-cluster';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';

/**
 * Several processes on one PostgreSQL: two app servers that do not run jobs (WORKER_IN_PROCESS=false)
 * and a separate worker (`npm run worker`), all sharing the file storage directory as they would an
 * S3 bucket. PostgreSQL only: the embedded database cannot be shared between processes (its
 * in-process queue is covered by jobs.test.ts).
 */

const root = path.resolve(import.meta.dirname, '../..');
const hasBrowser = fs.existsSync(CHROMIUM_PATH);
const enabled = hasBrowser && pgAvailable('jobs across app servers and a worker process');
if (!hasBrowser) console.warn(`\n!!! jobs-cluster: SKIPPED - Chromium not found at ${CHROMIUM_PATH}\n`);
const AGENCIES = 10;
const JWT_SECRET = 'jobs-cluster-secret-jobs-cluster-secret-0123';

let cluster: PgCluster;
let database: DatabaseHandle;
let dataDir: string;
let cycleId: number;
const procs: ChildProcess[] = [];

function env(extra: Record<string, string> = {}) {
  return {
    ...process.env,
    DATABASE_URL: cluster.url,
    NODE_ENV: 'test',
    JWT_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    DATA_DIR: dataDir,
    DATABASE_POOL_MAX: '6',
    WORKER_IN_PROCESS: 'false',
    // Short runs and quick recovery of a lost one, so a killed worker's job resumes within the test.
    JOB_SLICE_SECONDS: '2',
    JOB_MAINTENANCE_SECONDS: '1',
    REPORT_PDF_CONCURRENCY: '2',
    ...extra,
  };
}

async function startServer(): Promise<string> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    env: env({ PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  procs.push(proc);
  let err = '';
  proc.stderr?.on('data', (d) => {
    err += d;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${err}`);
    if (i > 1200) throw new Error(`server did not start: ${err}`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return base;
    await sleep(100);
  }
}

async function startWorker(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/worker.ts'], {
    cwd: root,
    // Normal priority: this test is about jobs crossing servers and restarts, and the test runner's
    // other workers keep this machine busy, where an idle-priority Chromium would barely run.
    // The priority itself is tested in pdf-printer-priority.test.ts and by prod-smoke's worker.
    env: { ...env(), WORKER_NICE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${out}`)), 120_000);
    proc.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr?.on('data', (d) => {
      out += d;
    });
    proc.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
  });
  return proc;
}

const kill = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });

beforeAll(async () => {
  if (!enabled) return;
  cluster = await startPgCluster();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-jobs-cluster-'));
  database = await openDatabase({ databaseUrl: cluster.url, dataDir, poolMax: 4 });
  await migrateToLatest(database.db);
  const f = await importTestFramework(database.db);
  cycleId = (await insertCycle(database.db, f.id, 2023, 'published')).id;
  for (let i = 0; i < AGENCIES; i++) {
    const a = await insertNamedAgency(database.db, `K${String(i).padStart(2, '0')}`, `กรมทดสอบ ${i}`, `Dept ${i}`);
    await submitWithSnapshot(database.db, cycleId, a.id, strengthAnswers(f.framework, 'department', (i % 5) / 5, i));
  }
  await insertUser(database.db, 'cluster.analyst@test.dga.or.th', 'analyst');
}, 180_000);

afterAll(async () => {
  for (const p of procs) await kill(p);
  await database?.close();
  await cluster?.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!enabled)('report ZIP across two app servers and a worker process (PostgreSQL)', () => {
  it('is started on A, followed and downloaded on B, and survives the worker being killed mid-job', async () => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    let worker = await startWorker();
    const login = await fetch(`${a}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cluster.analyst@test.dga.or.th', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
    const status = async () => (await fetch(`${b}/api/jobs/${job.id}`, { headers })).json();

    const start = await fetch(`${a}/api/results/${cycleId}/reports-zip`, { method: 'POST', headers });
    expect(start.status).toBe(202);
    const job = await start.json();
    expect(job).toMatchObject({ kind: 'report-zip', total: AGENCIES });

    // B reports the progress the worker records; kill the worker once a few reports are stored.
    await expect.poll(async () => (await status()).done, { timeout: 180_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await kill(worker);
    const cut = await status();
    expect(cut.status).toBe('running');
    expect(cut.done).toBeLessThan(AGENCIES);

    worker = await startWorker();
    await expect
      .poll(async () => (await status()).status, { timeout: 240_000, interval: 250 })
      .toMatch(/^(done|failed)$/);
    const done = await status();
    expect(done, done.error).toMatchObject({ status: 'done', done: AGENCIES, total: AGENCIES });

    const zip = await fetch(`${b}${done.downloadUrl}`, { headers });
    expect(zip.status).toBe(200);
    const names = Object.keys((await JSZip.loadAsync(Buffer.from(await zip.arrayBuffer()))).files);
    expect(names).toHaveLength(AGENCIES);
    expect(new Set(names).size).toBe(AGENCIES);
    // Every report was stored and recorded once: the retry skipped those done before the kill.
    const items = await database.db
      .selectFrom('background_job_items')
      .selectAll()
      .where('job_id', '=', job.id)
      .execute();
    expect(items).toHaveLength(AGENCIES);
    expect(items.filter((i) => i.renders !== 1)).toEqual([]);
    const row = await database.db
      .selectFrom('background_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBeGreaterThan(1);
  }, 600_000);
});
