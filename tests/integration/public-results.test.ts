import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { allPillarsAt, insertRegistry, insertResult, REGISTRY_SPECS } from '../support/segment-registry';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Public results (issue 21): a published cycle's figures without signing in, under its disclosure
 * policy exactly as an agency user reads them; unpublished cycles answer 404 (not 403, so their
 * existence does not leak); no response names or identifies an agency.
 *
 * Published cycle 2566 (C.E. 2023), department track unless said:
 *   ministry M1: 8 agencies, M2: 6 agencies, M3: 1 agency (TARGET, the one to isolate)
 *   province track: 5 in the north, 1 in the south
 * Cycles 2567 (open), 2568 (closed) and 2569 (draft) hold no published results.
 */

let t: TestApp;
let admin: SignedIn;
let viewer: SignedIn;
let cycle: number;
let closedCycle: number;
const AGENCY_CODES: string[] = [];

const SPECS = REGISTRY_SPECS;

beforeAll(async () => {
  t = await createTestApp();
  const { f2566 } = await seedFrameworks(t.db);
  const newCycle = async (fiscal_year: number, status: 'published' | 'open' | 'closed' | 'draft') =>
    (
      await t.db
        .insertInto('cycles')
        .values({
          fiscal_year,
          name_th: `ปี ${fiscal_year + 543}`,
          name_en: `${fiscal_year}`,
          framework_id: f2566.id,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  cycle = await newCycle(2023, 'published');
  await newCycle(2024, 'open');
  closedCycle = await newCycle(2025, 'closed');
  await newCycle(2026, 'draft');
  const ids = await insertRegistry(t.db, { th: 'หน่วยงานทดสอบ', en: 'Test agency' });
  const viewerAgency = ids.get('M1-0') ?? 0;
  for (const s of SPECS) {
    const agencyId = ids.get(s.code) ?? 0;
    AGENCY_CODES.push(s.code);
    for (const c of [cycle, closedCycle]) {
      await t.db.insertInto('cycle_agencies').values({ cycle_id: c, agency_id: agencyId }).execute();
      await insertResult(t.db, c, agencyId, 'verified', s.level, allPillarsAt(s.level), {
        POL_CIO: s.code === 'TARGET' ? 'no' : 'yes',
        OD_USER_SURVEY: s.surveyed,
        // The follow-up: shown only to the 3 that answered "no", TARGET among them.
        OD_USER_SURVEY_REASON: { choice: 'not_yet', other: `เหตุผลของ ${s.code}` },
      });
    }
  }
  await insertUser(t.db, 'admin@pub.dga.or.th', 'admin');
  await insertUser(t.db, 'viewer@pub.go.th', 'viewer', viewerAgency);
  admin = await signIn(t.app, 'admin@pub.dga.or.th');
  viewer = await signIn(t.app, 'viewer@pub.go.th');
}, 180_000);
afterAll(async () => t?.close());

/** Every body a public reader received, to search for agency identifiers at the end. */
const seen: string[] = [];
async function pub(path: string, expected = 200) {
  const res = await t.app.inject({ method: 'GET', url: `/api/public/cycles${path}` });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
  seen.push(res.body);
  return res;
}
const json = async (path: string) => (await pub(path)).json();

describe('a published cycle without signing in', () => {
  it('answers the national overview at its B.E. and C.E. year, with public cache headers', async () => {
    const res = await pub('/2566');
    const o = res.json();
    expect(o.cycle).toMatchObject({ fiscalYear: 2023, yearBE: 2566, minSegmentSize: 5 });
    expect(o.levels.all.denominator).toBe(SPECS.length);
    expect(o.levels.all.pillars).toHaveLength(7);
    expect(o.levels.byTrack.map((l: { denominator: number }) => l.denominator)).toEqual([15, 6]);
    expect(o.responseRates.overall.invited).toBe(SPECS.length);
    expect(o.responseRates.byTrack.map((r: { key: string }) => r.key).sort()).toEqual(['department', 'province']);
    expect(res.headers['cache-control']).toContain('public');
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/"/);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/public/cycles/2566',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect((await json('/2023')).levels.all).toEqual(o.levels.all);
  });

  it('lists only published cycles', async () => {
    const l = await json('');
    expect(l.cycles.map((c: { yearBE: number }) => c.yearBE)).toEqual([2566]);
  });

  it('offers the explorer index and item statistics over each question’s own population', async () => {
    const idx = await json('/2566/items');
    const codes = idx.pillars.flatMap((p: { items: { code: string }[] }) => p.items.map((i) => i.code));
    expect(codes).toContain('POL_CIO');
    const s = await json('/2566/items/OD_USER_SURVEY?track=department');
    expect(s.suppressed).toBeNull();
    expect(s.overall.population).toBe(15);
    const follow = await json('/2566/items/OD_USER_SURVEY_REASON?track=department');
    expect(follow.overall.population).toBe(0);
    expect(follow.overall.suppressed).toMatchObject({ reason: 'below_minimum' });
  });

  it('serves the open-data package', async () => {
    const res = await pub('/2566/open-data.zip');
    expect(res.headers['content-type']).toContain('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toContain('level-distribution.csv');
    for (const n of names) seen.push(await zip.files[n]!.async('string'));
  });
});

describe('disclosure for the public', () => {
  it('withholds a segment that would isolate one agency, and its complement in a breakdown', async () => {
    const l = await json('/2566/levels?track=department&ministry=M3');
    expect(l.suppressed).toMatchObject({ reason: 'below_minimum', minimum: 5 });
    expect(l.denominator).toBe(0);
    expect(l.overall.levels).toEqual([]);
    const s = await json('/2566/items/POL_CIO?track=department&crossBy=ministry');
    const by = Object.fromEntries(s.segments.map((g: { value: string; stat: unknown }) => [g.value, g.stat]));
    expect(by.M1.suppressed).toBeNull();
    expect(by.M3.suppressed).toMatchObject({ reason: 'below_minimum' });
    expect(by.M2.suppressed).toMatchObject({ reason: 'complementary' });
    const south = await json('/2566/levels?track=province&region=south');
    expect(south.suppressed).not.toBeNull();
  });

  it('refuses two narrowing dimensions at once (two allowed segments could be subtracted)', async () => {
    const res = await pub('/2566/levels?track=department&orgType=state_enterprise&role=policy', 400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('does not publish open questions (free text an agency typed)', async () => {
    const idx = await json('/2566/items');
    const types = new Set(idx.pillars.flatMap((p: { items: { type: string }[] }) => p.items.map((i) => i.type)));
    expect(types.has('text')).toBe(false);
  });
});

describe('nothing unpublished is reachable', () => {
  it('answers 404 for open, closed, draft and unknown years on every public route', async () => {
    for (const year of [2567, 2024, 2568, 2569, 2570]) {
      for (const path of ['', '/items', '/levels', '/items/POL_CIO', '/open-data.zip']) {
        const res = await t.app.inject({ method: 'GET', url: `/api/public/cycles/${year}${path}` });
        expect(res.statusCode, `${year}${path}`).toBe(404);
      }
    }
    // Signed in makes no difference to the public routes.
    const res = await t.app.inject({ method: 'GET', url: '/api/public/cycles/2567', headers: viewer.headers });
    expect(res.statusCode).toBe(404);
  });

  it('opens a cycle once the administrator publishes it', async () => {
    await pub('/2568', 404);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${closedCycle}`,
      headers: admin.headers,
      payload: { status: 'published' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const o = await json('/2568');
    expect(o.cycle.yearBE).toBe(2568);
    expect(o.levels.all.denominator).toBe(SPECS.length);
  });
});

describe('no agency identifiers', () => {
  it('appears in any public response', async () => {
    expect(seen.length).toBeGreaterThan(10);
    const all = seen.join('\n');
    expect(all).not.toMatch(/หน่วยงานทดสอบ|Test agency|เหตุผลของ/);
    for (const code of AGENCY_CODES) expect(all).not.toContain(`"${code}"`);
    expect(all).not.toMatch(/"agencyId"|"agency_id"|"nearest"/);
  });
});

describe('rate limiting', () => {
  it('limits each address on the public routes, as every request without a token', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      // The counters' window is the clock minute: start well inside one.
      const into = Date.now() % 60_000;
      if (into > 45_000) await new Promise((r) => setTimeout(r, 60_000 - into + 200));
      const hit = (remoteAddress: string) =>
        limited.app.inject({ method: 'GET', url: '/api/public/cycles', remoteAddress });
      for (let i = 0; i < 5; i++) expect((await hit('203.0.113.7')).statusCode).toBe(200);
      const refused = await hit('203.0.113.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect((await hit('203.0.113.8')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  }, 120_000);
});
