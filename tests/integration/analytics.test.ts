import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { generate } from '../../seeds/synthetic/generator';
import { importGenerated } from '../../seeds/synthetic/import';
import { framework2566 } from '../../seeds/synthetic/reproduce-2566';
import { storeSnapshot } from '../../server/src/modules/responses/snapshots';
import { downloadBuilt } from '../support/background-download';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { insertResult } from '../support/segment-registry';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let analyst: SignedIn;
let respondent: SignedIn;
let cycle2565: number;
let cycle2566: number;
const agencyIds: Record<string, number> = {};

const PILLARS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];

/**
 * Hand-made snapshots, department track (overall, then P1..P7 verified levels; null = not assessed):
 * A1 policy/government_agency, A2 policy/state_enterprise, A3..A5 service/government_agency.
 */
const HAND: Record<string, { role: string; orgType: string; overall: number | null; pillars: (number | null)[] }> = {
  A1: { role: 'policy', orgType: 'government_agency', overall: 3, pillars: [4, 3, 1, 2, 3, 3, 3] },
  A2: { role: 'policy', orgType: 'state_enterprise', overall: 3, pillars: [3, 3, 2, 2, 3, 2, 3] },
  A3: { role: 'service', orgType: 'government_agency', overall: 2, pillars: [3, 2, 1, 3, 2, 2, 2] },
  A4: { role: 'service', orgType: 'government_agency', overall: 1, pillars: [2, 1, 1, 1, 1, 1, null] },
  A5: { role: 'service', orgType: 'government_agency', overall: 4, pillars: [5, 4, 3, 4, 4, 4, 4] },
};

async function addAgency(
  code: string,
  role: string | null,
  orgType: string | null,
  track: 'department' | 'province' = 'department',
) {
  const row = await t.db
    .insertInto('agencies')
    .values({
      code,
      track,
      name_th: `หน่วยงาน ${code}`,
      name_en: `Agency ${code}`,
      ministry_code: null,
      org_type: orgType,
      role,
      region: track === 'province' ? 'north' : null,
      merged_into_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  agencyIds[code] = row.id;
  return row.id;
}

/** A response with its result snapshot, pillar levels and answers (see insertResult). */
const addSnapshot = (...args: Parameters<typeof insertResult> extends [unknown, ...infer R] ? R : never) =>
  insertResult(t.db, ...args);

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
  cycle2565 = await mk(2022, f2565.id, 'published');
  cycle2566 = await mk(2023, f2566.id, 'open');
  for (const [code, a] of Object.entries(HAND)) {
    const id = await addAgency(code, a.role, a.orgType);
    await t.db.insertInto('cycle_agencies').values({ cycle_id: cycle2566, agency_id: id }).execute();
    const answers: Record<string, unknown> = {
      POL_CIO: code === 'A4' ? 'no' : 'yes',
      OD_USER_SURVEY: code === 'A1' ? 'yes' : 'no',
      POL_OBSTACLES: code === 'A1' ? '=HYPERLINK("http://x")' : 'ไม่มี',
      TECHNOLOGIES: code === 'A5' ? ['api', 'ai'] : ['none'],
      SKILL_TRAINING_HOURS: { A1: 1, A2: 2, A3: 3, A4: 4, A5: 10 }[code],
    };
    // A1 said yes but a stale reason is still stored: it was not shown, so it does not count.
    answers.OD_USER_SURVEY_REASON = code === 'A4' ? { choice: 'other', other: '-ไม่ระบุ' } : { choice: 'not_yet' };
    await addSnapshot(
      cycle2566,
      id,
      code === 'A5' ? 'verified' : 'submitted',
      a.overall,
      Object.fromEntries(PILLARS.map((k, i) => [k, a.pillars[i] ?? null])),
      answers,
    );
  }
  // Invited, started, not submitted: counted in response rates only.
  const late = await addAgency('A6', 'service', 'other');
  await t.db.insertInto('cycle_agencies').values({ cycle_id: cycle2566, agency_id: late }).execute();
  await addSnapshot(cycle2566, late, 'in_progress', 5, Object.fromEntries(PILLARS.map((k) => [k, 5])));
  // Previous year: 2565 pillars P1..P6.
  for (const [code, lv] of [
    ['A1', 2],
    ['A2', 3],
    ['A3', 1],
  ] as const) {
    await addSnapshot(
      cycle2565,
      agencyIds[code] as number,
      'submitted',
      lv,
      Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((k) => [k, lv])),
    );
  }
  await insertUser(t.db, 'analyst@an.dga.or.th', 'analyst');
  await insertUser(t.db, 'resp@an.go.th', 'respondent', agencyIds.A1);
  analyst = await signIn(t.app, 'analyst@an.dga.or.th');
  respondent = await signIn(t.app, 'resp@an.go.th');
}, 120_000);
afterAll(async () => t?.close());

