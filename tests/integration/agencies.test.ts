import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;

const patch = (id: number, payload: object, headers = personas.admin.headers) =>
  t.app.inject({ method: 'PATCH', url: `/api/admin/agencies/${id}`, headers, payload });
const history = (id: number) =>
  t.app.inject({ method: 'GET', url: `/api/admin/agencies/${id}/history`, headers: personas.analyst.headers });

beforeAll(async () => {
  t = await createTestApp();
  await t.db
    .insertInto('ministries')
    .values([
      { code: 'MDES', name_th: 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม', name_en: 'Ministry of Digital Economy and Society' },
      { code: 'MOF', name_th: 'กระทรวงการคลัง', name_en: 'Ministry of Finance' },
    ])
    .execute();
  personas = await setupPersonas(t.app, t.db);
  await t.db.updateTable('agencies').set({ ministry_code: 'MDES' }).where('id', '=', personas.agencyA).execute();
});
afterAll(async () => t.close());

describe('agency registry', () => {
  it('lists agencies with ministry names, filtered and searched', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/agencies', headers: personas.analyst.headers });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toHaveLength(2);
    const a = all.json().find((x: { id: number }) => x.id === personas.agencyA);
    expect(a).toMatchObject({
      code: 'TA01',
      track: 'department',
      ministryCode: 'MDES',
      ministryName: { th: 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม' },
      active: true,
    });
    const byMinistry = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?ministry=MDES',
      headers: personas.admin.headers,
    });
    expect(byMinistry.json().map((x: { code: string }) => x.code)).toEqual(['TA01']);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/agencies?q=${encodeURIComponent('tb0')}`,
      headers: personas.admin.headers,
    });
    expect(search.json().map((x: { code: string }) => x.code)).toEqual(['TB01']);
    const provinces = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?track=province',
      headers: personas.admin.headers,
    });
    expect(provinces.json()).toEqual([]);
    const denied = await t.app.inject({ method: 'GET', url: '/api/agencies', headers: personas.respondentA.headers });
    expect(denied.statusCode).toBe(403);
  });

  it('renames an agency, writing history and audit with before and after', async () => {
    const res = await patch(personas.agencyA, { nameTh: 'สำนักงานใหม่', nameEn: 'New Office' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toEqual({ th: 'สำนักงานใหม่', en: 'New Office' });
    const h = await history(personas.agencyA);
    expect(h.statusCode).toBe(200);
    expect(h.json()[0]).toMatchObject({
      kind: 'rename',
      before: { nameTh: 'หน่วยงาน TA01', nameEn: 'Agency TA01' },
      after: { nameTh: 'สำนักงานใหม่', nameEn: 'New Office' },
      changedBy: { name: 'admin' },
    });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'agency.rename').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'agency', entity_id: String(personas.agencyA) });
    expect(audit[0]?.before).toEqual({ nameTh: 'หน่วยงาน TA01', nameEn: 'Agency TA01' });
  });

  it('records a reclassification as an update and refuses an unknown ministry', async () => {
    const res = await patch(personas.agencyA, { ministryCode: 'MOF', role: 'policy' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ministryCode: 'MOF',
      role: 'policy',
      ministryName: { en: 'Ministry of Finance' },
    });
    expect((await history(personas.agencyA)).json()[0]).toMatchObject({
      kind: 'update',
      before: { ministryCode: 'MDES', role: 'service' },
      after: { ministryCode: 'MOF', role: 'policy' },
    });
    const bad = await patch(personas.agencyA, { ministryCode: 'NOPE' });
    expect(bad.statusCode).toBe(400);
    // An empty code is not "no ministry" (that is null): it is refused before it reaches the database.
    const empty = await patch(personas.agencyA, { ministryCode: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toContain('ministryCode');
    expect((await patch(personas.agencyA, { nameTh: 'x'.repeat(5) }, personas.analyst.headers)).statusCode).toBe(403);
  });

  it('merges an agency into another: the old id stays, inactive, with its past results', async () => {
    const cycle = await t.db
      .insertInto('frameworks')
      .values({ code: 'F-1', year: 2023, title_th: 'f', title_en: 'f', document: '{}', hash: 'h' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((f) =>
        t.db
          .insertInto('cycles')
          .values({ fiscal_year: 2023, name_th: 'c', name_en: 'c', framework_id: f.id, status: 'published' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    const response = await t.db
      .insertInto('responses')
      .values({ cycle_id: cycle.id, agency_id: personas.agencyB, status: 'verified' })
      .returning('id')
      .executeTakeFirstOrThrow();

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/admin/agencies/${personas.agencyB}/merge`,
          headers: personas.admin.headers,
          payload: { intoAgencyId: personas.agencyB },
        })
      ).statusCode,
    ).toBe(400);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/agencies/${personas.agencyB}/merge`,
      headers: personas.admin.headers,
      payload: { intoAgencyId: personas.agencyA },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: personas.agencyB, active: false, mergedIntoId: personas.agencyA });
    const kept = await t.db
      .selectFrom('responses')
      .select('agency_id')
      .where('id', '=', response.id)
      .executeTakeFirst();
    expect(kept?.agency_id).toBe(personas.agencyB);
    expect((await history(personas.agencyB)).json()[0]).toMatchObject({
      kind: 'merge',
      before: { active: true, mergedIntoId: null },
      after: { active: false, mergedIntoId: personas.agencyA },
    });
    expect((await history(personas.agencyA)).json()[0]).toMatchObject({ kind: 'merge_target' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'agency.merge').execute();
    expect(audit).toHaveLength(1);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/agencies/${personas.agencyB}/merge`,
      headers: personas.admin.headers,
      payload: { intoAgencyId: personas.agencyA },
    });
    expect(again.statusCode).toBe(409);
    expect((await patch(personas.agencyB, { active: true })).statusCode).toBe(409);
    const active = await t.app.inject({
      method: 'GET',
      url: '/api/agencies?active=true',
      headers: personas.admin.headers,
    });
    expect(active.json().map((x: { id: number }) => x.id)).toEqual([personas.agencyA]);
  });
});
