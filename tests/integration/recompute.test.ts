import { createHash } from 'node:crypto';
import { stableStringify } from '@dg/shared/domain/framework-validate';
import type { Framework } from '@dg/shared/schemas/framework';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, PASSWORD, signIn } from '../support/fixtures';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let cycleId: number;
let frameworkId: number;
let framework: Framework;
let originalHash: string;
let correctedHash: string;

const hashOf = (f: unknown) => createHash('sha256').update(stableStringify(f)).digest('hex');

type Admin = Awaited<ReturnType<typeof signIn>>;

/** Starts the cycle's recompute job (the only recompute route: heavy work runs off the API). */
async function startRecompute(admin: Admin): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/admin/cycles/${cycleId}/recompute-job`,
    headers: admin.headers,
  });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json()).toMatchObject({ kind: 'cycle-recompute', cycleId, total: 2 });
  return res.json().id;
}

/** Follows the job to its end through the API and returns it with its JSON report. */
async function followRecompute(admin: Admin, id: string) {
  const jobUrl = `/api/jobs/${id}`;
  await expect
    .poll(async () => (await t.app.inject({ method: 'GET', url: jobUrl, headers: admin.headers })).json().status, {
      timeout: 120_000,
      interval: 200,
    })
    .toMatch(/^(done|failed)$/);
  const job = (await t.app.inject({ method: 'GET', url: jobUrl, headers: admin.headers })).json();
  expect(job, job.error).toMatchObject({ status: 'done', done: 2, total: 2 });
  const file = await t.app.inject({ method: 'GET', url: job.downloadUrl, headers: admin.headers });
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('application/json');
  return { job, report: JSON.parse(file.body) };
}

/** A correction: pillar 1 now scores every agency from level 1 upwards only (cut points out of reach). */
function correctedFramework(): Framework {
  const corrected = structuredClone(framework);
  const p1 = corrected.pillars[0];
  if (!p1) throw new Error('no pillar 1');
  p1.scoring = { mode: 'score', minOptionalShare: 0, cutPoints: [99.5, 99.6, 99.7, 99.8] };
  return corrected;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ id: frameworkId, framework } = await importTestFramework(t.db));
  cycleId = (await insertCycle(t.db, frameworkId, 2023, 'published')).id;
  for (const [i, strength] of [0.9, 0.5].entries()) {
    const agency = await insertNamedAgency(t.db, `RC0${i}`, `หน่วยงานทดสอบ ${i}`, `Test agency ${i}`);
    await submitWithSnapshot(t.db, cycleId, agency.id, strengthAnswers(framework, 'department', strength, 7 + i));
  }
  await t.db.updateTable('result_snapshots').set({ published: true }).execute();
  await insertUser(t.db, 'admin@recompute.test', 'admin');
  originalHash = hashOf(framework);
  correctedHash = hashOf(correctedFramework());
});
afterAll(async () => t.close());

describe('recomputing a cycle', () => {
  it('does nothing when neither the framework nor the engine changed', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const { report } = await followRecompute(admin, await startRecompute(admin));
    expect(report).toMatchObject({ examined: 2, recomputed: 0, changed: [] });
  });

  it('refuses a correction that changes what stored answers depend on, listing the paths', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const corrected = structuredClone(framework) as Framework;
    corrected.year = 2024;
    const q0 = corrected.pillars[0]?.indicators[0]?.questions[0];
    if (!q0) throw new Error('no first question');
    q0.required = !q0.required;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/frameworks/${frameworkId}/corrections`,
      headers: admin.headers,
      payload: { framework: corrected, note: 'try to change the structure' },
    });
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.map((d: { pathText: string; code: string }) => `${d.code} ${d.pathText}`);
    expect(paths.sort()).toEqual([
      'correction_not_allowed pillars[0].indicators[0].questions[0].required',
      'correction_not_allowed year',
    ]);
    const row = await t.db
      .selectFrom('frameworks')
      .select(['hash', 'revision'])
      .where('id', '=', frameworkId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ hash: originalHash, revision: 1 });
  });

  it('stores a correction of the frozen framework as a new revision, keeping the old document', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    // The plain import path stays closed once a cycle has opened.
    const reimport = await t.app.inject({
      method: 'POST',
      url: '/api/frameworks/import',
      headers: admin.headers,
      payload: correctedFramework(),
    });
    expect(reimport.statusCode).toBe(409);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/frameworks/${frameworkId}/corrections`,
      headers: admin.headers,
      payload: { framework: correctedFramework(), note: 'Pillar 1 cut points were published wrong' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: frameworkId,
      revision: 2,
      hash: correctedHash,
      previousHash: originalHash,
      changed: true,
      cycles: [{ id: cycleId, fiscalYear: 2023, status: 'published' }],
    });
    const kept = await t.db.selectFrom('framework_revisions').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      framework_id: frameworkId,
      revision: 1,
      hash: originalHash,
      superseded_by_hash: correctedHash,
    });
    expect(createHash('sha256').update(stableStringify(kept[0]?.document)).digest('hex')).toBe(originalHash);
    const [entry] = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'framework.correction')
      .execute();
    expect(entry).toMatchObject({
      before: { hash: originalHash, revision: 1 },
      after: { hash: correctedHash, revision: 2 },
    });

    // The same correction again changes nothing.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/frameworks/${frameworkId}/corrections`,
      headers: admin.headers,
      payload: { framework: correctedFramework(), note: 'again' },
    });
    expect(again.json()).toMatchObject({ changed: false, revision: 2, hash: correctedHash });
  });

  it('rolls a failed attempt back whole; the retry applies the correction to every result and reports the changed levels', async () => {
    // Every recompute snapshot insert after the first fails; a sequence (not transactional) counts the attempts.
    await sql`create sequence recompute_attempts`.execute(t.db);
    await sql
      .raw(`create function fail_second_recompute() returns trigger language plpgsql as $$
        begin
          if new.reason = 'recompute' and nextval('recompute_attempts') >= 2 then
            raise exception 'injected failure on the second recompute snapshot';
          end if;
          return new;
        end $$`)
      .execute(t.db);
    await sql`create trigger fail_second_recompute before insert on result_snapshots
      for each row execute function fail_second_recompute()`.execute(t.db);
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const auditBefore = await t.db.selectFrom('audit_log').select('id').execute();
    const snapshotsBefore = await t.db.selectFrom('result_snapshots').selectAll().orderBy('id').execute();
    const pillarsBefore = await t.db
      .selectFrom('snapshot_pillars')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    let jobId: string;
    try {
      jobId = await startRecompute(admin);
      // The attempt fails after the first agency's snapshot was written; the job stays queued for a retry.
      await expect
        .poll(
          async () =>
            (await t.db.selectFrom('background_jobs').select('error').where('id', '=', jobId).executeTakeFirst())
              ?.error ?? '',
          { timeout: 120_000, interval: 200 },
        )
        .toContain('injected failure');
      const attempts = await sql<{ last_value: string }>`select last_value from recompute_attempts`.execute(t.db);
      expect(Number(attempts.rows[0]?.last_value)).toBeGreaterThanOrEqual(2);
      const snapshotsAfter = await t.db.selectFrom('result_snapshots').selectAll().orderBy('id').execute();
      expect(snapshotsAfter).toEqual(snapshotsBefore);
      expect(snapshotsAfter.filter((s) => s.is_current).every((s) => s.framework_hash === originalHash)).toBe(true);
      const pillarsAfter = await t.db
        .selectFrom('snapshot_pillars')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(pillarsAfter).toEqual(pillarsBefore);
      expect(await t.db.selectFrom('audit_log').select('id').execute()).toEqual(auditBefore);
    } finally {
      await sql`drop trigger fail_second_recompute on result_snapshots`.execute(t.db);
      await sql`drop function fail_second_recompute()`.execute(t.db);
      await sql`drop sequence recompute_attempts`.execute(t.db);
    }

    // The queue's retry starts over and now succeeds, in one go.
    const { report } = await followRecompute(admin, jobId);
    expect(report.recomputed).toBe(2);
    expect(report.frameworkHash).toBe(correctedHash);
    const strong = report.changed.find((c: { agencyCode: string }) => c.agencyCode === 'RC00');
    expect(strong.pillars).toEqual(expect.arrayContaining([expect.objectContaining({ pillarKey: 'P1', to: 1 })]));

    // New revisions for both, old published rows kept, new ones published and attributed to a correction.
    const after = await t.db.selectFrom('result_snapshots').selectAll().orderBy('id').execute();
    expect(after).toHaveLength(snapshotsBefore.length + 2);
    const current = after.filter((s) => s.is_current);
    expect(current.every((s) => s.reason === 'recompute' && s.published && s.framework_hash === correctedHash)).toBe(
      true,
    );
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'result.correction').execute();
    expect(audit).toHaveLength(1);

    // Nothing is left to change.
    const again = await followRecompute(admin, await startRecompute(admin));
    expect(again.report).toMatchObject({ recomputed: 0, changed: [] });
  });

  it('has no synchronous recompute route: the work runs only as a job', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });

  it('is for administrators only', async () => {
    await insertUser(t.db, 'analyst@recompute.test', 'analyst');
    const analyst = await signIn(t.app, 'analyst@recompute.test', PASSWORD);
    const job = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute-job`,
      headers: analyst.headers,
    });
    expect(job.statusCode).toBe(403);
  });

  it('answers 404 for a recompute job of a cycle that does not exist', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles/999999/recompute-job',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
