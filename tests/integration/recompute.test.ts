import { createHash } from 'node:crypto';
import { stableStringify } from '@dg/shared/domain/framework-validate';
import type { Framework } from '@dg/shared/schemas/framework';
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
});
afterAll(async () => t.close());

describe('recomputing a cycle', () => {
  it('does nothing when neither the framework nor the engine changed', async () => {
    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ examined: 2, recomputed: 0, changed: [] });
  });

  it('applies a framework correction to every result in one action and reports the changed levels', async () => {
    // A correction: pillar 1 now scores every agency from level 1 upwards only (cut points out of reach).
    const corrected = structuredClone(framework);
    const p1 = corrected.pillars[0];
    if (!p1) throw new Error('no pillar 1');
    p1.scoring = { mode: 'score', minOptionalShare: 0, cutPoints: [99.5, 99.6, 99.7, 99.8] };
    const hash = createHash('sha256').update(stableStringify(corrected)).digest('hex');
    await t.db
      .updateTable('frameworks')
      .set({ document: JSON.stringify(corrected), hash })
      .where('id', '=', frameworkId)
      .execute();
    const before = await t.db.selectFrom('result_snapshots').select('id').execute();

    const admin = await signIn(t.app, 'admin@recompute.test', PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.recomputed).toBe(2);
    expect(report.frameworkHash).toBe(hash);
    const strong = report.changed.find((c: { agencyCode: string }) => c.agencyCode === 'RC00');
    expect(strong.pillars).toEqual(expect.arrayContaining([expect.objectContaining({ pillarKey: 'P1', to: 1 })]));

    // New revisions for both, old published rows kept, new ones published and attributed to a correction.
    const after = await t.db.selectFrom('result_snapshots').selectAll().orderBy('id').execute();
    expect(after).toHaveLength(before.length + 2);
    const current = after.filter((s) => s.is_current);
    expect(current.every((s) => s.reason === 'recompute' && s.published && s.framework_hash === hash)).toBe(true);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'result.correction').execute();
    expect(audit).toHaveLength(1);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute`,
      headers: admin.headers,
    });
    expect(again.json()).toMatchObject({ recomputed: 0, changed: [] });
  });

  it('is for administrators only', async () => {
    await insertUser(t.db, 'analyst@recompute.test', 'analyst');
    const analyst = await signIn(t.app, 'analyst@recompute.test', PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/recompute`,
      headers: analyst.headers,
    });
    expect(res.statusCode).toBe(403);
  });
});
