import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { insertUser, type Personas, type SignedIn, setupPersonas, signIn } from '../support/fixtures';
import { insertOpenCycle } from '../support/open-cycle';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The review queue as a data grid: server-side paging, sorting, filtering and search; the bulk
 * return and accept; agencies assigned to analysts and the "mine" view. Generated agencies G0001..
 * G0130: the first 100 submitted (in code order), the next 15 returned, the rest still answering.
 */
const N = 130;
const code = (i: number) => `G${String(i).padStart(4, '0')}`;

let t: TestApp;
let p: Personas;
let cycleId: number;
let analyst2: SignedIn;
let analyst2Id: number;
let analystId: number;
const responseOf = new Map<string, number>();

const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
const send = (method: 'POST' | 'PUT', url: string, who: SignedIn, payload: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });
const queue = (qs: string, who: SignedIn = p.analyst) => get(`/api/review/cycles/${cycleId}/queue?${qs}`, who);

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  await insertUser(t.db, 'analyst2@test.dga.or.th', 'analyst');
  analyst2 = await signIn(t.app, 'analyst2@test.dga.or.th');
  const users = await t.db.selectFrom('users').select(['id', 'email']).execute();
  analystId = users.find((u) => u.email === 'analyst@test.dga.or.th')?.id as number;
  analyst2Id = users.find((u) => u.email === 'analyst2@test.dga.or.th')?.id as number;
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  cycleId = await insertOpenCycle(t.db, row.id);
  await t.db
    .insertInto('ministries')
    .values({ code: 'M01', name_th: 'กระทรวงทดสอบ', name_en: 'Test ministry' })
    .execute();
  const agencies = await t.db
    .insertInto('agencies')
    .values(
      Array.from({ length: N }, (_, k) => {
        const i = k + 1;
        return {
          code: code(i),
          track: i % 4 === 0 ? ('province' as const) : ('department' as const),
          name_th: `หน่วยงาน ${code(i)}`,
          name_en: `Agency ${code(i)}`,
          ministry_code: i <= 40 ? 'M01' : null,
          org_type: null,
          role: null,
          region: null,
          merged_into_id: null,
        };
      }),
    )
    .returning(['id', 'code'])
    .execute();
  const base = Date.now() - 10 * 86_400_000;
  const rows = await t.db
    .insertInto('responses')
    .values(
      agencies.map((a) => {
        const i = Number(a.code.slice(1));
        const status = i <= 100 ? 'submitted' : i <= 115 ? 'returned' : 'in_progress';
        return {
          cycle_id: cycleId,
          agency_id: a.id,
          status: status as 'submitted',
          round: status === 'returned' ? 2 : 1,
          submitted_at: status === 'in_progress' ? null : new Date(base + i * 60_000),
        };
      }),
    )
    .returning(['id', 'agency_id'])
    .execute();
  const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
  for (const r of rows) responseOf.set(codeOf.get(r.agency_id) as string, r.id);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('review queue as a data grid', () => {
  it('pages the queue: total over every page, the requested page only, submission order by default', async () => {
    const first = await queue('pageSize=25');
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ total: 115, page: 1, pageSize: 25 });
    expect(body.items).toHaveLength(25);
    expect(body.items[0].agencyCode).toBe('G0001');
    expect(body.progress).toMatchObject({ submitted: 100, returned: 15, in_progress: 15 });
    const last = (await queue('pageSize=25&page=5')).json();
    expect(last.items.map((i: { agencyCode: string }) => i.agencyCode)).toEqual(
      Array.from({ length: 15 }, (_, k) => code(101 + k)),
    );
    expect((await queue('pageSize=25&page=6')).json()).toMatchObject({ total: 115, items: [] });
  });

  it('sorts by a column in either direction', async () => {
    const desc = (await queue('sort=agencyCode:desc&pageSize=3')).json();
    expect(desc.items.map((i: { agencyCode: string }) => i.agencyCode)).toEqual(['G0115', 'G0114', 'G0113']);
    const recent = (await queue('sort=submittedAt:desc&pageSize=1')).json();
    expect(recent.items[0].agencyCode).toBe('G0115');
    const round = (await queue('sort=round:desc&pageSize=1')).json();
    expect(round.items[0].round).toBe(2);
  });

  it('filters by status, track and search, and combines them', async () => {
    expect((await queue('status=returned')).json().total).toBe(15);
    const province = (await queue('track=province&pageSize=100')).json();
    expect(province.total).toBe(28); // multiples of 4 up to 115
    expect(province.items.every((i: { track: string }) => i.track === 'province')).toBe(true);
    const search = (await queue('search=G001')).json();
    expect(search.items.map((i: { agencyCode: string }) => i.agencyCode)).toEqual(
      Array.from({ length: 10 }, (_, k) => code(10 + k)),
    );
    expect((await queue('search=G001&track=province')).json().total).toBe(2); // G0012 and G0016
  });

  it('refuses bad paging and sorting with a 400 that says what is wrong', async () => {
    const big = await queue('pageSize=100000');
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('pageSize');
    const sort = await queue('sort=password:asc');
    expect(sort.statusCode).toBe(400);
    expect(sort.body).toContain('sort');
  });

  it('lists only for analysts and administrators: agency users get 403, no token 401', async () => {
    for (const who of [p.respondentA, p.viewerA]) {
      expect((await queue('pageSize=5', who)).statusCode).toBe(403);
      expect((await get('/api/review/analysts', who)).statusCode).toBe(403);
      expect(
        (await send('POST', `/api/review/cycles/${cycleId}/bulk`, who, { action: 'accept', responseIds: [1] }))
          .statusCode,
      ).toBe(403);
      expect((await send('PUT', '/api/review/assignments', who, { analystId, ministryCode: 'M01' })).statusCode).toBe(
        403,
      );
    }
    const anon = await t.app.inject({ method: 'GET', url: `/api/review/cycles/${cycleId}/queue` });
    expect(anon.statusCode).toBe(401);
    expect((await queue('pageSize=5', p.admin)).statusCode).toBe(200);
  });
});

