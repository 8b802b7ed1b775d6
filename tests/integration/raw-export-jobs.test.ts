import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/src/lib/storage';
import { createStorage } from '../../server/src/lib/storage-factory';
import { findCycle } from '../../server/src/modules/analytics/analytics.repository';
import { rawExportCacheKey } from '../../server/src/modules/jobs/raw-export.job';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Raw exports as background jobs (built once per data version, cached in storage, followed and
 * downloaded through the jobs API) and the cleanup of finished jobs. The cleanup timer runs every
 * second here, with a retention of one hour: rows the test backdates expire, the others do not.
 */

const AGENCIES = 4;
let t: TestApp;
let p: Personas;
let storage: Storage;
let cycleId: number;
let otherCycleId: number;

const rawUrl = (format: 'long' | 'wide', cycle = cycleId) => `/api/analytics/cycles/${cycle}/raw/${format}.csv`;
const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });

async function waitDone(id: string, who: SignedIn) {
  await expect
    .poll(async () => (await get(`/api/jobs/${id}`, who)).json().status, { timeout: 120_000, interval: 200 })
    .toMatch(/^(done|failed)$/);
  const job = (await get(`/api/jobs/${id}`, who)).json();
  expect(job.status, job.error).toBe('done');
  return job;
}

const jobCount = async (kind: string) =>
  (
    await t.db
      .selectFrom('background_jobs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow()
  ).n;

const userId = async (email: string) =>
  (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp({ JOB_CLEANUP_INTERVAL_SECONDS: '1', JOB_RETENTION_HOURS: '1' });
  storage = createStorage(t.config);
  p = await setupPersonas(t.app, t.db);
  const f = await importTestFramework(t.db);
  cycleId = (await insertCycle(t.db, f.id, 2023, 'published')).id;
  otherCycleId = (await insertCycle(t.db, f.id, 2024, 'published')).id;
  for (let i = 0; i < AGENCIES; i++) {
    const a = await insertNamedAgency(t.db, `R${i}`, `กรมส่งออกข้อมูลดิบ ${i}`, `Raw export department ${i}`);
    await submitWithSnapshot(t.db, cycleId, a.id, strengthAnswers(f.framework, 'department', i / 4, i));
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('raw exports as cached background jobs', () => {
  it('starts a job, reports progress to any reader, downloads the file, then serves the cached file', async () => {
    const first = await get(rawUrl('long'), p.analyst);
    expect(first.statusCode, first.body).toBe(202);
    const job = first.json();
    expect(job).toMatchObject({ kind: 'raw-export-long', cycleId, total: AGENCIES });
    // The job is listed for its creator (a page shows it again after a reload).
    const listed = (await get('/api/jobs', p.analyst)).json();
    expect(listed.jobs.map((j: { id: string }) => j.id)).toContain(job.id);
    // A second analyst asking meanwhile joins the same build, or gets the file if it is done.
    const joined = await get(rawUrl('long'), p.admin);
    if (joined.statusCode === 202) expect(joined.json().id).toBe(job.id);
    else expect(joined.statusCode).toBe(200);

    const done = await waitDone(job.id, p.admin);
    expect(done).toMatchObject({ done: AGENCIES, total: AGENCIES, fileName: 'raw-long-2566.csv' });
    const file = await get(done.downloadUrl, p.analyst);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('raw-long-2566.csv');
    // The reader's calendar: the same file named with the C.E. year in English.
    const fileEn = await get(`${done.downloadUrl}?lang=en`, p.analyst);
    expect(fileEn.statusCode).toBe(200);
    expect(fileEn.headers['content-disposition']).toContain('raw-long-2023.csv');
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body.charCodeAt(0)).toBe(0xfeff);
    const lines = file.body.slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^agency_code,agency_name_th,agency_name_en,track,question_code,/);
    const agencies = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect([...agencies].sort()).toEqual(['R0', 'R1', 'R2', 'R3']);

    // Same data: the stored file at once, the same bytes, and no second build.
    const cached = await get(rawUrl('long'), p.admin);
    expect(cached.statusCode).toBe(200);
    expect(cached.headers['content-type']).toContain('text/csv');
    expect(cached.rawPayload.equals(file.rawPayload)).toBe(true);
    expect(await jobCount('raw-export-long')).toBe(1);
    const cachedEn = await get(`${rawUrl('long')}?lang=en`, p.admin);
    expect(cachedEn.statusCode).toBe(200);
    expect(cachedEn.headers['content-disposition']).toContain('raw-long-2023.csv');
    expect(await jobCount('raw-export-long')).toBe(1);

    // Changed data (an answer saved again): a new version, built by a new job.
    await sql`update answers set revision = revision + 1, updated_at = now()
      where response_id = (select min(id) from responses where cycle_id = ${cycleId})`.execute(t.db);
    const rebuilt = await get(rawUrl('long'), p.analyst);
    expect(rebuilt.statusCode).toBe(202);
    expect(rebuilt.json().id).not.toBe(job.id);
    await waitDone(rebuilt.json().id, p.analyst);
    expect(await jobCount('raw-export-long')).toBe(2);
  }, 240_000);

  it('builds the wide export too, one row per agency with formula-neutralised cells', async () => {
    const first = await get(rawUrl('wide'), p.admin);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json().kind).toBe('raw-export-wide');
    const done = await waitDone(first.json().id, p.admin);
    const file = await get(done.downloadUrl, p.admin);
    const rows = file.body.slice(1).trim().split('\n');
    expect(rows.length).toBe(1 + AGENCIES);
    expect(rows[0]).toMatch(/^agency_code,agency_name_th,agency_name_en,track,status,/);
    // No cell of the file starts a formula (the neutraliser prefixes them with a quote).
    for (const cell of file.body.slice(1).split(/[,\n]/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  }, 240_000);

  it('refuses agency users: no export, no job, no download', async () => {
    const job = await t.db
      .selectFrom('background_jobs')
      .select('id')
      .where('kind', '=', 'raw-export-wide')
      .executeTakeFirstOrThrow();
    for (const who of [p.respondentA, p.viewerA]) {
      for (const format of ['long', 'wide'] as const) {
        expect((await get(rawUrl(format), who)).statusCode, `${format}`).toBe(403);
      }
      // Someone else's raw export job does not exist for them, nor does its file.
      expect((await get(`/api/jobs/${job.id}`, who)).statusCode).toBe(404);
      expect((await get(`/api/jobs/${job.id}/download`, who)).statusCode).toBe(404);
    }
    expect(await jobCount('raw-export-long')).toBe(2);
  });

  it('refuses a user beyond the limit of concurrent background jobs with 429', async () => {
    const analystId = await userId('analyst@test.dga.or.th');
    const ids = [randomUUID(), randomUUID()];
    await t.db
      .insertInto('background_jobs')
      .values(ids.map((id) => ({ id, kind: 'report-zip', created_by: analystId, params: '{}', total: 1 })))
      .execute();
    try {
      const res = await get(rawUrl('long', otherCycleId), p.analyst);
      expect(res.statusCode, res.body).toBe(429);
      // Another user is not affected.
      const admin = await get(rawUrl('long', otherCycleId), p.admin);
      expect(admin.statusCode, admin.body).toBe(202);
      await waitDone(admin.json().id, p.admin);
    } finally {
      await t.db.deleteFrom('background_jobs').where('id', 'in', ids).execute();
    }
  }, 240_000);
});

describe('cleanup of finished jobs', () => {
  it('removes expired jobs and their files; keeps running jobs, current cached builds and recent jobs', async () => {
    const adminId = await userId('admin@test.dga.or.th');
    const cycle = await findCycle(t.db, cycleId);
    if (!cycle) throw new Error('cycle missing');
    const currentKey = await rawExportCacheKey(t.db, cycle, 'long');
    expect(await storage.exists(currentKey)).toBe(true);
    const old = sql<Date>`now() - interval '3 hours'`;
    const row = (id: string, kind: string, status: 'done' | 'failed' | 'running', key: string | null) => ({
      id,
      kind,
      created_by: adminId,
      params: JSON.stringify(kind.startsWith('raw-export') ? { cycleId, format: 'long' } : { cycleId }),
      status,
      result_key: key,
      cache_key: kind.startsWith('raw-export') ? key : null,
      file_name: 'x',
    });
    const ids = {
      expiredZip: randomUUID(),
      expiredFailed: randomUUID(),
      staleRaw: randomUUID(),
      running: randomUUID(),
      recent: randomUUID(),
    };
    const files = {
      expiredZip: `job-${ids.expiredZip}.zip`,
      failedItem: `job-${ids.expiredFailed}-a1.pdf`,
      staleRaw: `raw-long-c${cycleId}-0123456789abcdef01234567.csv`,
      runningItem: `job-${ids.running}-a1.pdf`,
      recent: `job-${ids.recent}.zip`,
    };
    for (const key of Object.values(files)) await storage.put(key, Buffer.from(key));
    await t.db
      .insertInto('background_jobs')
      .values([
        row(ids.expiredZip, 'report-zip', 'done', files.expiredZip),
        row(ids.expiredFailed, 'report-zip', 'failed', null),
        row(ids.staleRaw, 'raw-export-long', 'done', files.staleRaw),
        row(ids.running, 'report-zip', 'running', null),
        row(ids.recent, 'report-zip', 'done', files.recent),
      ])
      .execute();
    await t.db
      .insertInto('background_job_items')
      .values([
        { job_id: ids.expiredFailed, item_key: '1', storage_key: files.failedItem, file_name: 'a.pdf' },
        { job_id: ids.running, item_key: '1', storage_key: files.runningItem, file_name: 'a.pdf' },
      ])
      .execute();
    // Everything but the recent job finished (or, for the running one, started) long ago; the
    // current raw export's own job is backdated too: its file is still what readers get.
    await t.db
      .updateTable('background_jobs')
      .set({ created_at: old, finished_at: old })
      .where('id', 'in', [ids.expiredZip, ids.expiredFailed, ids.staleRaw])
      .execute();
    await t.db.updateTable('background_jobs').set({ created_at: old }).where('id', '=', ids.running).execute();
    await t.db
      .updateTable('background_jobs')
      .set({ created_at: old, finished_at: old })
      .where('result_key', '=', currentKey)
      .execute();

    // The timer (every second) removes the expired ones.
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('background_jobs').select('id').where('id', 'in', Object.values(ids)).execute())
            .map((r) => r.id)
            .sort(),
        { timeout: 60_000, interval: 250 },
      )
      .toEqual([ids.running, ids.recent].sort());
    expect(await storage.exists(files.expiredZip)).toBe(false);
    expect(await storage.exists(files.failedItem)).toBe(false);
    expect(await storage.exists(files.staleRaw)).toBe(false);
    // Kept: the running job's finished piece, the recent job's file, and the current cached export.
    expect(await storage.exists(files.runningItem)).toBe(true);
    expect(await storage.exists(files.recent)).toBe(true);
    expect(await storage.exists(currentKey)).toBe(true);
    const current = await t.db
      .selectFrom('background_jobs')
      .select('status')
      .where('result_key', '=', currentKey)
      .execute();
    expect(current).toEqual([{ status: 'done' }]);
    // And readers still get it at once, without a new build.
    const before = await jobCount('raw-export-long');
    expect((await get(rawUrl('long'), p.analyst)).statusCode).toBe(200);
    expect(await jobCount('raw-export-long')).toBe(before);

    // Once its data changes, the old build is no longer current: the next cleanup removes it.
    await sql`update answers set revision = revision + 1, updated_at = now()
      where response_id = (select max(id) from responses where cycle_id = ${cycleId})`.execute(t.db);
    await expect.poll(async () => storage.exists(currentKey), { timeout: 60_000, interval: 250 }).toBe(false);
    expect(
      await t.db.selectFrom('background_jobs').select('id').where('result_key', '=', currentKey).execute(),
    ).toEqual([]);
  }, 240_000);
});
