import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { share } from '../../shared/src/domain/analytics-math';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let analyst: SignedIn;
let admin: SignedIn;
let respondent: SignedIn;
let cycleId: number;
const ids: Record<string, number> = {};

async function addAgency(code: string, track: 'department' | 'province', name?: string) {
  const row = await t.db
    .insertInto('agencies')
    .values({
      code,
      track,
      name_th: name ?? `หน่วยงาน ${code}`,
      name_en: `Agency ${code}`,
      ministry_code: track === 'department' ? 'MTEST' : null,
      org_type: track === 'department' ? (code === 'D2' ? 'state_enterprise' : 'government_agency') : null,
      role: track === 'department' ? (code === 'D1' ? 'policy' : 'service') : null,
      region: track === 'province' ? 'north' : null,
      merged_into_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[code] = row.id;
  return row.id;
}

async function addResponse(
  code: string,
  status: 'not_started' | 'in_progress' | 'submitted' | 'returned' | 'verified',
  times: { started?: string; submitted?: string; last?: string },
  answers: Record<string, unknown> = {},
  cycle = cycleId,
) {
  const r = await t.db
    .insertInto('responses')
    .values({
      cycle_id: cycle,
      agency_id: ids[code] as number,
      status,
      started_at: times.started ?? null,
      submitted_at: times.submitted ?? null,
      last_activity_at: times.last ?? times.submitted ?? times.started ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = Object.entries(answers).map(([q, value]) => ({
    response_id: r.id,
    question_code: q,
    value: JSON.stringify(value),
  }));
  if (rows.length) await t.db.insertInto('answers').values(rows).execute();
  return r.id;
}

/**
 * Seven invited agencies, times in UTC (Bangkok = UTC+7):
 * D1 submitted (started 05-01, submitted 05-03 18:00Z = 05-04 in Bangkok), D2 verified (05-01, 05-02),
 * D3 in progress (started 05-02 20:00Z = 05-03 Bangkok; POL_CIO yes), D4 returned (started 05-01,
 * once submitted 05-02; POL_CIO no), D5 invited with no response, D6 a not_started response row,
 * P1 a province submitted 05-04. X1 answered without being invited: not counted.
 */
beforeAll(async () => {
  t = await createTestApp();
  const { f2566 } = await seedFrameworks(t.db);
  await t.db
    .insertInto('ministries')
    .values({ code: 'MTEST', name_th: 'กระทรวงทดสอบ', name_en: 'Ministry of Tests' })
    .execute();
  cycleId = (
    await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'รอบ 2566',
        name_en: 'Cycle 2023',
        framework_id: f2566.id,
        status: 'open',
        opens_at: '2023-04-30T17:00:00Z',
        closes_at: '2023-06-30T10:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const code of ['D1', 'D2', 'D3', 'D4', 'D5']) await addAgency(code, 'department');
  await addAgency('D6', 'department', '=HYPERLINK("http://evil")');
  await addAgency('P1', 'province');
  await addAgency('X1', 'department');
  for (const code of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'P1']) {
    await t.db
      .insertInto('cycle_agencies')
      .values({
        cycle_id: cycleId,
        agency_id: ids[code] as number,
        deadline_override: code === 'D3' ? '2023-07-15T10:00:00Z' : null,
      })
      .execute();
  }
  await addResponse('D1', 'submitted', { started: '2023-05-01T02:00:00Z', submitted: '2023-05-03T18:00:00Z' });
  await addResponse('D2', 'verified', { started: '2023-05-01T10:00:00Z', submitted: '2023-05-02T03:00:00Z' });
  await addResponse(
    'D3',
    'in_progress',
    { started: '2023-05-02T20:00:00Z', last: '2023-05-03T05:00:00Z' },
    { POL_CIO: 'yes' },
  );
  await addResponse(
    'D4',
    'returned',
    { started: '2023-05-01T01:00:00Z', submitted: '2023-05-02T01:00:00Z', last: '2023-05-05T01:00:00Z' },
    { POL_CIO: 'no' },
  );
  await addResponse('D6', 'not_started', {});
  await addResponse('P1', 'submitted', { started: '2023-05-02T01:00:00Z', submitted: '2023-05-04T01:00:00Z' });
  await addResponse('X1', 'submitted', { started: '2023-04-01T01:00:00Z', submitted: '2023-04-02T01:00:00Z' });

  await insertUser(t.db, 'analyst.mon@test.dga.or.th', 'analyst');
  await insertUser(t.db, 'admin.mon@test.dga.or.th', 'admin');
  await insertUser(t.db, 'resp.d3@test.go.th', 'respondent', ids.D3);
  analyst = await signIn(t.app, 'analyst.mon@test.dga.or.th');
  admin = await signIn(t.app, 'admin.mon@test.dga.or.th');
  respondent = await signIn(t.app, 'resp.d3@test.go.th');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const get = (url: string, who: SignedIn = analyst) => t.app.inject({ method: 'GET', url, headers: who.headers });

describe('monitoring board', () => {
  it('counts invited, started, submitted and verified with shares from counts', async () => {
    const res = await get(`/api/monitoring/cycles/${cycleId}/board`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.cycle).toMatchObject({ id: cycleId, fiscalYear: 2023, closesAt: '2023-06-30T10:00:00.000Z' });
    expect(b.rates.overall).toMatchObject({
      invited: 7,
      started: { numerator: 5, denominator: 7, percent: 71.43 },
      submitted: { numerator: 3, denominator: 7, percent: 42.86 },
      verified: { numerator: 1, denominator: 7, percent: 14.29 },
    });
    const dept = b.rates.byTrack.find((r: { key: string }) => r.key === 'department');
    const prov = b.rates.byTrack.find((r: { key: string }) => r.key === 'province');
    expect(dept).toMatchObject({ invited: 6, submitted: { numerator: 2, percent: 33.33 } });
    expect(prov).toMatchObject({ invited: 1, submitted: { numerator: 1, percent: 100 } });
    const se = b.rates.byOrgType.find((r: { key: string }) => r.key === 'state_enterprise');
    expect(se).toMatchObject({ invited: 1, submitted: { numerator: 1, percent: 100 } });
    const policy = b.rates.byRole.find((r: { key: string }) => r.key === 'policy');
    expect(policy).toMatchObject({ invited: 1, submitted: { numerator: 1 } });
    expect(b.rates.byMinistry).toEqual([
      expect.objectContaining({
        key: 'MTEST',
        label: { th: 'กระทรวงทดสอบ', en: 'Ministry of Tests' },
        invited: 6,
        submitted: expect.objectContaining({ numerator: 2, percent: 33.33 }),
      }),
    ]);
  });

  it('gives a cumulative daily trend on Bangkok dates', async () => {
    const b = (await get(`/api/monitoring/cycles/${cycleId}/board`)).json();
    expect(b.trend).toEqual([
      { date: '2023-05-01', started: 3, submitted: 0 },
      { date: '2023-05-02', started: 4, submitted: 1 },
      { date: '2023-05-03', started: 5, submitted: 1 },
      { date: '2023-05-04', started: 5, submitted: 3 },
    ]);
    const last = b.trend.at(-1);
    expect(last.started).toBe(b.rates.overall.started.numerator);
    expect(last.submitted).toBe(b.rates.overall.submitted.numerator);
  });

  it('lists the agencies not yet submitted with progress, last activity and deadline', async () => {
    const b = (await get(`/api/monitoring/cycles/${cycleId}/board`)).json();
    const list = b.notSubmitted as {
      code: string;
      status: string;
      answered: number;
      required: number;
      progress: number | null;
      lastActivityAt: string | null;
      deadline: string | null;
      deadlineOverridden: boolean;
      ministry: { code: string } | null;
    }[];
    expect(list.map((r) => [r.code, r.status])).toEqual([
      ['D3', 'in_progress'],
      ['D4', 'returned'],
      ['D5', 'not_started'],
      ['D6', 'not_started'],
    ]);
    const [d3, d4, d5, d6] = list as [(typeof list)[0], (typeof list)[0], (typeof list)[0], (typeof list)[0]];
    // Visible required questions: "yes" to POL_CIO shows the required follow-up POL_CIO_ROLE.
    expect(d5.answered).toBe(0);
    expect(d5.required).toBeGreaterThan(10);
    expect(d5.progress).toBe(0);
    expect(d6.required).toBe(d5.required);
    expect(d4.required).toBe(d5.required);
    expect(d4.answered).toBe(1);
    expect(d3.required).toBe(d5.required + 1);
    expect(d3.answered).toBe(1);
    expect(d3.progress).toBe(share(1, d3.required).percent);
    expect(d3.lastActivityAt).toBe('2023-05-03T05:00:00.000Z');
    expect(d5.lastActivityAt).toBeNull();
    expect(d3).toMatchObject({ deadline: '2023-07-15T10:00:00.000Z', deadlineOverridden: true });
    expect(d4).toMatchObject({ deadline: '2023-06-30T10:00:00.000Z', deadlineOverridden: false });
    expect(d3.ministry?.code).toBe('MTEST');
  });

  it('exports the list as CSV with a BOM and neutralized formulas', async () => {
    const res = await get(`/api/monitoring/cycles/${cycleId}/not-submitted.csv`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('not-submitted-2566.csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'agency_code,agency_name_th,agency_name_en,track,ministry_code,ministry_name_th,status,answered_required,visible_required,progress_percent,last_activity_bangkok,deadline_bangkok,deadline_overridden,contacts',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^D3,หน่วยงาน D3,Agency D3,department,MTEST,กระทรวงทดสอบ,in_progress,1,\d+,/);
    expect(lines[1]).toContain('2023-05-03 12:00,2023-07-15 17:00,yes,resp.d3 <resp.d3@test.go.th>');
    expect(lines[4]).toContain(`D6,"'=HYPERLINK(""http://evil"")"`);
  });

  it('exports the list as XLSX that reads back', async () => {
    const res = await get(`/api/monitoring/cycles/${cycleId}/not-submitted.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('not_submitted');
    expect(ws).toBeDefined();
    const rows = (ws?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(5);
    expect(rows[0]?.[1]).toBe('agency_code');
    expect(rows.slice(1).map((r) => r[1])).toEqual(['D3', 'D4', 'D5', 'D6']);
    expect(rows[1]?.[7]).toBe('in_progress');
    expect(rows[1]?.[8]).toBe(1);
    expect(rows[4]?.[2]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('pages, sorts, filters and searches the not-submitted list on the server (the data grid)', async () => {
    const page = async (q: string) => {
      const res = await get(`/api/monitoring/cycles/${cycleId}/not-submitted?${q}`);
      expect(res.statusCode).toBe(200);
      return res.json() as { total: number; items: { code: string; progress: number | null }[] };
    };
    const codes = (p: { items: { code: string }[] }) => p.items.map((r) => r.code);
    expect(codes(await page(''))).toEqual(['D3', 'D4', 'D5', 'D6']);
    const p2 = await page('page=2&pageSize=1&sort=code:desc');
    expect([p2.total, codes(p2)]).toEqual([4, ['D5']]);
    expect(codes(await page('status=returned'))).toEqual(['D4']);
    expect(codes(await page('search=hyperlink'))).toEqual(['D6']);
    // D3 has its own, later deadline; the others share the cycle's.
    expect(codes(await page('sort=deadline:desc'))[0]).toBe('D3');
    const byProgress = (await page('sort=progress:desc')).items.map((r) => r.progress ?? -1);
    expect(byProgress).toEqual([...byProgress].sort((x, y) => y - x));
    expect((await get(`/api/monitoring/cycles/${cycleId}/not-submitted?sort=name:asc`)).statusCode).toBe(400);
  });

  it('is staff only and 404s an unknown cycle', async () => {
    for (const url of ['board', 'not-submitted', 'not-submitted.csv', 'not-submitted.xlsx']) {
      expect((await get(`/api/monitoring/cycles/${cycleId}/${url}`, respondent)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `/api/monitoring/cycles/${cycleId}/${url}` })).statusCode).toBe(
        401,
      );
    }
    expect((await get('/api/monitoring/cycles/999999/board')).statusCode).toBe(404);
  });
});
