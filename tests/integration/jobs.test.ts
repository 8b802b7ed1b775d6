import fs from 'node:fs';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../server/src/modules/reports/pdf';
import { listCycleAgencyIds } from '../../server/src/modules/reports/reports.repository';
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
 * Background jobs on the queue, run inside the app (the embedded database's mode; on PostgreSQL
 * too when TEST_DATABASE_URL is set). Separate app servers and a separate, killed worker process
 * are in jobs-cluster.test.ts.
 */

const hasBrowser = fs.existsSync(CHROMIUM_PATH);
const AGENCIES = 5;

let t: TestApp;
let p: Personas;
let published: number;
let closed: number;

async function jobStatus(id: string, who: SignedIn) {
  return (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: who.headers })).json();
}

async function waitDone(id: string, who: SignedIn) {
  await expect
    .poll(async () => (await jobStatus(id, who)).status, { timeout: 180_000, interval: 250 })
    .toMatch(/^(done|failed)$/);
  const job = await jobStatus(id, who);
  expect(job.status, job.error).toBe('done');
  return job;
}

beforeAll(async () => {
  // Short slices: a report ZIP of five agencies runs as several deliveries, each resuming the last.
  t = await createTestApp({ JOB_SLICE_SECONDS: '1' });
  p = await setupPersonas(t.app, t.db);
  const f = await importTestFramework(t.db);
  published = (await insertCycle(t.db, f.id, 2023, 'published')).id;
  closed = (await insertCycle(t.db, f.id, 2024, 'closed')).id;
  for (let i = 0; i < AGENCIES; i++) {
    const a = await insertNamedAgency(t.db, `J${i}`, `กรมทดสอบงานเบื้องหลัง ${i}`, `Job test department ${i}`);
    for (const c of [published, closed])
      await submitWithSnapshot(t.db, c, a.id, strengthAnswers(f.framework, 'department', (i % 5) / 5, i));
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('open-data package as a cached background build', () => {
  it('is built once per data version and then served from storage to every reader', async () => {
    const url = `/api/analytics/cycles/${published}/open-data.zip`;
    const first = await t.app.inject({ method: 'GET', url, headers: p.viewerA.headers });
    expect(first.statusCode, first.body).toBe(202);
    const job = first.json();
    expect(job).toMatchObject({ kind: 'open-data', total: 1 });
    expect(['queued', 'running']).toContain(job.status);
    // Another reader meanwhile joins the same build (or already gets the file).
    const second = await t.app.inject({ method: 'GET', url, headers: p.respondentB.headers });
    if (second.statusCode === 202) expect(second.json().id).toBe(job.id);
    else expect(second.statusCode).toBe(200);
    // A reader who did not start it may follow it (it is the same package for everyone).
    const done = await waitDone(job.id, p.respondentB);
    expect(done.downloadUrl).toBe(`/api/jobs/${job.id}/download`);
    const viaJob = await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: p.viewerA.headers });
    expect(viaJob.statusCode).toBe(200);

    const cached = await t.app.inject({ method: 'GET', url, headers: p.analyst.headers });
    expect(cached.statusCode).toBe(200);
    expect(cached.headers['content-disposition']).toContain('open-data-2566.zip');
    expect(cached.rawPayload.equals(viaJob.rawPayload)).toBe(true);
    const names = Object.keys((await JSZip.loadAsync(cached.rawPayload)).files).sort();
    expect(names).toContain('level-distribution.csv');
    const builds = await t.db
      .selectFrom('background_jobs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'open-data')
      .executeTakeFirstOrThrow();
    expect(builds.n).toBe(1);

    // Other metadata is another package: a build of its own.
    const other = await t.app.inject({
      method: 'GET',
      url: `${url}?maintainer=Open%20Data%20Desk`,
      headers: p.analyst.headers,
    });
    expect(other.statusCode).toBe(202);
    expect(other.json().id).not.toBe(job.id);
    await waitDone(other.json().id, p.analyst);
  }, 240_000);
});

describe('job limits and access', () => {
  it('refuses a user a third queued or running job with 429; other users are not affected', async () => {
    const analystId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'analyst@test.dga.or.th')
        .executeTakeFirstOrThrow()
    ).id;
    // Two of the analyst's jobs queued on another server (rows only: nothing here runs them).
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await t.db
      .insertInto('background_jobs')
      .values(ids.map((id) => ({ id, kind: 'report-zip', created_by: analystId, params: '{}', total: 1 })))
      .execute();
    try {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/results/${published}/reports-zip`,
        headers: p.analyst.headers,
      });
      expect(refused.statusCode, refused.body).toBe(429);
      expect(refused.json().error.message).toContain('at most 2');
      const openData = await t.app.inject({
        method: 'GET',
        url: `/api/analytics/cycles/${published}/open-data.zip?maintainer=limit`,
        headers: p.analyst.headers,
      });
      expect(openData.statusCode).toBe(429);
      const other = await t.app.inject({
        method: 'POST',
        url: `/api/results/${closed}/reports-zip?lang=en`,
        headers: p.admin.headers,
      });
      expect(other.statusCode, other.body).toBe(202);
      // Jobs are the creator's and staff's: an agency user cannot see or download another's.
      const id = other.json().id;
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: p.viewerA.headers })).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}/download`, headers: p.respondentA.headers }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: p.analyst.headers })).statusCode,
      ).toBe(200);
      const mine = (await t.app.inject({ method: 'GET', url: '/api/jobs', headers: p.admin.headers })).json();
      expect(mine.jobs.map((j: { id: string }) => j.id)).toContain(id);
      const viewers = (await t.app.inject({ method: 'GET', url: '/api/jobs', headers: p.viewerA.headers })).json();
      expect(viewers.jobs.map((j: { id: string }) => j.id)).not.toContain(id);
      if (hasBrowser) await waitDone(id, p.admin);
    } finally {
      await t.db.updateTable('background_jobs').set({ status: 'failed' }).where('id', 'in', ids).execute();
    }
  }, 240_000);
});

