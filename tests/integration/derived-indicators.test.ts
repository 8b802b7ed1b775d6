import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks, seedRegistry } from '../../seeds/seed';
import type { ItemStatistics } from '../../shared/src/schemas/analytics';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Derived indicators of the 2566 framework through the historical import, the explorer and its
 * exports: answers are chosen so that each transaction-trend category and the fully-digital count
 * come out at known numbers, each over its own population.
 */

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let agencyUser: SignedIn;
let cycleId: number;
/** The agency code given each row of AGENCIES, in order. */
let codes: string[] = [];
const BOM = '\uFEFF';
const NA = null;

/** digital this year, total this year, digital last year, total last year (null: not applicable). */
type Tx = [number | null, number | null, number | null, number | null];
const AGENCIES: { tx: Tx | 'none'; trend: string | null; full: string | null }[] = [
  { tx: [60, 100, 40, 100], trend: 'rose', full: 'partly' },
  { tx: [100, 100, 90, 100], trend: 'rose', full: 'fully_digital' },
  { tx: [5, 10, 1, 10], trend: 'rose', full: 'partly' },
  { tx: [30, 100, 50, 100], trend: 'fell', full: 'partly' },
  { tx: [0, 10, 1, 10], trend: 'fell', full: 'partly' },
  { tx: [1, 3, 2, 6], trend: 'same', full: 'partly' },
  { tx: [50, 100, 50, 100], trend: 'same', full: 'partly' },
  { tx: [100, 100, 20, 20], trend: 'same', full: 'fully_digital' },
  { tx: [7, 7, 7, 7], trend: 'same', full: 'fully_digital' },
  { tx: [NA, 100, 40, 100], trend: 'unknown', full: null },
  { tx: [NA, NA, NA, NA], trend: 'unknown', full: null },
  { tx: [5, 0, 1, 10], trend: 'unknown', full: null },
  { tx: [80, 100, NA, 100], trend: 'unknown', full: 'partly' },
  { tx: [100, 100, NA, NA], trend: 'unknown', full: 'fully_digital' },
  // No transaction answers at all: outside both populations.
  { tx: 'none', trend: null, full: null },
  { tx: 'none', trend: null, full: null },
];
const TX_CODES = ['TX_DIGITAL_THIS_YEAR', 'TX_TOTAL_THIS_YEAR', 'TX_DIGITAL_LAST_YEAR', 'TX_TOTAL_LAST_YEAR'];

