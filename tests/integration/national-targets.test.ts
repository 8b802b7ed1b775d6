import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import type { TargetOverview } from '../../shared/src/schemas/targets';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/** National targets: the admin API, its validation and access, and the overview series per reader. */

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let respondent: SignedIn;
let published: number;
let open: number;

const LEVEL4 = {
  label: { th: 'สัดส่วนหน่วยงานระดับกรมที่มีระดับตั้งแต่ 4 ขึ้นไป', en: 'Department agencies at level 4 or above' },
  indicator: { kind: 'level_at_least', level: 4, track: 'department' },
  comparison: 'gte',
  targetPercent: 20,
  source: { th: 'ยุทธศาสตร์ชาติ', en: 'National strategy' },
};

beforeAll(async () => {
  t = await createTestApp();
  const { f2565, f2566 } = await seedFrameworks(t.db);
  const mk = async (fy: number, fw: number, status: 'open' | 'published') =>
    (
      await t.db
        .insertInto('cycles')
        .values({ fiscal_year: fy, name_th: `ปี ${fy + 543}`, name_en: `${fy}`, framework_id: fw, status })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  published = await mk(2022, f2565.id, 'published');
  open = await mk(2023, f2566.id, 'open');
  const agency = await insertAgency(t.db, 'D01');
  await insertUser(t.db, 'admin@targets.dga.or.th', 'admin');
  await insertUser(t.db, 'analyst@targets.dga.or.th', 'analyst');
  await insertUser(t.db, 'resp@targets.go.th', 'respondent', agency.id);
  admin = await signIn(t.app, 'admin@targets.dga.or.th');
  analyst = await signIn(t.app, 'analyst@targets.dga.or.th');
  respondent = await signIn(t.app, 'resp@targets.go.th');
}, 120_000);
afterAll(async () => t?.close());

const put = (cycleId: number, code: string, body: unknown, who: SignedIn = admin) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/admin/cycles/${cycleId}/targets/${code}`,
    headers: who.headers,
    payload: body as object,
  });

describe('national targets', () => {
  it('an administrator sets a target per cycle; the overview shows actual against target over the years', async () => {
    for (const c of [published, open]) {
      const res = await put(c, 'NS_DEPT_LEVEL4', LEVEL4);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ cycleId: c, code: 'NS_DEPT_LEVEL4', targetPercent: 20, comparison: 'gte' });
    }
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/admin/cycles/${open}/targets`,
      headers: analyst.headers,
    });
    expect(list.json().targets).toHaveLength(1);

    const staff = (
      await t.app.inject({ method: 'GET', url: '/api/analytics/targets', headers: analyst.headers })
    ).json() as TargetOverview;
    expect(staff.series).toHaveLength(1);
    expect(staff.series[0]?.points.map((p) => [p.fiscalYear, p.targetPercent])).toEqual([
      [2022, 20],
      [2023, 20],
    ]);
    expect(staff.series[0]?.nearest).toEqual([]);
    // An agency user sees published cycles only, and never the agencies list.
    const agency = (
      await t.app.inject({ method: 'GET', url: '/api/analytics/targets', headers: respondent.headers })
    ).json() as TargetOverview;
    expect(agency.series[0]?.points.map((p) => p.cycleId)).toEqual([published]);
    expect(agency.series[0]?.nearest).toBeNull();
  });

  it('refuses a bad target with a clear 400, and non-administrators with 403', async () => {
    const level6 = await put(open, 'BAD_LEVEL', {
      ...LEVEL4,
      indicator: { kind: 'level_at_least', level: 6, track: null },
    });
    expect(level6.statusCode).toBe(400);
    const over = await put(open, 'BAD_PERCENT', { ...LEVEL4, targetPercent: 120 });
    expect(over.statusCode).toBe(400);
    const unknown = await put(open, 'BAD_DERIVED', {
      ...LEVEL4,
      indicator: { kind: 'derived', code: 'NO_SUCH', track: null },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('NO_SUCH');
    const derived = await put(open, 'TX_FULL', {
      ...LEVEL4,
      indicator: { kind: 'derived', code: 'TX_FULLY_DIGITAL', track: 'department' },
    });
    expect(derived.statusCode, derived.body).toBe(200);
    expect((await put(open, 'NS_DEPT_LEVEL4', LEVEL4, analyst)).statusCode).toBe(403);
    expect((await put(999999, 'NS_DEPT_LEVEL4', LEVEL4)).statusCode).toBe(404);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/cycles/${open}/targets/TX_FULL`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);
  });
});
