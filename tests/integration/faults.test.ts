/**
 * Faults: PostgreSQL restarted under autosave load, the server killed mid-submission, and
 * evidence storage failing (disk full, unwritable directory) during an upload.
 * The first two need a private PostgreSQL cluster they can restart (tests/support/pg-cluster.ts);
 * they are skipped, loudly, when the server binaries are not installed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { buildApp } from '../../server/src/app';
import { type DatabaseHandle, type Db, openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { Database } from '../../server/src/db/schema';
import { LocalStorage } from '../../server/src/lib/storage';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { loadConfig } from '../../server/src/plugins/config';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { freePort, type PgCluster, pgAvailable, startPgCluster } from '../support/pg-cluster';
import { createTestDatabase } from '../support/test-db';

const JWT_SECRET = 'faults-secret-faults-secret-faults-secret-0123';
const DAY = 86_400_000;
const root = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createCycle(db: Db, frameworkId: number) {
  const row = await db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: frameworkId,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row.id;
}

function configFor(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: '100000',
    SHED_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
}

/** A valid answer for any question (as in questionnaire.test.ts). */
function sampleValue(q: Question): unknown {
  const first = q.options?.find((o) => !o.exclusive && !o.other)?.code ?? q.options?.[0]?.code;
  switch (q.type) {
    case 'single':
    case 'staged':
      return first;
    case 'yes_no':
      return 'yes';
    case 'multiple':
      return [first];
    case 'reason':
      return { choice: first };
    case 'number':
      return q.number?.min ?? 1;
    case 'percentage':
      return 50;
    case 'text':
    case 'long_text':
      return 'answer';
    case 'date':
      return '2023-09-30';
    case 'matrix':
      return Object.fromEntries((q.rows ?? []).map((r) => [r.code, q.options?.[0]?.code]));
  }
}

const clusterOk = pgAvailable('faults.test.ts (PostgreSQL restart, server kill)');

