import type { Framework } from '@dg/shared/schemas/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let id2566: number;

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { ...personas.admin.headers, ...headers }, payload });

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
  expect((await inject('POST', '/api/frameworks/import', dgrs2565)).statusCode).toBe(201);
  const res = await inject('POST', '/api/frameworks/import', dgrs2566);
  expect(res.statusCode).toBe(201);
  id2566 = res.json().id;
});
afterAll(async () => t.close());

describe("next year's draft from this year's framework", () => {
  let draftId: number;

  it('copies 2566 into a 2567 draft that maps every pillar and question code to its predecessor', async () => {
    const res = await inject('POST', `/api/frameworks/${id2566}/copy`, { code: 'DGRS-2567', year: 2024 });
    expect(res.statusCode).toBe(201);
    draftId = res.json().id;
    const got = await inject('GET', `/api/frameworks/${draftId}/draft`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe(`"${got.json().hash}"`);
    const f = got.json().framework as Framework;
    expect(f).toMatchObject({ code: 'DGRS-2567', year: 2024, previousCode: dgrs2566.code });
    expect(f.title.th).toContain('2567');
    expect(f.pillars.map((p) => p.previousKey)).toEqual(f.pillars.map((p) => p.key));
    expect(got.json().previous.code).toBe(dgrs2566.code);
    const codes = (x: Framework) =>
      x.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions.map((q) => q.code)));
    expect(codes(f)).toEqual(codes(got.json().previous));
    // Nothing changed yet.
    const changes = await inject('GET', `/api/frameworks/${draftId}/changes`);
    expect(changes.statusCode).toBe(200);
    expect(changes.json().questions).toEqual({ added: [], removed: [], changed: [] });
    expect(changes.json().criteria).toEqual({ added: [], removed: [], changed: [] });
    expect(changes.json().pillars.every((p: { status: string }) => p.status === 'continued')).toBe(true);
  });

  it('refuses a second framework with the same code', async () => {
    const res = await inject('POST', `/api/frameworks/${id2566}/copy`, { code: 'DGRS-2567', year: 2024 });
    expect(res.statusCode).toBe(409);
  });

  it('saves an edited draft with If-Match and lists added, removed and changed questions and criteria', async () => {
    const got = (await inject('GET', `/api/frameworks/${draftId}/draft`)).json();
    const f = structuredClone(got.framework) as Framework;
    const indicator = f.pillars[0]?.indicators[0];
    if (!indicator) throw new Error('fixture');
    const [first, second] = indicator.questions;
    if (!first || !second) throw new Error('fixture');
    first.text = { th: `${first.text.th} (ปรับปรุง)`, en: `${first.text.en} (revised)` };
    const withCriterion = f.pillars
      .flatMap((p) => p.indicators.flatMap((i) => i.questions))
      .find((q) => q.criteria?.length);
    const criterion = withCriterion?.criteria?.[0];
    if (!withCriterion || !criterion) throw new Error('fixture needs a criterion');
    criterion.level = criterion.level === 5 ? 4 : ((criterion.level + 1) as 2 | 3 | 4 | 5);
    const last = indicator.questions.at(-1);
    if (!last) throw new Error('fixture');
    // A new question at the end of the indicator; a later question reading the removed one would fail validation.
    indicator.questions.push({
      code: 'NEW_Q_2567',
      type: 'yes_no',
      text: { th: 'คำถามใหม่ปี 2567', en: 'A new question for 2567' },
      required: true,
      tracks: ['department', 'province'],
      allowNotApplicable: false,
      evidence: 'none',
    });

    const saved = await inject(
      'PUT',
      `/api/frameworks/${draftId}/draft`,
      { framework: f },
      { 'if-match': `"${got.hash}"` },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json().changed).toBe(true);
    expect(saved.headers.etag).toBe(`"${saved.json().hash}"`);

    const changes = (await inject('GET', `/api/frameworks/${draftId}/changes`)).json();
    expect(changes.questions.added.map((q: { code: string }) => q.code)).toEqual(['NEW_Q_2567']);
    expect(changes.questions.changed).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: first.code, fields: ['text'] })]),
    );
    expect(changes.criteria.changed).toEqual([expect.objectContaining({ code: criterion.code, fields: ['level'] })]);

    // A second administrator who loaded the old version cannot overwrite the first one's save.
    const stale = await inject(
      'PUT',
      `/api/frameworks/${draftId}/draft`,
      { framework: got.framework },
      { 'if-match': `"${got.hash}"` },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_REVISION');
    const now = (await inject('GET', `/api/frameworks/${draftId}/draft`)).json();
    expect(now.hash).toBe(saved.json().hash);
  });

  it('refuses an invalid draft save with the problems by path, and a save without If-Match', async () => {
    const got = (await inject('GET', `/api/frameworks/${draftId}/draft`)).json();
    const f = structuredClone(got.framework) as Framework;
    const q = f.pillars[0]?.indicators[0]?.questions[0];
    if (!q) throw new Error('fixture');
    q.text.th = ' ';
    const bad = await inject('PUT', `/api/frameworks/${draftId}/draft`, { framework: f }, { 'if-match': got.hash });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].pathText).toBe('pillars[0].indicators[0].questions[0].text.th');
    const noMatch = await inject('PUT', `/api/frameworks/${draftId}/draft`, { framework: got.framework });
    expect(noMatch.statusCode).toBe(400);
  });

  it('lets only administrators copy or save', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/frameworks/${id2566}/copy`,
      headers: personas.analyst.headers,
      payload: { code: 'DGRS-2568', year: 2025 },
    });
    expect(res.statusCode).toBe(403);
  });
});