describe('assignments and the "mine" view', () => {
  it('assigns a ministry to an analyst; "mine" lists exactly those agencies', async () => {
    const res = await send('PUT', '/api/review/assignments', p.admin, { analystId, ministryCode: 'M01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assigned).toBe(40);
    const mine = (await queue('assignee=mine&pageSize=100')).json();
    expect(mine.total).toBe(40);
    expect(mine.myAssignments).toBe(40);
    expect(mine.items.every((i: { analyst: { id: number } | null }) => i.analyst?.id === analystId)).toBe(true);
    expect((await queue('assignee=mine', analyst2)).json()).toMatchObject({ total: 0, myAssignments: 0 });
    expect((await queue('assignee=unassigned')).json().total).toBe(75);
    // An analyst with assignments opens on "mine"; one without, on everything.
    expect((await queue('pageSize=5')).json()).toMatchObject({ assignee: 'mine', total: 40 });
    expect((await queue('pageSize=5', analyst2)).json()).toMatchObject({ assignee: 'all', total: 115 });
    const list = (await get('/api/review/analysts', p.analyst)).json();
    expect(list.find((a: { id: number }) => a.id === analystId)?.assigned).toBe(40);
  });

  it('assigns listed agencies by hand, replacing the previous analyst', async () => {
    const ids = await t.db.selectFrom('agencies').select('id').where('code', 'in', ['G0001', 'G0050']).execute();
    const res = await send('PUT', '/api/review/assignments', p.analyst, {
      analystId: analyst2Id,
      agencyIds: ids.map((r) => r.id),
    });
    expect(res.json().assigned).toBe(2);
    const mine2 = (await queue('assignee=mine&sort=agencyCode:asc', analyst2)).json();
    expect(mine2.items.map((i: { agencyCode: string }) => i.agencyCode)).toEqual(['G0001', 'G0050']);
    expect((await queue(`assignee=${analyst2Id}`)).json().total).toBe(2);
    expect((await queue('assignee=mine')).json().total).toBe(39);
  });

  it('refuses to assign to someone who is not an analyst', async () => {
    const admin = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
    const res = await send('PUT', '/api/review/assignments', p.admin, { analystId: admin.id, ministryCode: 'M01' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('not an active analyst');
  });

  it('reassigns everything of an analyst who is away, audit-logged', async () => {
    const res = await send('POST', '/api/review/assignments/reassign', p.admin, {
      fromAnalystId: analystId,
      toAnalystId: analyst2Id,
    });
    expect(res.json().assigned).toBe(39);
    expect((await queue('assignee=mine')).json().total).toBe(0);
    expect((await queue('assignee=mine', analyst2)).json().total).toBe(41);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', 'like', 'assignment.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['assignment.assign', 'assignment.assign', 'assignment.reassign']);
    expect((audit[2]?.after as { agencyIds: number[] } | undefined)?.agencyIds).toHaveLength(39);
  });
});

describe('bulk return and accept', () => {
  it('returns the selected responses with one comment; one that cannot be returned is reported', async () => {
    const ids = [responseOf.get('G0002'), responseOf.get('G0003'), responseOf.get('G0120')] as number[];
    const res = await send('POST', `/api/review/cycles/${cycleId}/bulk`, p.analyst, {
      action: 'return',
      responseIds: ids,
      comment: 'โปรดแนบหลักฐานให้ครบ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ done: 2, failed: 1 });
    expect(res.json().outcomes[2]).toMatchObject({ id: ids[2], ok: false, error: { code: 'INVALID_STATE' } });
    const rows = await t.db.selectFrom('responses').select(['id', 'status', 'round']).where('id', 'in', ids).execute();
    expect(rows.filter((r) => r.status === 'returned' && r.round === 2)).toHaveLength(2);
    const comments = await t.db
      .selectFrom('review_comments')
      .select('comment')
      .where('response_id', '=', ids[0] as number)
      .execute();
    expect(comments.map((c) => c.comment)).toEqual(['โปรดแนบหลักฐานให้ครบ']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'response.return')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('accepts the selected responses as verified', async () => {
    const ids = [responseOf.get('G0004'), responseOf.get('G0005')] as number[];
    const res = await send('POST', `/api/review/cycles/${cycleId}/bulk`, p.analyst, {
      action: 'accept',
      responseIds: ids,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ done: 2, failed: 0 });
    expect((await queue('status=verified')).json().total).toBe(2);
  });

  it('refuses a return without a comment and ids of another cycle', async () => {
    const empty = await send('POST', `/api/review/cycles/${cycleId}/bulk`, p.analyst, {
      action: 'return',
      responseIds: [responseOf.get('G0006')],
      comment: ' ',
    });
    expect(empty.statusCode).toBe(400);
    const other = await send('POST', `/api/review/cycles/${cycleId + 999}/bulk`, p.analyst, {
      action: 'accept',
      responseIds: [responseOf.get('G0006')],
    });
    expect(other.statusCode).toBe(404);
  });
});