// These faults run on a private cluster of their own, so CI runs them once, in its Postgres pass.
const runsElsewhere = process.env.CI === 'true' && !process.env.TEST_DATABASE_URL;
describe.skipIf(!clusterOk || runsElsewhere)('faults on a real PostgreSQL that goes away', () => {
  let cluster: PgCluster;
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let db: Db;
  let dbUrl: string;
  let cycleId: number;
  let framework: Framework;
  let dataDir: string;
  const serverErrors: string[] = [];

  beforeAll(async () => {
    // Tests only: durability does not matter here, restart speed does.
    cluster = await startPgCluster({ settings: { fsync: 'off' } });
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database dg_faults');
    await admin.end();
    dbUrl = cluster.url.replace(/\/postgres$/, '/dg_faults');
    database = await openDatabase({ databaseUrl: dbUrl, dataDir: os.tmpdir(), poolMax: 6 });
    db = database.db;
    await migrateToLatest(db);
    const imported = await importFramework(db, dgrs2566, { userId: null, email: null, ip: null });
    framework = imported.framework;
    cycleId = await createCycle(db, imported.row.id);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-faults-'));
    app = await buildApp({ config: configFor(dataDir), database });
    // What any 500 was, so a failure names the error the error handler did not classify.
    const lastError = new WeakMap<object, string>();
    app.addHook('onError', async (req, _reply, err) => {
      lastError.set(req, `${(err as { code?: string }).code ?? ''} ${err.message} ${err.stack?.split('\n')[1] ?? ''}`);
    });
    app.addHook('onResponse', async (req, reply) => {
      if (reply.statusCode >= 500 && reply.statusCode !== 503)
        serverErrors.push(`${reply.statusCode} ${lastError.get(req)}`);
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await cluster?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function respondent(code: string): Promise<{ who: SignedIn; responseId: number; agencyId: number }> {
    const agency = await insertAgency(db, code);
    await insertUser(db, `${code.toLowerCase()}@faults.go.th`, 'respondent', agency.id);
    const who = await signIn(app, `${code.toLowerCase()}@faults.go.th`);
    const res = await app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/my-response`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return { who, responseId: res.json().response.id, agencyId: agency.id };
  }

  it('PostgreSQL restarted while respondents save: 503 + Retry-After, retries succeed, nothing lost or doubled', async () => {
    const codes = ['DG_DATASET_COUNT', 'OD_DATASETS_PUBLISHED', 'SKILL_TRAINING_HOURS', 'SA_STAFF_TOTAL'];
    const people = await Promise.all(['FA01', 'FA02', 'FA03'].map((c) => respondent(c)));
    const statuses: Record<number, number> = {};
    const acked: { responseId: number; code: string; value: number; revision: number; key: string }[] = [];
    const bad: string[] = [];
    let stopAt = 0;

    // Each respondent works through a save queue: two edits per question, each retried with its
    // own idempotency key until acknowledged (as the client's queue does).
    const worker = async (p: (typeof people)[number]) => {
      const revisions = new Map<string, number>();
      for (let round = 0; round < 6; round++) {
        for (const code of codes) {
          const key = randomUUID();
          const value = round * 10 + codes.indexOf(code);
          for (let attempt = 0; ; attempt++) {
            if (attempt > 200) throw new Error(`save of ${code} never succeeded`);
            const res = await app.inject({
              method: 'PUT',
              url: `/api/responses/${p.responseId}/answers/${code}`,
              headers: p.who.headers,
              payload: { value, notApplicable: null, baseRevision: revisions.get(code) ?? 0, idempotencyKey: key },
            });
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            if (res.statusCode === 200) {
              revisions.set(code, res.json().revision);
              acked.push({ responseId: p.responseId, code, value, revision: res.json().revision, key });
              break;
            }
            if (res.statusCode === 503) {
              if (!res.headers['retry-after']) bad.push(`503 without Retry-After: ${res.body}`);
              await sleep(50);
              continue;
            }
            bad.push(`${res.statusCode} ${res.body}`);
            break;
          }
        }
        // Paced like a person's autosave, so the saves span the outage.
        await sleep(50);
      }
    };

    const chaos = (async () => {
      // Stopped once saving is under way, with most saves still to come: a fixed delay let a fast
      // run finish every save before the database went away (no 503 to see).
      while (acked.length < people.length * 2) await sleep(5);
      stopAt = Date.now();
      await cluster.stop('fast');
      // While it is down, health says so and saves fail with a retryable status.
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unhealthy', database: { ok: false } });
      const p = people[0] as (typeof people)[number];
      const down = await app.inject({
        method: 'PUT',
        url: `/api/responses/${p.responseId}/answers/SA_STAFF_ASSESSED`,
        headers: p.who.headers,
        payload: { value: 1, notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() },
      });
      expect(down.statusCode, down.body).toBe(503);
      expect(down.headers['retry-after']).toBeDefined();
      expect(down.json().error.code).toBe('SERVICE_UNAVAILABLE');
      await sleep(700);
      await cluster.start();
    })();

    await Promise.all([...people.map(worker), chaos]);
    expect(stopAt).toBeGreaterThan(0);
    expect({ bad, serverErrors }).toEqual({ bad: [], serverErrors: [] });
    expect(statuses[500]).toBeUndefined();
    expect(statuses[503] ?? 0).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    // Every acknowledged answer is stored with its revision; nothing is stored twice.
    for (const p of people) {
      const rows = await db
        .selectFrom('answers')
        .select(['question_code', 'value', 'revision'])
        .where('response_id', '=', p.responseId)
        .where('question_code', 'in', codes)
        .execute();
      expect(rows).toHaveLength(codes.length);
      for (const code of codes) {
        const mine = acked.filter((a) => a.responseId === p.responseId && a.code === code);
        expect(mine.map((a) => a.revision)).toEqual([1, 2, 3, 4, 5, 6]);
        const row = rows.find((r) => r.question_code === code);
        expect(row?.revision).toBe(6);
        expect(row?.value).toBe(mine.at(-1)?.value);
        const saves = await db
          .selectFrom('answer_saves')
          .select(['idempotency_key', 'revision'])
          .where('response_id', '=', p.responseId)
          .where('question_code', '=', code)
          .orderBy('revision')
          .execute();
        expect(saves.map((s) => s.revision)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(saves.map((s) => s.idempotency_key)).toEqual(mine.map((a) => a.key));
        const audits = await db
          .selectFrom('audit_log')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('action', '=', 'answer.save')
          .where('entity_id', '=', `${p.responseId}:${code}`)
          .executeTakeFirstOrThrow();
        expect(audits.n).toBe(6);
      }
    }
  }, 60_000);

  it('server killed during submission: the response is submitted with its snapshot, or not at all', async () => {
    // One complete response answered through the API, then copied to the other agencies.
    const first = await respondent('FK00');
    const byCode = new Map(
      framework.pillars.flatMap((pl) => pl.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
    );
    const answers: AnswerMap = {};
    for (let round = 0; round < 10; round++) {
      const todo = [...visibleQuestions(framework, 'department', answers)].filter((c) => !(c in answers));
      if (todo.length === 0) break;
      for (const code of todo) {
        const value =
          code === 'OD_USER_SURVEY_REASON' ? { choice: 'no_budget' } : sampleValue(byCode.get(code) as Question);
        const res = await app.inject({
          method: 'PUT',
          url: `/api/responses/${first.responseId}/answers/${code}`,
          headers: first.who.headers,
          payload: { value, notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() },
        });
        expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
        answers[code] = { value: value as never };
      }
    }
    const incomplete = await app.inject({
      method: 'POST',
      url: `/api/responses/${first.responseId}/submit`,
      headers: first.who.headers,
    });
    const missing =
      incomplete.statusCode === 422 ? (incomplete.json().error.details.missing as { questionCode: string }[]) : [];
    for (const code of new Set(missing.map((m) => m.questionCode))) {
      const link = await app.inject({
        method: 'POST',
        url: `/api/responses/${first.responseId}/evidence-url`,
        headers: first.who.headers,
        payload: { questionCode: code, url: `https://agency.go.th/evidence/${code}` },
      });
      expect(link.statusCode, link.body).toBe(201);
    }
    const trials: { responseId: number; userId: number; email: string; agencyId: number; sessionId: string }[] = [];
    for (let i = 1; i <= 3; i++) {
      const code = `FK0${i}`;
      const agency = await insertAgency(db, code);
      const user = await insertUser(db, `${code.toLowerCase()}@faults.go.th`, 'respondent', agency.id);
      const r = await db
        .insertInto('responses')
        .values({ cycle_id: cycleId, agency_id: agency.id, status: 'in_progress' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`insert into answers (response_id, question_code, value, not_applicable, revision, updated_by, updated_at)
        select ${r.id}, question_code, value, not_applicable, revision, ${user.id}, now() from answers where response_id = ${first.responseId}`.execute(
        db,
      );
      await sql`insert into evidence (id, response_id, question_code, kind, url, created_by)
        select gen_random_uuid(), ${r.id}, question_code, kind, url, ${user.id} from evidence where response_id = ${first.responseId}`.execute(
        db,
      );
      // A session of its own, as a sign-in would create, for the access token to name.
      const sessionId = randomUUID();
      await db.insertInto('sessions').values({ id: sessionId, user_id: user.id }).execute();
      trials.push({ responseId: r.id, userId: user.id, email: user.email, agencyId: agency.id, sessionId });
    }
    // Same JWT_SECRET as the child servers: the in-process app signs their tokens.
    const tokenOf = (t: (typeof trials)[number]) =>
      app.jwt.sign({
        sub: String(t.userId),
        email: t.email,
        role: 'respondent',
        agencyId: t.agencyId,
        sid: t.sessionId,
        ver: 1,
      });

    const startServer = async () => {
      const port = await freePort();
      const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: dbUrl,
          PORT: String(port),
          HOST: '127.0.0.1',
          NODE_ENV: 'production',
          JWT_SECRET,
          SEED_DEMO: 'false',
          LOG_LEVEL: 'error',
          DATA_DIR: dataDir,
          DATABASE_POOL_MAX: '4',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      proc.stderr?.on('data', (d) => {
        err += d;
      });
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        if (proc.exitCode !== null) throw new Error(`server exited: ${err}`);
        if (i > 300) throw new Error(`server did not start: ${err}`);
        const ok = await fetch(`${base}/api/health`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) break;
        await sleep(100);
      }
      return { proc, base };
    };
    const kill = (proc: ChildProcess) =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      });

    const consistent = async (responseId: number) => {
      const r = await db
        .selectFrom('responses')
        .select(['status', 'submitted_at'])
        .where('id', '=', responseId)
        .executeTakeFirstOrThrow();
      const snaps = await db
        .selectFrom('result_snapshots')
        .select(['reason', 'is_current'])
        .where('response_id', '=', responseId)
        .execute();
      const audits = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'response.submit')
        .where('entity_id', '=', String(responseId))
        .execute();
      if (r.status === 'submitted') {
        expect(r.submitted_at).not.toBeNull();
        expect(snaps).toEqual([{ reason: 'submission', is_current: true }]);
        expect(audits).toHaveLength(1);
      } else {
        expect(r.status).toBe('in_progress');
        expect(r.submitted_at).toBeNull();
        expect(snaps).toEqual([]);
        expect(audits).toHaveLength(0);
      }
      return r.status;
    };

    // Kill at 0 ms, then at small random delays around the time a submission takes.
    const delays = [0, 5 + Math.floor(Math.random() * 60), 400];
    const outcomes: string[] = [];
    for (const [i, t] of trials.entries()) {
      const { proc, base } = await startServer();
      const fired = fetch(`${base}/api/responses/${t.responseId}/submit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf(t)}` },
      }).then(
        (r) => r.status,
        () => 'killed',
      );
      await sleep(delays[i] as number);
      await kill(proc);
      const answered = await fired;
      const status = await consistent(t.responseId);
      outcomes.push(`${delays[i]}ms: ${answered} -> ${status}`);
      if (answered === 200) expect(status).toBe('submitted');
    }

    // After a restart, responses left in progress submit normally; submitted ones stay put.
    const { proc, base } = await startServer();
    try {
      for (const t of trials) {
        const res = await fetch(`${base}/api/responses/${t.responseId}/submit`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokenOf(t)}` },
        });
        expect([200, 409]).toContain(res.status);
        expect(await consistent(t.responseId)).toBe('submitted');
        const result = await fetch(`${base}/api/responses/${t.responseId}/result`, {
          headers: { authorization: `Bearer ${tokenOf(t)}` },
        });
        expect(result.status).toBe(200);
        expect((await result.json()).preview).toBe(false);
      }
    } finally {
      await kill(proc);
    }
    console.log(`faults: submit kill outcomes: ${outcomes.join('; ')}`);
  }, 80_000);
});

/** LocalStorage whose disk fills up after `limit` bytes of a write (ENOSPC mid-file). */
class DiskFullStorage extends LocalStorage {
  constructor(
    root: string,
    private readonly limit: number,
  ) {
    super(root);
  }
  override async put(key: string, content: Buffer | Readable): Promise<void> {
    const buf = Buffer.isBuffer(content) ? content : Buffer.alloc(0);
    let sent = false;
    const limit = this.limit;
    const stream = new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push(buf.subarray(0, limit));
          return;
        }
        const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        setTimeout(() => this.destroy(err), 5);
      },
    });
    return super.put(key, stream);
  }
}

const listFiles = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];

describe('evidence storage failing during an upload', () => {
  let database: DatabaseHandle;
  let dataDir: string;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-faults-storage-'));
    const imported = await importFramework(database.db, dgrs2566, { userId: null, email: null, ip: null });
    await createCycle(database.db, imported.row.id);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function uploadWith(storageOf: (config: ReturnType<typeof configFor>) => void, code: string) {
    const config = configFor(dataDir);
    storageOf(config);
    const app = await buildApp({ config, database });
    apps.push(app);
    const db = database.db as Kysely<Database>;
    const agency = await insertAgency(db, code);
    await insertUser(db, `${code.toLowerCase()}@storage.go.th`, 'respondent', agency.id);
    const who = await signIn(app, `${code.toLowerCase()}@storage.go.th`);
    const cycle = await db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    const mine = await app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/my-response`, headers: who.headers });
    const responseId = mine.json().response.id as number;
    const boundary = '----dgfaults';
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 0x41), Buffer.from('\n%%EOF\n')]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="questionCode"\r\n\r\nPOL_CIO\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/evidence`,
      headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    const rows = await db.selectFrom('evidence').select('id').where('response_id', '=', responseId).execute();
    const audits = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'evidence.upload')
      .where('agency_id', '=', agency.id)
      .execute();
    return { res, rows, audits };
  }

  it('disk full midway: 507 with a clear message, no metadata row, no partial file', async () => {
    const dir = path.join(dataDir, 'full');
    const { res, rows, audits } = await uploadWith((c) => {
      c.storage = new DiskFullStorage(dir, 64 * 1024);
    }, 'FS01');
    expect(res.statusCode, res.body).toBe(507);
    expect(res.json().error).toMatchObject({ code: 'STORAGE_FAILED', details: { reason: 'ENOSPC' } });
    expect(res.json().error.message).toMatch(/could not be stored/);
    expect(rows).toEqual([]);
    expect(audits).toEqual([]);
    expect(listFiles(dir)).toEqual([]);
  });

  it('unwritable storage directory: 507, no metadata row, nothing left behind', async () => {
    // A regular file where the directory should be: mkdir fails even for root.
    const blocker = path.join(dataDir, 'blocker');
    fs.writeFileSync(blocker, 'not a directory');
    const { res, rows, audits } = await uploadWith((c) => {
      c.storage = new LocalStorage(path.join(blocker, 'evidence'));
    }, 'FS02');
    expect(res.statusCode, res.body).toBe(507);
    expect(res.json().error.code).toBe('STORAGE_FAILED');
    expect(rows).toEqual([]);
    expect(audits).toEqual([]);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a directory');
  });
});