const tally = (pick: (a: (typeof AGENCIES)[number]) => string | null) => {
  const out = new Map<string, number>();
  for (const a of AGENCIES) {
    const k = pick(a);
    if (k) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
};
const TREND = tally((a) => a.trend);
const FULL = tally((a) => a.full);

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistry(t.db);
  const { f2566 } = await seedFrameworks(t.db);
  cycleId = (
    await t.db
      .insertInto('cycles')
      .values({ fiscal_year: 2023, name_th: 'ปี 2566', name_en: '2023', framework_id: f2566.id, status: 'closed' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const depts = await t.db
    .selectFrom('agencies')
    .select(['code'])
    .where('track', '=', 'department')
    .orderBy('code')
    .limit(AGENCIES.length)
    .execute();
  codes = depts.map((d) => d.code);
  const rows: string[][] = [['agency_code', 'question_code', 'value', 'not_applicable_justification', 'verification']];
  AGENCIES.forEach((a, i) => {
    const code = (depts[i] as { code: string }).code;
    rows.push([code, 'DG_STATUS', 'list_only', '', '']);
    if (a.tx === 'none') return;
    a.tx.forEach((v, j) => {
      rows.push([code, TX_CODES[j] as string, v === null ? '' : String(v), v === null ? 'ไม่ได้เก็บสถิติไว้' : '', '']);
    });
  });
  await insertUser(t.db, 'admin@derived.dga.or.th', 'admin');
  await insertUser(t.db, 'analyst@derived.dga.or.th', 'analyst');
  admin = await signIn(t.app, 'admin@derived.dga.or.th');
  analyst = await signIn(t.app, 'analyst@derived.dga.or.th');
  const own = await t.db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', codes[0] as string)
    .executeTakeFirstOrThrow();
  await insertUser(t.db, 'cio@derived.dga.or.th', 'cio', own.id);
  agencyUser = await signIn(t.app, 'cio@derived.dga.or.th');
  const m = multipart(
    {},
    { name: 'tx-2566.csv', content: Buffer.from(BOM + rows.map((r) => r.join(',')).join('\r\n')) },
  );
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/admin/cycles/${cycleId}/import`,
    headers: { ...admin.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
}, 180_000);
afterAll(async () => t?.close());

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: analyst.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}
const base = () => `/api/analytics/cycles/${cycleId}`;
const counts = (s: ItemStatistics['overall']) => new Map((s.options ?? []).map((o) => [o.code, o.count]));

describe('derived indicators in the explorer', () => {
  it('reads back the chosen transaction-trend counts over their own population', async () => {
    const s = (await get(`${base()}/items/TX_DIGITAL_SHARE_TREND?track=department`)).json() as ItemStatistics;
    expect(s.type).toBe('derived');
    expect(s.populationLabel?.en).toMatch(/transaction/);
    expect(s.overall.shown).toBe(14);
    expect(s.overall.population).toBe(14);
    expect(counts(s.overall)).toEqual(new Map([...TREND.entries()]));
    expect(Object.fromEntries(counts(s.overall))).toEqual({ rose: 3, fell: 2, same: 4, unknown: 5 });
    const rose = s.overall.options?.find((o) => o.code === 'rose');
    // Shares half up from counts: 3 of 14 = 21.428... -> 21.43.
    expect(rose?.share).toEqual({ numerator: 3, denominator: 14, percent: 21.43 });
  });

  it('reads back the fully-digital count over those who gave both counts this year', async () => {
    const s = (await get(`${base()}/items/TX_FULLY_DIGITAL?track=department`)).json() as ItemStatistics;
    expect(s.overall.population).toBe(11);
    expect(Object.fromEntries(counts(s.overall))).toEqual(Object.fromEntries(FULL));
    expect(Object.fromEntries(counts(s.overall))).toEqual({ fully_digital: 4, partly: 7 });
    const ind = (await get(`${base()}/indicators/TX_FULLY_DIGITAL?track=department`)).json();
    expect(ind.share).toEqual({ numerator: 4, denominator: 11, percent: 36.36 });
  });

  it('cross-tabs add up to the overall counts', async () => {
    const s = (
      await get(`${base()}/items/TX_DIGITAL_SHARE_TREND?track=department&crossBy=orgType`)
    ).json() as ItemStatistics;
    const sum = new Map<string, number>();
    let population = 0;
    for (const g of s.segments ?? []) {
      population += g.stat.population;
      for (const o of g.stat.options ?? []) sum.set(o.code, (sum.get(o.code) ?? 0) + o.count);
    }
    expect(population).toBe(14);
    expect(Object.fromEntries(sum)).toEqual({ rose: 3, fell: 2, same: 4, unknown: 5 });
  });

  it('exports the same counts and denominators as CSV and XLSX', async () => {
    const csv = (await get(`${base()}/items/TX_DIGITAL_SHARE_TREND.csv?track=department`)).body;
    const recs = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    const options = recs.filter((r) => r.segment === 'all' && r.kind === 'option');
    expect(options.map((r) => [r.code, Number(r.count), Number(r.denominator)])).toEqual([
      ['rose', 3, 14],
      ['fell', 2, 14],
      ['same', 4, 14],
      ['unknown', 5, 14],
    ]);
    const xlsx = await get(`${base()}/items/TX_FULLY_DIGITAL.xlsx?track=department`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const [header, ...body] = rows as [string[], ...unknown[][]];
    const col = (name: string) => header.indexOf(name);
    const opt = body.filter((r) => r[col('segment')] === 'all' && r[col('kind')] === 'option');
    expect(opt.map((r) => [r[col('code')], Number(r[col('count')]), Number(r[col('denominator')])])).toEqual([
      ['fully_digital', 4, 11],
      ['partly', 7, 11],
    ]);
  });
});

describe('drill-down from a count to its agencies (staff only)', () => {
  type Drill = { agencies: { code: string; ministry: { th: string } | null; province: unknown; track: string }[] };
  const drill = async (code: string, query: string) =>
    (await get(`${base()}/items/${code}/agencies?track=department&${query}`)).json() as Drill;
  /** The agency codes the test gave each category, counted by hand from AGENCIES. */
  const expected = (pick: (a: (typeof AGENCIES)[number]) => string | null, category: string) =>
    AGENCIES.map((a, i) => (pick(a) === category ? codes[i] : null))
      .filter((c): c is string => c !== null)
      .sort();

  it('lists exactly the agencies of each transaction-trend and fully-digital count', async () => {
    for (const category of ['rose', 'fell', 'same', 'unknown']) {
      const d = await drill('TX_DIGITAL_SHARE_TREND', `option=${category}`);
      expect(d.agencies.map((a) => a.code).sort(), category).toEqual(expected((a) => a.trend, category));
    }
    for (const category of ['fully_digital', 'partly']) {
      const d = await drill('TX_FULLY_DIGITAL', `option=${category}`);
      expect(d.agencies.map((a) => a.code).sort(), category).toEqual(expected((a) => a.full, category));
    }
  });

  it("names each agency's ministry, and a cross-tab cell lists only its segment's agencies", async () => {
    const all = await drill('TX_DIGITAL_SHARE_TREND', 'option=same');
    const ministries = await t.db
      .selectFrom('agencies as a')
      .leftJoin('ministries as m', 'm.code', 'a.ministry_code')
      .select(['a.code', 'a.org_type', 'm.name_th'])
      .where('a.code', 'in', codes)
      .execute();
    const byCode = new Map(ministries.map((m) => [m.code, m]));
    for (const a of all.agencies) {
      expect(a.ministry?.th ?? null).toBe(byCode.get(a.code)?.name_th ?? null);
      expect(a.province).toBeNull();
    }
    const s = (
      await get(`${base()}/items/TX_DIGITAL_SHARE_TREND?track=department&crossBy=orgType`)
    ).json() as ItemStatistics;
    let listed = 0;
    for (const g of s.segments ?? []) {
      const count = g.stat.options?.find((o) => o.code === 'same')?.count ?? 0;
      const d = await drill(
        'TX_DIGITAL_SHARE_TREND',
        `option=same&crossBy=orgType&segment=${encodeURIComponent(g.value)}`,
      );
      expect(d.agencies.length, g.value).toBe(count);
      for (const a of d.agencies) expect(byCode.get(a.code)?.org_type ?? '(none)').toBe(g.value);
      listed += d.agencies.length;
    }
    expect(listed).toBe(expected((a) => a.trend, 'same').length);
  });

  it("drills a question's count the same way", async () => {
    const d = await drill('DG_STATUS', 'option=list_only');
    expect(d.agencies.map((a) => a.code).sort()).toEqual([...codes].sort());
    expect((await drill('DG_STATUS', 'option=no_such_option')).agencies).toEqual([]);
  });

  it('refuses an agency user (403) and an unknown code (404)', async () => {
    const url = `${base()}/items/TX_DIGITAL_SHARE_TREND/agencies?track=department&option=rose`;
    const denied = await t.app.inject({ method: 'GET', url, headers: agencyUser.headers });
    expect(denied.statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `${base()}/items/NO_SUCH_CODE/agencies?option=rose`,
      headers: analyst.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const admins = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(admins.statusCode).toBe(200);
  });

  it('shows an agency user the published indicator under the disclosure policy, never its agencies', async () => {
    await t.db.updateTable('cycles').set({ status: 'published' }).where('id', '=', cycleId).execute();
    const min = 5;
    await t.db
      .insertInto('cycle_disclosure_policies')
      .values({ cycle_id: cycleId, min_segment_size: min })
      .onConflict((oc) => oc.column('cycle_id').doUpdateSet({ min_segment_size: min }))
      .execute();
    const as = async (who: SignedIn, query: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `${base()}/items/TX_DIGITAL_SHARE_TREND?track=department${query}`,
        headers: who.headers,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return res.json() as ItemStatistics;
    };
    const overall = await as(agencyUser, '');
    expect(Object.fromEntries(counts(overall.overall))).toEqual({ rose: 3, fell: 2, same: 4, unknown: 5 });
    // A policy above the indicator's population (14, counted by hand): the agency user's figure is withheld.
    const above = [...TREND.values()].reduce((x, y) => x + y, 0) + 1;
    await t.db
      .updateTable('cycle_disclosure_policies')
      .set({ min_segment_size: above })
      .where('cycle_id', '=', cycleId)
      .execute();
    const withheld = await as(agencyUser, '');
    expect(withheld.overall.suppressed).not.toBeNull();
    expect((withheld.overall.options ?? []).some((o) => o.count > 0)).toBe(false);
    const staff = await as(analyst, '');
    expect(staff.overall.suppressed).toBeNull();
    expect(Object.fromEntries(counts(staff.overall))).toEqual({ rose: 3, fell: 2, same: 4, unknown: 5 });
    const drill = await t.app.inject({
      method: 'GET',
      url: `${base()}/items/TX_DIGITAL_SHARE_TREND/agencies?track=department&option=rose`,
      headers: agencyUser.headers,
    });
    expect(drill.statusCode).toBe(403);
  });
});
