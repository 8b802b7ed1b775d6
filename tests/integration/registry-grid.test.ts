import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The registry as a data grid: 60 agencies (R001..R060; every third a province, R050..R054
 * inactive, R055 merged into R001), paged, sorted, filtered and searched on the server.
 */
let t: TestApp;
let analyst: SignedIn;
let respondent: SignedIn;
const code = (i: number) => `R${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.db
    .insertInto('agencies')
    .values(
      Array.from({ length: 60 }, (_, k) => {
        const i = k + 1;
        return {
          code: code(i),
          track: i % 3 === 0 ? ('province' as const) : ('department' as const),
          name_th: `หน่วยงาน ${code(61 - i)}`,
          name_en: `Agency ${code(61 - i)}`,
          ministry_code: null,
          org_type: null,
          role: null,
          region: null,
          merged_into_id: null,
          active: !(i >= 50 && i <= 55),
        };
      }),
    )
    .returning(['id', 'code'])
    .execute();
  const first = rows.find((r) => r.code === 'R001')?.id as number;
  await t.db.updateTable('agencies').set({ merged_into_id: first }).where('code', '=', 'R055').execute();
  await insertUser(t.db, 'analyst@grid.test', 'analyst');
  await insertUser(t.db, 'resp@grid.test', 'respondent', first);
  analyst = await signIn(t.app, 'analyst@grid.test');
  respondent = await signIn(t.app, 'resp@grid.test');
});
afterAll(async () => t.close());

const page = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/agencies/page?${query}`, headers: analyst.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; page: number; pageSize: number; items: { code: string }[] };
};
const codes = (p: { items: { code: string }[] }) => p.items.map((a) => a.code);

describe('the registry as a data grid', () => {
  it('pages by code by default', async () => {
    const p2 = await page('page=2&pageSize=25');
    expect([p2.total, p2.page, p2.pageSize]).toEqual([60, 2, 25]);
    expect(codes(p2)).toEqual(Array.from({ length: 25 }, (_, k) => code(26 + k)));
    expect(codes(await page('page=3&pageSize=25'))).toHaveLength(10);
  });

  it('sorts by code or name, either way', async () => {
    expect(codes(await page('sort=code:desc&pageSize=25')).slice(0, 2)).toEqual(['R060', 'R059']);
    // Names run backwards to codes: R060 is named after R001.
    expect(codes(await page('sort=name:asc&pageSize=25')).slice(0, 2)).toEqual(['R060', 'R059']);
    expect(codes(await page('sort=name:desc&pageSize=25')).slice(0, 2)).toEqual(['R001', 'R002']);
  });

  it('filters by track and status and searches code and names', async () => {
    const provinces = await page('track=province&pageSize=50');
    expect(provinces.total).toBe(20);
    expect(codes(await page('status=merged'))).toEqual(['R055']);
    expect(codes(await page('status=inactive'))).toEqual(['R050', 'R051', 'R052', 'R053', 'R054']);
    expect((await page('status=active')).total).toBe(54);
    // "R00" is in the codes R001..R009 and in the names of R052..R060.
    expect((await page('search=R00')).total).toBe(18);
    expect(codes(await page('search=Agency%20R060'))).toEqual(['R001']);
    // LIKE wildcards are taken literally.
    expect((await page('search=%25')).total).toBe(0);
  });

  it('refuses a bad sort or page size with 400 and agency accounts with 403', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/agencies/page?sort=secret:asc',
      headers: analyst.headers,
    });
    expect(bad.statusCode).toBe(400);
    const big = await t.app.inject({
      method: 'GET',
      url: '/api/agencies/page?pageSize=5000',
      headers: analyst.headers,
    });
    expect(big.statusCode).toBe(400);
    const denied = await t.app.inject({ method: 'GET', url: '/api/agencies/page', headers: respondent.headers });
    expect(denied.statusCode).toBe(403);
  });
});