describe.skipIf(!hasBrowser)('report jobs (Chromium)', () => {
  it('a report ZIP in one-second runs: one PDF per agency, each rendered once', async () => {
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/results/${published}/reports-zip`,
      headers: p.analyst.headers,
    });
    expect(start.statusCode, start.body).toBe(202);
    const job = start.json();
    expect(job).toMatchObject({ kind: 'report-zip', total: AGENCIES, done: 0 });
    // The page lists the user's jobs, so a running job is shown again after a reload.
    const listed = (await t.app.inject({ method: 'GET', url: '/api/jobs', headers: p.analyst.headers })).json();
    expect(listed.jobs[0].id).toBe(job.id);
    const done = await waitDone(job.id, p.analyst);
    expect(done).toMatchObject({ done: AGENCIES, total: AGENCIES });
    const zip = await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: p.analyst.headers });
    expect(zip.statusCode).toBe(200);
    const names = Object.keys((await JSZip.loadAsync(zip.rawPayload)).files);
    expect(names).toHaveLength(AGENCIES);
    expect(new Set(names).size).toBe(AGENCIES);
    const items = await t.db.selectFrom('background_job_items').selectAll().where('job_id', '=', job.id).execute();
    expect(items).toHaveLength(AGENCIES);
    expect(items.every((i) => i.renders === 1)).toBe(true);
    // (How many runs it took depends on the machine's speed; a run lost mid-job and resumed is
    // proven with a killed worker process in jobs-cluster.test.ts.)
  }, 300_000);

  it('a ZIP of the agencies asked for holds their reports only; a malformed or foreign list is 400', async () => {
    const ids = (await listCycleAgencyIds(t.db, published)).map((a) => a.id);
    expect(ids).toHaveLength(AGENCIES);
    const asked = [ids[1], ids[3]];
    for (const bad of ['1;2', 'abc', '999999']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/results/${published}/reports-zip?agencies=${bad}`,
        headers: p.analyst.headers,
      });
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(400);
      expect(res.json().error.message).toMatch(/agenc/i);
    }
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/results/${published}/reports-zip?agencies=${asked.join(',')},${asked[0]}`,
      headers: p.analyst.headers,
    });
    expect(start.statusCode, start.body).toBe(202);
    expect(start.json()).toMatchObject({ total: 2 });
    const done = await waitDone(start.json().id, p.analyst);
    const zip = await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: p.analyst.headers });
    const items = await t.db
      .selectFrom('background_job_items')
      .select('item_key')
      .where('job_id', '=', start.json().id)
      .execute();
    expect(items.map((i) => i.item_key).sort()).toEqual(asked.map(String).sort());
    expect(Object.keys((await JSZip.loadAsync(zip.rawPayload)).files)).toHaveLength(2);
  }, 300_000);

  it("publishing a cycle pre-renders every agency's PDF and the report route serves the stored one", async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${closed}`,
      headers: p.admin.headers,
      payload: { status: 'published' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const job = await t.db
      .selectFrom('background_jobs')
      .selectAll()
      .where('kind', '=', 'report-prerender')
      .executeTakeFirstOrThrow();
    expect(job.params).toEqual({ cycleId: closed });
    await expect
      .poll(
        async () => {
          const r = await t.db
            .selectFrom('background_jobs')
            .selectAll()
            .where('id', '=', job.id)
            .executeTakeFirstOrThrow();
          return r.status === 'failed' ? `failed: ${r.error}` : r.status;
        },
        { timeout: 240_000, interval: 500 },
      )
      .toMatch(/^(done|failed)/);
    const outcome = await t.db
      .selectFrom('background_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(outcome.status, outcome.error ?? '').toBe('done');
    const finished = await t.db
      .selectFrom('background_jobs')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(finished.done).toBe(AGENCIES);
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', 'J1').executeTakeFirstOrThrow();
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/results/${closed}/agency/${agency.id}/report.pdf`,
      headers: p.analyst.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['x-report-source']).toBe('prerendered');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // English is not pre-rendered: rendered on request.
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/results/${closed}/agency/${agency.id}/report.pdf?lang=en`,
      headers: p.analyst.headers,
    });
    expect(en.statusCode).toBe(200);
    expect(en.headers['x-report-source']).toBe('rendered');
  }, 300_000);
});
