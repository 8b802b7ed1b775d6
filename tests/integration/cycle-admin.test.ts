import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { insertAgency, type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let frameworkId: number;
let cycleId: number;
let inactiveId: number;

const patch = (id: number, payload: object, headers = personas.admin.headers) =>
  t.app.inject({ method: 'PATCH', url: `/api/admin/cycles/${id}`, headers, payload });
const audit = (action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
  inactiveId = (await insertAgency(t.db, 'OLD1')).id;
  await t.db.updateTable('agencies').set({ active: false }).where('id', '=', inactiveId).execute();
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: 'test', ip: null });
  frameworkId = row.id;
});
afterAll(async () => t.close());

describe('cycle administration', () => {
  it('creates a draft cycle and invites every active agency', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: personas.admin.headers,
      payload: {
        fiscalYear: 2024,
        frameworkId,
        opensAt: '2024-06-01T00:00:00+07:00',
        closesAt: '2024-08-31T23:59:59+07:00',
      },
    });
    expect(res.statusCode).toBe(201);
    const cycle = res.json();
    cycleId = cycle.id;
    expect(cycle).toMatchObject({
      fiscalYear: 2024,
      status: 'draft',
      frameworkCode: 'DGRS-2566',
      name: { th: 'การสำรวจความพร้อมรัฐบาลดิจิทัล ประจำปี 2567' },
      counts: { invited: 2, started: 0, submitted: 0, verified: 0 },
    });
    const invited = await t.db
      .selectFrom('cycle_agencies')
      .select('agency_id')
      .where('cycle_id', '=', cycleId)
      .execute();
    expect(invited.map((r) => r.agency_id).sort()).toEqual([personas.agencyA, personas.agencyB].sort());
    expect(await audit('cycle.create')).toHaveLength(1);
  });

  it('refuses a second cycle for the same fiscal year and a closing date before the opening', async () => {
    const base = { frameworkId, opensAt: '2024-06-01T00:00:00Z', closesAt: '2024-08-31T00:00:00Z' };
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: personas.admin.headers,
      payload: { ...base, fiscalYear: 2024 },
    });
    expect(dup.statusCode).toBe(409);
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: personas.admin.headers,
      payload: { ...base, fiscalYear: 2025, closesAt: '2024-01-01T00:00:00Z' },
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('lists cycles with counts for analysts, but only admins change them', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/cycles', headers: personas.analyst.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()[0]).toMatchObject({ id: cycleId, counts: { invited: 2 } });
    expect((await patch(cycleId, { status: 'open' }, personas.analyst.headers)).statusCode).toBe(403);
    const resp = await t.app.inject({ method: 'GET', url: '/api/admin/cycles', headers: personas.respondentA.headers });
    expect(resp.statusCode).toBe(403);
  });

  it('refuses a skipped step with 409 and a clear message', async () => {
    const res = await patch(cycleId, { status: 'published' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'INVALID_STATE' });
    expect(res.json().error.message).toBe('A draft cycle can only move to open, not published');
    expect((await patch(cycleId, { status: 'closed' })).statusCode).toBe(409);
  });

  it('opens the cycle, which freezes its framework', async () => {
    const res = await patch(cycleId, { status: 'open' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('open');
    const changed = { ...dgrs2566, title: { th: 'แก้ไข', en: 'Edited' } };
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/frameworks/import',
      headers: personas.admin.headers,
      payload: changed,
    });
    expect(imp.statusCode).toBe(409);
    const [entry] = await audit('cycle.open');
    expect(entry?.before).toMatchObject({ status: 'draft' });
    expect(entry?.after).toMatchObject({ status: 'open' });
    // Extending the closing date of an open cycle is allowed.
    const extend = await patch(cycleId, { closesAt: '2024-09-30T23:59:59+07:00' });
    expect(extend.statusCode).toBe(200);
    expect(extend.json().closesAt).toBe('2024-09-30T16:59:59.000Z');
    expect((await patch(cycleId, { status: 'draft' })).statusCode).toBe(409);
  });

  it('closes, then publishing stores each current result again as a published revision', async () => {
    const response = await t.db
      .insertInto('responses')
      .values({ cycle_id: cycleId, agency_id: personas.agencyA, status: 'verified' })
      .returningAll()
      .executeTakeFirstOrThrow();
    const snapshot = (over: { is_current: boolean; revision: number }) =>
      t.db
        .insertInto('result_snapshots')
        .values({
          response_id: response.id,
          cycle_id: cycleId,
          agency_id: personas.agencyA,
          reason: 'verify',
          self_overall: 3,
          verified_overall: 2,
          self_result: JSON.stringify({}),
          verified_result: JSON.stringify({}),
          engine_version: 'test',
          framework_hash: 'x',
          ...over,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    await snapshot({ is_current: false, revision: 1 });
    const current = await snapshot({ is_current: true, revision: 2 });
    await t.db
      .insertInto('snapshot_pillars')
      .values([
        {
          snapshot_id: current.id,
          pillar_key: 'P1',
          self_level: 3,
          verified_level: 2,
          self_score: 61.5,
          verified_score: 40,
        },
        {
          snapshot_id: current.id,
          pillar_key: 'P2',
          self_level: null,
          verified_level: null,
          self_score: null,
          verified_score: null,
        },
      ])
      .execute();

    expect((await patch(cycleId, { status: 'closed' })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/cycles', headers: personas.admin.headers });
    expect(list.json()[0].counts).toEqual({ invited: 2, started: 1, submitted: 1, verified: 1 });

    const res = await patch(cycleId, { status: 'published' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('published');
    expect(res.json().publishedAt).toEqual(expect.any(String));
    const rows = await t.db.selectFrom('result_snapshots').selectAll().orderBy('revision').execute();
    expect(rows.map((r) => [r.revision, r.reason, r.is_current, r.published])).toEqual([
      [1, 'verify', false, false],
      [2, 'verify', false, false],
      [3, 'publication', true, true],
    ]);
    const published = rows[2];
    expect(published).toMatchObject({
      response_id: response.id,
      agency_id: personas.agencyA,
      self_overall: 3,
      verified_overall: 2,
      engine_version: 'test',
      framework_hash: 'x',
      created_by: expect.any(Number),
    });
    const pillars = await t.db
      .selectFrom('snapshot_pillars')
      .select(['snapshot_id', 'pillar_key', 'self_level', 'verified_level', 'self_score', 'verified_score'])
      .orderBy('snapshot_id')
      .orderBy('pillar_key')
      .execute();
    expect(pillars.filter((p) => p.snapshot_id === published?.id).map(({ snapshot_id, ...p }) => p)).toEqual([
      { pillar_key: 'P1', self_level: 3, verified_level: 2, self_score: 61.5, verified_score: 40 },
      { pillar_key: 'P2', self_level: null, verified_level: null, self_score: null, verified_score: null },
    ]);
    // The pre-publication revision keeps its own pillar rows.
    expect(pillars.filter((p) => p.snapshot_id === current.id)).toHaveLength(2);
    const [entry] = await audit('cycle.publish');
    expect(entry?.meta).toEqual({ snapshotsPublished: 1 });

    const after = await patch(cycleId, { status: 'open' });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toMatch(/published cycle is final/);
  });
});

describe('deadline overrides', () => {
  let openCycle: number;
  beforeAll(async () => {
    const c = await t.db
      .insertInto('cycles')
      .values({ fiscal_year: 2030, name_th: 'x', name_en: 'x', framework_id: frameworkId, status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    openCycle = c.id;
    await t.db.insertInto('cycle_agencies').values({ cycle_id: openCycle, agency_id: personas.agencyA }).execute();
  });
  const put = (agencyId: number, deadline: string | null, headers = personas.admin.headers) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/admin/cycles/${openCycle}/agencies/${agencyId}/deadline`,
      headers,
      payload: { deadline },
    });

  it('sets and clears one agency deadline, audited with before and after', async () => {
    const set = await put(personas.agencyA, '2030-10-15T23:59:59+07:00');
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      cycleId: openCycle,
      agencyId: personas.agencyA,
      deadline: '2030-10-15T16:59:59.000Z',
    });
    const row = await t.db
      .selectFrom('cycle_agencies')
      .select('deadline_override')
      .where('cycle_id', '=', openCycle)
      .where('agency_id', '=', personas.agencyA)
      .executeTakeFirstOrThrow();
    expect(row.deadline_override?.toISOString()).toBe('2030-10-15T16:59:59.000Z');
    const [entry] = await audit('cycle.deadline_override');
    expect(entry).toMatchObject({
      entity_type: 'cycle_agency',
      entity_id: `${openCycle}:${personas.agencyA}`,
      agency_id: personas.agencyA,
      before: { deadline: null },
      after: { deadline: '2030-10-15T16:59:59.000Z' },
    });
    const clear = await put(personas.agencyA, null);
    expect(clear.json().deadline).toBeNull();
    expect(await audit('cycle.deadline_override')).toHaveLength(2);
  });

  it('404s for an agency not invited, 400s for a bad date, 403s for non-admins', async () => {
    expect((await put(personas.agencyB, '2030-10-15T00:00:00Z')).statusCode).toBe(404);
    expect((await put(personas.agencyA, 'next week')).statusCode).toBe(400);
    expect((await put(personas.agencyA, null, personas.analyst.headers)).statusCode).toBe(403);
    expect((await put(personas.agencyA, null, personas.respondentA.headers)).statusCode).toBe(403);
  });
});
