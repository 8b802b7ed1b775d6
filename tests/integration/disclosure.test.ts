import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { downloadBuilt } from '../support/background-download';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { allPillarsAt, insertRegistry, insertResult, REGISTRY_SPECS } from '../support/segment-registry';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Disclosure control of national aggregates (security issue, part 3): an agency user must never
 * read one agency's figures through a narrow segment, a two-dimension filter, a small group of a
 * breakdown, a follow-up question's sub-population, an export or the open-data package, nor work
 * them out by subtracting shown groups from a shown total. Analysts read everything unchanged.
 *
 * Registry of the published cycle (department track unless said):
 *   ministry M1: 8 agencies (service, government agency)
 *   ministry M2: 6 agencies (policy, government agency)
 *   ministry M3: 1 agency, TARGET (policy, state enterprise): the one an attacker wants to isolate
 *   province track: 5 in the north, 1 in the south
 */

let t: TestApp;
let analyst: SignedIn;
let viewer: SignedIn;
let respondent: SignedIn;
let admin: SignedIn;
let cycle: number;

const TARGET = { overall: 5, pillar: 5 };
const TARGET_BUDGET = 97.25;
let budgetIndex = 0;

beforeAll(async () => {
  t = await createTestApp();
  const { f2566 } = await seedFrameworks(t.db);
  cycle = (
    await t.db
      .insertInto('cycles')
      .values({ fiscal_year: 2023, name_th: 'ปี 2566', name_en: '2023', framework_id: f2566.id, status: 'published' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const ids = await insertRegistry(t.db, { th: 'หน่วยงาน', en: 'Agency' });
  const viewerAgency = ids.get('M1-0') ?? 0;
  for (const s of REGISTRY_SPECS) {
    const agencyId = ids.get(s.code) ?? 0;
    await t.db.insertInto('cycle_agencies').values({ cycle_id: cycle, agency_id: agencyId }).execute();
    await insertResult(t.db, cycle, agencyId, 'verified', s.level, allPillarsAt(s.level), {
      POL_CIO: s.code === 'TARGET' ? 'no' : 'yes',
      OD_USER_SURVEY: s.surveyed,
      // The follow-up: shown only to those who answered "no" (3 agencies, TARGET among them).
      OD_USER_SURVEY_REASON: { choice: 'not_yet' },
      // A number whose largest value is TARGET's own: recognisable without a name if published.
      ...(s.track === 'department'
        ? { POL_DIGITAL_BUDGET_SHARE: s.code === 'TARGET' ? TARGET_BUDGET : 10 + budgetIndex++ }
        : {}),
    });
  }
  await insertUser(t.db, 'analyst@dc.dga.or.th', 'analyst');
  await insertUser(t.db, 'admin@dc.dga.or.th', 'admin');
  await insertUser(t.db, 'viewer@dc.go.th', 'viewer', viewerAgency);
  await insertUser(t.db, 'resp@dc.go.th', 'respondent', viewerAgency);
  analyst = await signIn(t.app, 'analyst@dc.dga.or.th');
  admin = await signIn(t.app, 'admin@dc.dga.or.th');
  viewer = await signIn(t.app, 'viewer@dc.go.th');
  respondent = await signIn(t.app, 'resp@dc.go.th');
}, 180_000);
afterAll(async () => t?.close());

const url = (path: string) => `/api/analytics/cycles/${cycle}/${path}`;
async function get(path: string, who: SignedIn) {
  const res = await t.app.inject({ method: 'GET', url: url(path), headers: who.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}
const json = async (path: string, who: SignedIn) => (await get(path, who)).json();
async function setMinimum(n: number, who: SignedIn = admin) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/admin/cycles/${cycle}/disclosure`,
    headers: who.headers,
    payload: { minSegmentSize: n },
  });
}

describe('a narrow segment', () => {
  it("withholds one agency's levels from a viewer and a respondent, and says why", async () => {
    for (const who of [viewer, respondent]) {
      const l = await json('levels?track=department&ministry=M3', who);
      expect(l.suppressed).toMatchObject({ reason: 'below_minimum', minimum: 5 });
      expect(l.suppressed.message.th).toContain('น้อยกว่า 5 แห่ง');
      expect(l.suppressed.message.en).toContain('Fewer than 5 agencies');
      expect(l.denominator).toBe(0);
      expect(l.overall.levels).toEqual([]);
      expect(l.pillars).toEqual([]);
      expect(JSON.stringify(l)).not.toContain('"count":1');
    }
  });

  it('shows the same segment to an analyst, unchanged', async () => {
    const l = await json('levels?track=department&ministry=M3', analyst);
    expect(l.suppressed).toBeNull();
    expect(l.denominator).toBe(1);
    expect(l.overall.levels[TARGET.overall - 1]).toMatchObject({ count: 1 });
  });

  it('shows a large segment to a viewer', async () => {
    const l = await json('levels?track=department&ministry=M1', viewer);
    expect(l.suppressed).toBeNull();
    expect(l.denominator).toBe(8);
    expect(l.overall.levels.map((x: { count: number }) => x.count)).toEqual([0, 4, 4, 0, 0]);
  });

  it("withholds a follow-up question's small sub-population, not its shown parent", async () => {
    const parent = await json('items/OD_USER_SURVEY?track=department', viewer);
    expect(parent.suppressed).toBeNull();
    expect(parent.overall.population).toBe(15);
    const follow = await json('items/OD_USER_SURVEY_REASON?track=department', viewer);
    expect(follow.overall.suppressed).toMatchObject({ reason: 'below_minimum' });
    expect(follow.overall.population).toBe(0);
    expect(follow.overall.options).toBeUndefined();
    const staff = await json('items/OD_USER_SURVEY_REASON?track=department', analyst);
    expect(staff.overall.population).toBe(3);
    expect(staff.overall.suppressed).toBeNull();
  });
});

describe('numeric items', () => {
  it("withholds the minimum and maximum (each one agency's own answer) from agency users, in JSON and exports", async () => {
    for (const who of [viewer, respondent]) {
      const s = await json('items/POL_DIGITAL_BUDGET_SHARE?track=department', who);
      expect(s.suppressed).toBeNull();
      expect(s.overall.summary).toMatchObject({ n: 15, min: null, max: null, extremesWithheld: true });
      expect(s.overall.summary.median).toBe(17);
      expect(JSON.stringify(s)).not.toContain(String(TARGET_BUDGET));
      const byRole = await json('items/POL_DIGITAL_BUDGET_SHARE?track=department&crossBy=role', who);
      for (const g of byRole.segments) {
        if (g.stat.summary) expect(g.stat.summary).toMatchObject({ min: null, max: null, extremesWithheld: true });
      }
      expect(JSON.stringify(byRole)).not.toContain(String(TARGET_BUDGET));
      const csv = (await get('items/POL_DIGITAL_BUDGET_SHARE.csv?track=department&crossBy=role', who)).body;
      expect(csv).not.toContain(String(TARGET_BUDGET));
      expect(csv).toMatch(/summary,max,[^\n]*withheld/);
    }
    const staff = await json('items/POL_DIGITAL_BUDGET_SHARE?track=department', analyst);
    expect(staff.overall.summary).toMatchObject({ n: 15, min: 10, max: TARGET_BUDGET });
    expect(staff.overall.summary.extremesWithheld).toBeUndefined();
  });
});

describe('two dimensions at once', () => {
  const attack = 'track=department&ministry=M3&orgType=state_enterprise&role=policy';

  it('is refused for agency users with a clear message, on every aggregate and export', async () => {
    for (const path of [
      `levels?${attack}`,
      `levels.csv?${attack}`,
      `levels.xlsx?${attack}`,
      `year-over-year?${attack}`,
      `year-over-year.csv?${attack}`,
      `items/POL_CIO?${attack}`,
      `items/POL_CIO.csv?${attack}`,
      `items/POL_CIO.xlsx?${attack}`,
      'items/POL_CIO?track=department&ministry=M1&crossBy=role',
      'indicators/DG_ALL_ASPECTS_ALL_ITEMS?track=department&role=policy&crossBy=orgType',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: url(path), headers: viewer.headers });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.message, path).toMatch(/one of organisation type, role, ministry or region at a time/);
    }
  });

  it('is answered for an analyst (the attack of the issue: a denominator of 1)', async () => {
    const l = await json(`levels?${attack}`, analyst);
    expect(l.denominator).toBe(1);
  });
});

describe('differencing', () => {
  /** Shown groups of one dimension, each asked as a filter the way an attacker would. */
  async function shownSum(track: string, dim: string, values: string[]) {
    let shown = 0;
    const withheld: string[] = [];
    for (const v of values) {
      const l = await json(`levels?track=${track}&${dim}=${v}`, viewer);
      if (l.suppressed) withheld.push(v);
      else shown += l.denominator;
    }
    return { shown, withheld };
  }

  it('leaves at least the minimum behind when shown groups are subtracted from a shown total', async () => {
    const dept = await json('levels?track=department', viewer);
    expect(dept.denominator).toBe(15);
    const ministries = await shownSum('department', 'ministry', ['M1', 'M2', 'M3']);
    // M3 alone would be 15 - (8 + 6) = 1 agency: M2 is withheld with it.
    expect(ministries.withheld).toEqual(['M2', 'M3']);
    expect(dept.denominator - ministries.shown).toBeGreaterThanOrEqual(5);
    const types = await shownSum('department', 'orgType', ['government_agency', 'state_enterprise']);
    expect(types.withheld).toEqual(['government_agency', 'state_enterprise']);
    const roles = await shownSum('department', 'role', ['policy', 'service']);
    expect(roles.withheld).toEqual([]);
    const prov = await json('levels?track=province', viewer);
    const regions = await shownSum('province', 'region', ['north', 'south']);
    expect(regions.withheld).toEqual(['north', 'south']);
    expect(prov.denominator - regions.shown).toBe(6);
  });

  it('withholds the same groups in a cross-tab, so the cross-tab cannot be subtracted either', async () => {
    const s = await json('items/POL_CIO?track=department&crossBy=ministry', viewer);
    const by = Object.fromEntries(
      s.segments.map((g: { value: string; stat: { suppressed: unknown; population: number } }) => [g.value, g.stat]),
    );
    expect(by.M1.suppressed).toBeNull();
    expect(by.M1.population).toBe(8);
    expect(by.M2.suppressed).toMatchObject({ reason: 'complementary' });
    expect(by.M3.suppressed).toMatchObject({ reason: 'below_minimum' });
    expect(by.M3.options).toBeUndefined();
    expect(s.overall.population - by.M1.population).toBeGreaterThanOrEqual(5);
    const staff = await json('items/POL_CIO?track=department&crossBy=ministry', analyst);
    expect(staff.segments.find((g: { value: string }) => g.value === 'M3').stat.population).toBe(1);
  });

  it('withholds small groups of response rates', async () => {
    const r = await json('response-rates', viewer);
    const m3 = r.byMinistry.find((x: { key: string }) => x.key === 'M3');
    expect(m3.suppressed).toMatchObject({ reason: 'below_minimum' });
    expect(m3.invited).toBe(0);
    expect(r.byMinistry.find((x: { key: string }) => x.key === 'M1').invited).toBe(8);
    const staff = await json('response-rates', analyst);
    expect(staff.byMinistry.find((x: { key: string }) => x.key === 'M3').invited).toBe(1);
  });
});

describe('exports and open data', () => {
  it('exports a withheld segment as a withheld row with no numbers', async () => {
    const csv = (await get('levels.csv?track=department&ministry=M3', viewer)).body;
    expect(csv).toContain('withheld');
    expect(csv).toContain('Fewer than 5 agencies');
    expect(csv.trim().split('\n')).toHaveLength(2);
    const staff = (await get('levels.csv?track=department&ministry=M3', analyst)).body;
    expect(staff).not.toContain('withheld');
    const items = (await get('items/POL_CIO.csv?track=department&crossBy=ministry', viewer)).body;
    expect(items).toMatch(/M3,,withheld,below_minimum/);
    expect(items).not.toMatch(/M3,,option/);
    const yoy = (await get('year-over-year.csv?track=department&ministry=M3', viewer)).body;
    expect(yoy).toContain('withheld');
    const rates = (await get('response-rates.csv', viewer)).body;
    expect(rates).toMatch(/ministry,M3,[^\n]*,,,,,,,/);
  });

  it('applies the minimum to every table of the open-data package, whoever downloads it', async () => {
    for (const who of [analyst, viewer]) {
      const zip = await JSZip.loadAsync((await downloadBuilt(t.app, url('open-data.zip'), who.headers)).rawPayload);
      const levels = (await zip.file('level-distribution.csv')?.async('string')) ?? '';
      expect(levels).toMatch(/org_type,state_enterprise,withheld/);
      expect(levels).toMatch(/org_type,government_agency,withheld/);
      expect(levels).toMatch(/role,policy,overall,/);
      expect(levels).not.toMatch(/org_type,state_enterprise,overall/);
      const items = (await zip.file('item-statistics.csv')?.async('string')) ?? '';
      expect(items).toMatch(/OD_USER_SURVEY_REASON,[^\n]*,withheld,below_minimum/);
    }
  });
});

describe('the policy', () => {
  it('is set by an administrator, audited, and changes what a viewer sees', async () => {
    expect((await json('levels?track=department&ministry=M1', viewer)).suppressed).toBeNull();
    expect((await setMinimum(10, viewer)).statusCode).toBe(403);
    expect((await setMinimum(10, analyst)).statusCode).toBe(403);
    expect((await setMinimum(1)).statusCode).toBe(400);
    const res = await setMinimum(10);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cycleId: cycle, minSegmentSize: 10, isDefault: false });
    const l = await json('levels?track=department&ministry=M1', viewer);
    expect(l.suppressed).toMatchObject({ reason: 'below_minimum', minimum: 10 });
    expect((await json('levels?track=department&ministry=M1', analyst)).denominator).toBe(8);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'cycle.disclosure_policy')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).toContain('10');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/admin/cycles/${cycle}/disclosure`,
      headers: analyst.headers,
    });
    expect(read.json()).toMatchObject({ minSegmentSize: 10 });
    expect((await setMinimum(5)).statusCode).toBe(200);
    expect((await json('levels?track=department&ministry=M1', viewer)).denominator).toBe(8);
  });
});
