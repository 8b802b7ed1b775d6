// Production smoke test: runs a built, production-installed copy of the platform (see
// scripts/prod-smoke.sh, which makes one as the Dockerfile does) on a fresh PostgreSQL database
// with NODE_ENV=production, and calls one route of every family, expecting success.
//
//   node scripts/prod-smoke.mjs --app <dir> --database-url postgres://user@host:port/db
//
// <dir> holds node_modules, server/dist and client/dist (default: this checkout, after
// `npm run build`). The URL is an administrative connection: a database named dg_smoke_* is
// created beside it and dropped afterwards. The app runs under this script's Node binary
// (`process.execPath`), so putting Node 24 first on PATH tests Node 24.
// Exits 0 when every check passed; otherwise lists each failure and exits 1.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: repo },
    'database-url': { type: 'string', default: process.env.SMOKE_DATABASE_URL ?? process.env.TEST_DATABASE_URL },
    'zip-timeout': { type: 'string', default: process.env.SMOKE_ZIP_TIMEOUT_S ?? '900' },
  },
});
const app = path.resolve(args.app);
const adminUrl = args['database-url'];
if (!adminUrl) fatal('give --database-url (or SMOKE_DATABASE_URL / TEST_DATABASE_URL): a PostgreSQL admin connection');
for (const f of ['server/dist/server.js', 'server/dist/migrate.js', 'server/dist/seed.js', 'client/dist/index.html']) {
  if (!existsSync(path.join(app, f))) fatal(`${path.join(app, f)} is missing: build first (npm run build)`);
}

function fatal(message) {
  console.error(`prod-smoke: FAILED: ${message}`);
  process.exit(1);
}

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const log = (m) => console.log(`prod-smoke [${elapsed()}] ${m}`);

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

// ---- A fresh database and the production environment ----
const dbName = `dg_smoke_${process.pid}_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect().catch((e) => fatal(`cannot connect to ${adminUrl}: ${e.message}`));
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dg-smoke-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// Only what an operator sets: nothing from a developer's shell (TEST_DATABASE_URL, CLIENT_DIST…) leaks in.
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? dataDir,
  ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
  NODE_ENV: 'production',
  DATABASE_URL: dbUrl.href,
  JWT_SECRET: randomBytes(48).toString('base64'),
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: String(port),
  PUBLIC_URL: base,
  LOG_LEVEL: 'warn',
};

/** Runs a built program to completion; its output is shown when it fails. */
function run(script, argv = [], extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', script, ...argv], {
      cwd: app,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}:\n${out.slice(-4000)}`)),
    );
  });
}

/** The long-running programs: the server, and the job worker when the build has one. */
const procs = [];
const failures = [];
let passed = 0;

function startProgram(script, extraEnv = {}) {
  const p = { script, log: '' };
  p.child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: app,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  p.child.stdout.on('data', (d) => {
    p.log += d;
  });
  p.child.stderr.on('data', (d) => {
    p.log += d;
  });
  procs.push(p);
  return p;
}

/** Throws when a program ended before its time (with its last output). */
function assertRunning() {
  for (const p of procs) {
    if (p.child.exitCode !== null)
      throw new Error(`${p.script} exited with ${p.child.exitCode}:\n${p.log.slice(-4000)}`);
  }
}