async function get(url: string, who: SignedIn = analyst) {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('level distributions', () => {
  it('counts, shares, at-or-above, extremes and narrative over submitted snapshots', async () => {
    const l = (await get(`/api/analytics/cycles/${cycle2566}/levels`)).json();
    expect(l.denominator).toBe(5); // A6 is in progress
    expect(l.overall.levels.map((x: { count: number }) => x.count)).toEqual([1, 1, 2, 1, 0]);
    expect(l.overall.levels[2].share).toEqual({ numerator: 2, denominator: 5, percent: 40 });
    expect(l.overall.atLeast).toEqual({ numerator: 3, denominator: 5, percent: 60 });
    const p1 = l.pillars.find((p: { key: string }) => p.key === 'P1');
    expect(p1.levels.map((x: { count: number }) => x.count)).toEqual([0, 1, 2, 1, 1]);
    expect(p1.atLeast).toEqual({ numerator: 4, denominator: 5, percent: 80 });
    const p7 = l.pillars.find((p: { key: string }) => p.key === 'P7');
    expect(p7.notAssessed).toBe(1);
    expect(p7.atLeast).toEqual({ numerator: 3, denominator: 5, percent: 60 });
    expect(l.largest.key).toBe('P1');
    expect(l.smallest.key).toBe('P3'); // 1 of 5 at level 3+
    expect(l.smallest.share.percent).toBe(20);
    expect(l.narrative.th[0]).toBe('ในภาพรวม มีระดับความพร้อมฯ ส่วนใหญ่อยู่ที่ระดับขั้นกลาง ร้อยละ 40.00');
    expect(l.narrative.th).toContain(
      // The 2566 name already begins with "ด้าน": said once, not "ด้านด้าน".
      'ตัวชี้วัดที่ 1 ด้านแนวนโยบายและหลักปฏิบัติ โดดเด่นมากที่สุด มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ 80.00',
    );
    expect(
      l.narrative.en.some(
        (s: string) => s.startsWith('Pillar 1 (') && s.endsWith('80.00% at level 3 (Defined) or above'),
      ),
    ).toBe(true);
    expect(l.narrative.en.some((s: string) => s.includes('Pillar 3') && s.includes('20.00%'))).toBe(true);
  });

  it('filters by segment and honours atLeast', async () => {
    const l = (await get(`/api/analytics/cycles/${cycle2566}/levels?role=policy&atLeast=4`)).json();
    expect(l.denominator).toBe(2);
    expect(l.overall.levels[2].count).toBe(2);
    expect(l.pillars[0].atLeast).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    const gov = (await get(`/api/analytics/cycles/${cycle2566}/levels?orgType=state_enterprise`)).json();
    expect(gov.denominator).toBe(1);
    const none = (await get(`/api/analytics/cycles/${cycle2566}/levels?track=province`)).json();
    expect(none.denominator).toBe(0);
    expect(none.overall.atLeast.percent).toBeNull();
    expect(none.narrative.th).toEqual([]);
  });

  it('lists the agencies behind a bar', async () => {
    const a = (await get(`/api/analytics/cycles/${cycle2566}/agencies?pillar=P1&level=3`)).json();
    expect(a.agencies.map((x: { code: string }) => x.code)).toEqual(['A2', 'A3']);
    const o = (await get(`/api/analytics/cycles/${cycle2566}/agencies?level=3&match=gte`)).json();
    expect(o.agencies.map((x: { code: string }) => x.code)).toEqual(['A1', 'A2', 'A5']);
  });

  it('exports levels as CSV with BOM and as XLSX', async () => {
    const csv = await get(`/api/analytics/cycles/${cycle2566}/levels.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('pillar_at_least,P1,1,');
    // File names carry the Buddhist-Era year, as every export does.
    expect(csv.headers['content-disposition']).toBe('attachment; filename="levels-2566.csv"');
    const x = await get(`/api/analytics/cycles/${cycle2566}/levels.xlsx`);
    expect(x.headers['content-disposition']).toBe('attachment; filename="levels-2566.xlsx"');
    // In English the file carries the Common-Era year, Thai keeps B.E.
    const en = await get(`/api/analytics/cycles/${cycle2566}/levels.xlsx?lang=en`);
    expect(en.headers['content-disposition']).toBe('attachment; filename="levels-2023.xlsx"');
    const enCsv = await get(`/api/analytics/cycles/${cycle2566}/levels.csv?lang=en&track=department`);
    expect(enCsv.headers['content-disposition']).toBe('attachment; filename="levels-2023.csv"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('levels')?.getRow(2).values).toContain('overall');
  });
});

describe('year over year', () => {
  it('maps pillars through previousKey and flags changed or many-to-one pillars', async () => {
    const y = (await get(`/api/analytics/cycles/${cycle2566}/year-over-year`)).json();
    expect(y.previousCycleId).toBe(cycle2565);
    expect(y.overall.previous.denominator).toBe(3);
    expect(y.overall.previous.atLeast).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    const byKey = Object.fromEntries(y.pillars.map((p: { key: string }) => [p.key, p]));
    expect(byKey.P1.previousKey).toBe('P1');
    expect(byKey.P1.changed).toBe(false);
    expect(byKey.P1.previous.levels.map((l: { count: number }) => l.count)).toEqual([1, 1, 1, 0, 0]);
    expect(byKey.P6.changed).toBe(true);
    expect(byKey.P7.previousKey).toBe('P6');
    expect(byKey.P7.changed).toBe(true);
    expect(byKey.P7.changeNote).not.toBeNull();
  });
});

describe('item statistics', () => {
  it("uses the question's own population: shown and answered", async () => {
    const s = (await get(`/api/analytics/cycles/${cycle2566}/items/OD_USER_SURVEY_REASON`)).json();
    expect(s.respondents).toBe(5);
    expect(s.overall.shown).toBe(4); // A1 answered yes: its stale reason is ignored
    expect(s.overall.population).toBe(4);
    expect(s.overall.options[0]).toMatchObject({
      code: 'not_yet',
      count: 3,
      share: { numerator: 3, denominator: 4, percent: 75 },
    });
    expect(s.overall.otherTexts).toEqual([{ text: '-ไม่ระบุ', codedCategory: null, count: 1 }]);
  });

  it('summarises numbers and multiple choice', async () => {
    const n = (await get(`/api/analytics/cycles/${cycle2566}/items/SKILL_TRAINING_HOURS`)).json();
    expect(n.overall.summary).toEqual({ n: 5, mean: 4, median: 3, q1: 2, q3: 4, min: 1, max: 10 });
    const m = (await get(`/api/analytics/cycles/${cycle2566}/items/TECHNOLOGIES`)).json();
    const api = m.overall.options.find((o: { code: string }) => o.code === 'api');
    expect(api.share).toEqual({ numerator: 1, denominator: 5, percent: 20 });
  });

  it('crosses by segment', async () => {
    const s = (await get(`/api/analytics/cycles/${cycle2566}/items/POL_CIO?crossBy=role`)).json();
    expect(s.crossBy).toBe('role');
    const bySeg = Object.fromEntries(s.segments.map((x: { value: string; stat: unknown }) => [x.value, x.stat]));
    const yes = (stat: { options: { code: string; share: unknown }[] }) =>
      stat.options.find((o) => o.code === 'yes')?.share;
    expect(yes(bySeg.policy)).toEqual({ numerator: 2, denominator: 2, percent: 100 });
    expect(yes(bySeg.service)).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    const csv = await get(`/api/analytics/cycles/${cycle2566}/items/POL_CIO.csv?crossBy=role`);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('service,,option,yes,');
  });

  it('answers 404 for a question the framework lacks', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/cycles/${cycle2566}/items/NOPE_CODE`,
      headers: analyst.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('visibility and raw exports', () => {
  it('agency users read national aggregates only once the cycle is published', async () => {
    for (const path of ['levels', 'response-rates', 'items/POL_CIO', 'year-over-year']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/analytics/cycles/${cycle2566}/${path}`,
        headers: respondent.headers,
      });
      expect(res.statusCode, path).toBe(403);
    }
    await get(`/api/analytics/cycles/${cycle2565}/levels`, respondent);
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/cycles/${cycle2565}/raw/long.csv`,
      headers: respondent.headers,
    });
    expect(raw.statusCode).toBe(403);
  });

  it('builds raw long and wide CSV (background job) with BOM and formula escaping', async () => {
    const long = await downloadBuilt(t.app, `/api/analytics/cycles/${cycle2566}/raw/long.csv`, analyst.headers);
    expect(long.body.charCodeAt(0)).toBe(0xfeff);
    const lines = long.body.slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'agency_code,agency_name_th,agency_name_en,track,question_code,value,not_applicable,verification,coded_category',
    );
    expect(lines.length - 1).toBe(5 * 6); // five submitted responses, six answers each; A6 is not submitted
    expect(long.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(long.body).toMatch(/OD_USER_SURVEY_REASON,"\{[^\n]*""other"":""-ไม่ระบุ""/);
    const wide = await downloadBuilt(t.app, `/api/analytics/cycles/${cycle2566}/raw/wide.csv`, analyst.headers);
    expect(wide.body.charCodeAt(0)).toBe(0xfeff);
    const rows = wide.body.slice(1).trim().split('\n');
    const header = (rows[0] as string).split(',');
    expect(header).toContain('TECHNOLOGIES__api');
    expect(header).toContain('OD_USER_SURVEY_REASON__coded');
    expect(rows.length).toBe(6);
    const a5 = rows.find((r) => r.startsWith('A5,')) as string;
    const cells = a5.split(',');
    expect(cells[header.indexOf('TECHNOLOGIES__api')]).toBe('1');
    expect(cells[header.indexOf('TECHNOLOGIES__cloud')]).toBe('0');
    expect(cells[header.indexOf('POL_CIO')]).toBe('yes');
    expect(cells[header.indexOf('DG_STATUS')]).toBe('');
    const a4 = (rows.find((r) => r.startsWith('A4,')) as string).split(',');
    expect(a4[header.indexOf('OD_USER_SURVEY_REASON__other')]).toBe("'-ไม่ระบุ");
    expect(a4[header.indexOf('OD_USER_SURVEY_REASON')]).toBe('other');
  });
});

describe('response rates', () => {
  it('counts invited, started, submitted and verified by segment', async () => {
    const r = (await get(`/api/analytics/cycles/${cycle2566}/response-rates`)).json();
    expect(r.overall.invited).toBe(6);
    expect(r.overall.started).toEqual({ numerator: 6, denominator: 6, percent: 100 });
    expect(r.overall.submitted).toEqual({ numerator: 5, denominator: 6, percent: 83.33 });
    expect(r.overall.verified).toEqual({ numerator: 1, denominator: 6, percent: 16.67 });
    const role = Object.fromEntries(r.byRole.map((x: { key: string; submitted: unknown }) => [x.key, x.submitted]));
    expect(role.service).toEqual({ numerator: 3, denominator: 4, percent: 75 });
  });
});

describe('synthetic import', () => {
  it("writes the same snapshot as the questionnaire's own writer", async () => {
    const fw = framework2566();
    const id = await addAgency('G1', 'service', 'government_agency');
    const gen = generate(fw, [{ code: 'G1', track: 'department' }], 'same-snapshot');
    const s = await importGenerated(t.db, cycle2566, gen);
    expect(s.responses).toBe(1);
    expect((await importGenerated(t.db, cycle2566, gen)).skipped).toBe(1);
    const resp = await t.db.selectFrom('responses').select('id').where('agency_id', '=', id).executeTakeFirstOrThrow();
    const mine = await t.db
      .selectFrom('result_snapshots')
      .selectAll()
      .where('response_id', '=', resp.id)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    const theirs = await t.db.transaction().execute((trx) => storeSnapshot(trx, resp.id, 'recompute', null));
    expect(theirs.selfAssessed).toEqual(mine.self_result);
    expect(theirs.verified).toEqual(mine.verified_result);
  });
});