async function cleanup() {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  log(`node ${process.version}, app ${app}, database ${dbName}`);
  const migrated = await run('server/dist/migrate.js');
  if (!/Applied: 0001-/.test(migrated)) throw new Error(`migrate.js applied nothing:\n${migrated}`);
  log(`migrate.js: ${migrated.trim().split('\n').at(-1).slice(0, 100)}…`);
  const seeded = await run('server/dist/seed.js', [], { SEED_DEMO: 'true' });
  log(`seed.js: ${seeded.trim().split('\n').at(-1)}`);

  // With a job worker in the build, jobs run there, as in a deployment with a worker service.
  const withWorker = existsSync(path.join(app, 'server/dist/worker.js'));
  startProgram('server/dist/server.js', withWorker ? { WORKER_IN_PROCESS: 'false' } : {});
  if (withWorker) startProgram('server/dist/worker.js');
  const started = performance.now();
  for (;;) {
    assertRunning();
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (performance.now() - started > 120_000) throw new Error(`server.js did not answer in 120 s:\n${procs[0].log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log(
    `server.js answers on ${base} after ${Math.round(performance.now() - started)} ms${withWorker ? ' (worker.js runs the jobs)' : ''}`,
  );
  await checks();
  assertRunning();
  // A clean stop: SIGTERM closes servers and pools, and each process exits 0.
  for (const p of procs) {
    const exited = new Promise((resolve) => p.child.once('exit', resolve));
    p.child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000).unref())]);
    if (code !== 0) failures.push(`shutdown: ${p.script} ended with ${code} on SIGTERM (expected 0)`);
  }
  // Errors logged (pino level 50 and up) while every answer was a success are failures too.
  for (const p of procs) {
    for (const line of p.log.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line);
      if (entry.level >= 50) failures.push(`${p.script} logged an error: ${line.slice(0, 600)}`);
    }
  }
} catch (e) {
  failures.push(e.message);
} finally {
  await cleanup();
}

if (failures.length) {
  console.error(
    `prod-smoke: FAILED (${failures.length} failure(s), ${passed} checks passed, ${elapsed()}):\n${failures.map((f) => `  - ${f}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`prod-smoke: OK: ${passed} checks passed in ${elapsed()}`);

// ---- The checks ----

async function check(name, fn) {
  const s = performance.now();
  try {
    const detail = await fn();
    passed++;
    log(`ok   ${name} (${Math.round(performance.now() - s)} ms)${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
    log(`FAIL ${name}: ${e.message}`);
  }
}

async function call(method, url, { token, json, body, headers = {} } = {}) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : body,
  });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', buf };
}

/** Expects a status and returns the parsed JSON body. */
async function expectJson(method, url, opts = {}, status = 200) {
  const r = await call(method, url, opts);
  if (r.status !== status) throw new Error(`${method} ${url} answered ${r.status}: ${r.buf.toString().slice(0, 400)}`);
  return JSON.parse(r.buf.toString());
}

/** Polls a background job until it ends; returns its last state. */
async function awaitJob(job, token) {
  const deadline = performance.now() + Number(args['zip-timeout']) * 1000;
  let status = job;
  while (status.status === 'queued' || status.status === 'running') {
    assertRunning();
    if (performance.now() > deadline)
      throw new Error(`job not done after ${args['zip-timeout']} s: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 2000));
    status = await expectJson('GET', `/api/jobs/${job.id}`, { token });
  }
  if (status.status !== 'done') throw new Error(`job ${status.status}: ${status.error ?? ''}`);
  return status;
}

/** Throws unless the response is 200 with a file of `kind`, recognised by its type and first bytes. */
function assertFile(r, url, kind) {
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.buf.toString().slice(0, 400)}`);
  const head = r.buf.subarray(0, 8).toString('latin1');
  const ok = {
    csv: () => /^text\/csv/.test(r.type) && r.buf.includes(',') && r.buf.length > 20,
    xlsx: () => r.type.includes('spreadsheetml') && head.startsWith('PK'),
    zip: () => r.type.includes('zip') && head.startsWith('PK'),
    pdf: () => r.type.includes('pdf') && head.startsWith('%PDF-') && r.buf.length > 10_000,
  }[kind]();
  if (!ok)
    throw new Error(`GET ${url}: not a ${kind} (${r.type}, ${r.buf.length} bytes, starts ${JSON.stringify(head)})`);
}

/**
 * Expects a file of a kind recognised by its first bytes. A 202 is a background job building the
 * file (open data, raw exports): the job is followed to its end, its file downloaded from the job,
 * and the same URL asked again must now serve that stored file at once (built once, then cached).
 */
async function expectFile(url, token, kind) {
  const r = await call('GET', url, { token });
  const name = url.split('?')[0].split('/').pop();
  if (r.status !== 202) {
    assertFile(r, url, kind);
    return `${name} ${r.buf.length} bytes`;
  }
  const done = await awaitJob(JSON.parse(r.buf.toString()), token);
  if (!done.downloadUrl) throw new Error(`job ${done.id} is done without a download`);
  const built = await call('GET', done.downloadUrl, { token });
  assertFile(built, done.downloadUrl, kind);
  const again = await call('GET', url, { token });
  assertFile(again, url, kind);
  if (!again.buf.equals(built.buf)) throw new Error(`GET ${url} after its job did not serve the built file`);
  return `${name} ${built.buf.length} bytes, built by job ${done.kind} then served from the cache`;
}

async function checks() {
  const tokens = {};
  const people = {
    admin: ['admin@dga.or.th', 'Admin-2566-demo'],
    analyst: ['analyst@dga.or.th', 'Analyst-2566-demo'],
    respondent: ['respondent1@demo.go.th', 'Respond-2566-demo'],
    viewer: ['viewer1@demo.go.th', 'Viewer-2566-demo'],
  };
  const ctx = {};

  await check('client: the built app shell is served', async () => {
    const r = await call('GET', '/');
    if (r.status !== 200 || !r.type.includes('text/html') || !r.buf.includes('<div id="root"')) {
      throw new Error(`GET / answered ${r.status} ${r.type}`);
    }
  });
  await check('OpenAPI JSON', async () => {
    const doc = await expectJson('GET', '/api/docs/json');
    const paths = Object.keys(doc.paths ?? {}).length;
    if (!String(doc.openapi).startsWith('3.') || paths < 50) throw new Error(`openapi ${doc.openapi}, ${paths} paths`);
    return `${paths} paths`;
  });
  await check('health probes', async () => {
    // /livez and /readyz arrive with the health probes (another branch); until then the client's
    // HTML shell answers them and /api/health (checked at start) stands in.
    const seen = [];
    for (const probe of ['/livez', '/readyz']) {
      const r = await call('GET', probe);
      if (r.status === 404 || r.type.includes('text/html')) continue;
      if (r.status !== 200 || !r.type.includes('json')) throw new Error(`GET ${probe} answered ${r.status} ${r.type}`);
      seen.push(probe);
    }
    return seen.length ? `${seen.join(' and ')} 200` : 'no /livez or /readyz yet; /api/health answered 200';
  });
  await check('sign-in (admin, analyst, respondent, viewer; staff enrol a second factor)', async () => {
    const enrolled = [];
    for (const [who, [email, password]] of Object.entries(people)) {
      let s = await expectJson('POST', '/api/auth/login', { json: { email, password } });
      if (s.mfa === 'enrol') {
        // Production requires TOTP for DGA staff: set it up as an authenticator app would.
        const { secret } = await expectJson('POST', '/api/auth/mfa/enrol/start', { json: { challenge: s.challenge } });
        const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
        s = await expectJson('POST', '/api/auth/mfa/enrol/finish', { json: { challenge: s.challenge, code } });
        enrolled.push(who);
      } else if (s.mfa) {
        throw new Error(`${who}: unexpected challenge ${s.mfa}`);
      }
      tokens[who] = s.accessToken;
    }
    if (!enrolled.includes('admin') || !enrolled.includes('analyst')) {
      throw new Error(`staff were not asked to set up a second factor (enrolled: ${enrolled.join(', ') || 'none'})`);
    }
    const me = await expectJson('GET', '/api/auth/me', { token: tokens.respondent });
    ctx.agencyId = me.agencyId ?? me.user?.agencyId;
    return `second factor set up by ${enrolled.join(' and ')}`;
  });

  const cycles = await expectJson('GET', '/api/cycles', { token: tokens.respondent }).catch((e) => {
    failures.push(`cycles: ${e.message}`);
    return [];
  });
  const open = cycles.find((c) => c.status === 'open');
  const published = cycles.find((c) => c.status === 'published');
  if (!open || !published) {
    failures.push(`demo cycles: expected an open and a published cycle, got ${JSON.stringify(cycles).slice(0, 300)}`);
    return;
  }

  await check('questionnaire: framework and own response load', async () => {
    const { framework } = await expectJson('GET', `/api/cycles/${open.id}/framework`, { token: tokens.respondent });
    const mine = await expectJson('GET', `/api/cycles/${open.id}/my-response`, { token: tokens.respondent });
    if (!mine.response.editable) throw new Error(`own response ${mine.response.id} is not editable`);
    const questions = framework.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions));
    // A question every track answers, always shown, whose answer may carry evidence.
    ctx.question = questions.find(
      (q) => q.type === 'single' && !q.showIf && q.evidence !== 'none' && q.tracks.includes(mine.response.track),
    );
    if (!ctx.question) throw new Error('no unconditional single-choice question with evidence in the framework');
    ctx.responseId = mine.response.id;
    ctx.revision = mine.answers.find((a) => a.questionCode === ctx.question.code)?.revision ?? 0;
    return `${questions.length} questions, response ${ctx.responseId}`;
  });
  await check('autosave', async () => {
    const q = ctx.question;
    const choice = q.options.at(-1).code;
    const saved = await expectJson('PUT', `/api/responses/${ctx.responseId}/answers/${q.code}`, {
      token: tokens.respondent,
      json: { value: choice, baseRevision: ctx.revision, idempotencyKey: randomUUID() },
    });
    if (saved.revision !== ctx.revision + 1) throw new Error(`revision ${saved.revision} after ${ctx.revision}`);
    const again = await expectJson('GET', `/api/responses/${ctx.responseId}`, { token: tokens.respondent });
    const stored = again.answers.find((a) => a.questionCode === q.code);
    if (stored?.value !== choice) throw new Error(`stored ${JSON.stringify(stored?.value)}, saved ${choice}`);
    return `${q.code}=${choice} revision ${saved.revision}`;
  });
  await check('evidence upload and download', async () => {
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
      randomBytes(256),
      Buffer.from('\n%%EOF\n'),
    ]);
    const form = new FormData();
    form.append('questionCode', ctx.question.code);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'แผนปฏิบัติการดิจิทัล.pdf');
    const r = await call('POST', `/api/responses/${ctx.responseId}/evidence`, { token: tokens.respondent, body: form });
    if (r.status !== 201) throw new Error(`upload answered ${r.status}: ${r.buf.toString().slice(0, 300)}`);
    const ev = JSON.parse(r.buf.toString());
    const back = await call('GET', `/api/evidence/${ev.id}/download`, { token: tokens.respondent });
    if (back.status !== 200 || !back.buf.equals(pdf))
      throw new Error(`download answered ${back.status}, ${back.buf.length} bytes`);
    return `${ev.mime} ${ev.size} bytes`;
  });
  await check('review: verify a claim and accept a response', async () => {
    const queue = await expectJson('GET', `/api/review/cycles/${open.id}/queue?status=submitted`, {
      token: tokens.analyst,
    });
    const item = queue.items.find((i) => i.claims.pending > 0);
    if (!item) throw new Error('no submitted response with pending claims in the review queue');
    const detail = await expectJson('GET', `/api/review/responses/${item.responseId}`, { token: tokens.analyst });
    const claim = detail.claims[0];
    await expectJson('POST', `/api/review/responses/${item.responseId}/answers/${claim.questionCode}/verification`, {
      token: tokens.analyst,
      json: { state: 'verified', comment: 'smoke test' },
    });
    const accepted = await expectJson('POST', `/api/review/responses/${item.responseId}/accept`, {
      token: tokens.analyst,
      json: { acceptPending: true },
    });
    return `response ${item.responseId} ${accepted.response.status}`;
  });
  await check('analytics (levels, year over year, item statistics, response rates)', async () => {
    await expectJson('GET', `/api/analytics/cycles/${published.id}/levels`, { token: tokens.analyst });
    await expectJson('GET', `/api/analytics/cycles/${open.id}/year-over-year`, { token: tokens.analyst });
    await expectJson('GET', `/api/analytics/cycles/${published.id}/items/${ctx.question.code}`, {
      token: tokens.analyst,
    });
    await expectJson('GET', `/api/analytics/cycles/${open.id}/response-rates`, { token: tokens.analyst });
  });
  const pub = `/api/analytics/cycles/${published.id}`;
  const code = ctx.question?.code ?? 'POL_DG_PLAN';
  const exportsToCheck = [
    ['aggregate CSV', `${pub}/levels.csv`, 'csv'],
    ['aggregate XLSX', `${pub}/levels.xlsx`, 'xlsx'],
    ['item CSV', `${pub}/items/${code}.csv`, 'csv'],
    ['item XLSX', `${pub}/items/${code}.xlsx`, 'xlsx'],
    ['raw long CSV', `${pub}/raw/long.csv`, 'csv'],
    ['raw wide CSV', `${pub}/raw/wide.csv`, 'csv'],
    ['own answers XLSX', `/api/responses/${ctx.responseId}/export.xlsx`, 'xlsx', 'respondent'],
    ['monitoring CSV', `/api/monitoring/cycles/${open.id}/not-submitted.csv`, 'csv'],
    ['monitoring XLSX', `/api/monitoring/cycles/${open.id}/not-submitted.xlsx`, 'xlsx'],
    ['audit CSV', '/api/audit/export.csv', 'csv'],
    ['codebook XLSX', `/api/frameworks/${published.frameworkId}/codebook.xlsx`, 'xlsx'],
    ['open data ZIP', `${pub}/open-data.zip`, 'zip'],
  ];
  for (const [name, url, kind, who = 'analyst'] of exportsToCheck) {
    await check(`export: ${name}`, () => expectFile(url, tokens[who], kind));
  }
  await check('agency PDF report (Chromium)', () =>
    expectFile(`/api/results/${published.id}/agency/${ctx.agencyId}/report.pdf`, tokens.viewer, 'pdf'),
  );
  await check('agency XLSX report', () =>
    expectFile(`/api/results/${published.id}/agency/${ctx.agencyId}/report.xlsx`, tokens.viewer, 'xlsx'),
  );
  await check('public results without signing in (published 200, open 404)', async () => {
    const overview = await expectJson('GET', `/api/public/cycles/${published.fiscalYear + 543}`);
    const hidden = await call('GET', `/api/public/cycles/${open.fiscalYear + 543}`);
    if (hidden.status !== 404) throw new Error(`the open cycle's public address answered ${hidden.status}`);
    return `${Object.keys(overview).length} sections`;
  });
  await check('reminders: preview the mail to non-submitters', async () => {
    const preview = await expectJson('POST', `/api/reminders/cycles/${open.id}/preview`, {
      token: tokens.analyst,
      json: {},
    });
    return `${JSON.stringify(preview).length} bytes of preview`;
  });
  // Last: the bulk job keeps Chromium and the event loop busy (requests meanwhile may be shed with 503).
  let job;
  await check('report ZIP job: start', async () => {
    // A few agencies prove the pipeline (queue, worker, Chromium, storage, download); rendering all
    // 376 is the bench's work (npm run bench -- reports), not a smoke test's.
    const list = await call('GET', '/api/agencies', { token: tokens.analyst });
    if (list.status !== 200) throw new Error(`agency list answered ${list.status}`);
    const some = JSON.parse(list.buf.toString())
      .slice(0, Number(process.env.SMOKE_ZIP_AGENCIES ?? 6))
      .map((a) => a.id);
    const url = `/api/results/${published.id}/reports-zip?agencies=${[ctx.agencyId, ...some].join(',')}`;
    const r = await call('POST', url, { token: tokens.analyst });
    if (r.status !== 202) throw new Error(`answered ${r.status}: ${r.buf.toString().slice(0, 300)}`);
    job = JSON.parse(r.buf.toString());
    return `${job.total} agencies`;
  });
  await check('report ZIP job: poll and download', async () => {
    if (!job) throw new Error('the job did not start');
    const status = await awaitJob(job, tokens.analyst);
    const size = await expectFile(status.downloadUrl, tokens.analyst, 'zip');
    return `${status.done} PDFs, ${size}`;
  });
  await check('national report job: PDF and DOCX, then its public address', async () => {
    const r = await call('POST', `/api/admin/cycles/${published.id}/national-report`, { token: tokens.analyst });
    if (r.status !== 202) throw new Error(`answered ${r.status}: ${r.buf.toString().slice(0, 300)}`);
    const status = await awaitJob(JSON.parse(r.buf.toString()), tokens.analyst);
    const zip = await expectFile(status.downloadUrl, tokens.analyst, 'zip');
    const pdf = await expectFile(
      `/api/public/cycles/${published.fiscalYear + 543}/national-report?format=pdf&lang=th`,
      undefined,
      'pdf',
    );
    return `${zip}; public ${pdf}`;
  });
}
