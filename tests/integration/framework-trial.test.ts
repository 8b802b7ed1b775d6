import { visibleQuestions } from '@dg/shared/domain/conditions';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import { FrameworkTrialSchema } from '@dg/shared/schemas/framework-trial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { storeSnapshot } from '../../server/src/modules/responses/snapshots';
import { bestValue, storeCompleteResponse } from '../support/complete-response';
import { insertAgency, type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let id2566: number;
let draftId: number;
let draft: Framework;
let cycleId: number;

/** Best answers to every question the track shows (conditions followed as they open). */
function bestAnswers(framework: Framework, track: Track) {
  const byCode = new Map<string, Question>(
    framework.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
  );
  const answers: AnswerMap = {};
  for (let round = 0; round < 10; round++) {
    const todo = [...visibleQuestions(framework, track, answers)].filter((c) => !(c in answers));
    if (todo.length === 0) break;
    for (const code of todo) answers[code] = { value: bestValue(byCode.get(code) as Question) as never };
  }
  return Object.fromEntries(Object.entries(answers).map(([c, a]) => [c, { value: a.value }]));
}

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, who = personas.admin) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

const counts = async () => ({
  responses: (
    await t.db
      .selectFrom('responses')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
  answers: (
    await t.db
      .selectFrom('answers')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
  snapshots: (
    await t.db
      .selectFrom('result_snapshots')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
  cycles: (
    await t.db
      .selectFrom('cycles')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
});

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
  const { f2566 } = await seedFrameworks(t.db);
  id2566 = f2566.id;
  // A real, open 2566 cycle with one submitted department response: the aggregates have something to count.
  cycleId = (
    await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'รอบ 2566',
        name_en: 'Cycle 2023',
        framework_id: id2566,
        status: 'open',
        opens_at: '2023-04-30T17:00:00Z',
        closes_at: '2099-06-30T10:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const province = await insertAgency(t.db, 'TP01', 'province');
  for (const agencyId of [personas.agencyA, personas.agencyB, province.id]) {
    await t.db.insertInto('cycle_agencies').values({ cycle_id: cycleId, agency_id: agencyId }).execute();
  }
  const r = await t.db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: personas.agencyA, status: 'submitted', submitted_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeCompleteResponse(t.db, (await loadFramework(t.db, id2566)).framework, r.id);
  await storeSnapshot(t.db, r.id, 'test', null);
  const copy = await call('POST', `/api/frameworks/${id2566}/copy`, { code: 'DGRS-2567', year: 2024 });
  expect(copy.statusCode).toBe(201);
  draftId = copy.json().id;
  draft = (await loadFramework(t.db, draftId)).framework;
}, 120_000);
afterAll(async () => t.close());

describe('framework trial run (server side)', () => {
  it('opens a draft as a trial, fills it as a department and a province, and returns levels and explanations', async () => {
    const opened = await call('POST', `/api/frameworks/${draftId}/trial`);
    expect(opened.statusCode).toBe(201);
    const trial = FrameworkTrialSchema.parse(opened.json());
    expect(trial).toMatchObject({ trial: true, frameworkId: draftId, frameworkCode: 'DGRS-2567' });
    expect(trial.tracks.map((x) => [x.track, x.answered])).toEqual([
      ['department', 0],
      ['province', 0],
    ]);
    // Opening again returns the same trial.
    expect((await call('POST', `/api/frameworks/${draftId}/trial`)).json().id).toBe(trial.id);

    const dept = bestAnswers(draft, 'department');
    const saved = await call('PUT', `/api/frameworks/${draftId}/trial/department/answers`, { answers: dept });
    expect(saved.statusCode).toBe(200);
    const d = saved.json().tracks.find((x: { track: string }) => x.track === 'department');
    expect(d.answered).toBe(Object.keys(dept).length);
    expect(d.result.overall.level).toBe(5);
    expect(d.result.pillars.length).toBe(draft.pillars.length);
    expect(d.result.pillars[0].criteria.length).toBeGreaterThan(0);

    // The province answers only its first pillar: levels there, none overall, and what the next level needs.
    const prov = bestAnswers(draft, 'province');
    const firstPillar = new Set(draft.pillars[0]?.indicators.flatMap((i) => i.questions.map((q) => q.code)));
    const some = Object.fromEntries(Object.entries(prov).filter(([c]) => firstPillar.has(c)));
    const p = await call('PUT', `/api/frameworks/${draftId}/trial/province/answers`, { answers: some });
    expect(p.statusCode).toBe(200);
    const pv = FrameworkTrialSchema.parse(p.json()).tracks.find((x) => x.track === 'province');
    expect(pv?.answered).toBe(Object.keys(some).length);
    expect(pv?.result?.track).toBe('province');
    expect(pv?.result?.pillars.some((x) => x.nextLevel !== null)).toBe(true);

    const got = FrameworkTrialSchema.parse((await call('GET', `/api/frameworks/${draftId}/trial`)).json());
    expect(got.tracks.map((x) => x.answered)).toEqual([Object.keys(dept).length, Object.keys(some).length]);
  }, 120_000);

  it('refuses answers that do not fit, trials of a frozen framework, and anyone but an administrator', async () => {
    const bad = await call('PUT', `/api/frameworks/${draftId}/trial/department/answers`, {
      answers: { NOPE: { value: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.answers.NOPE');
    const frozen = await call('POST', `/api/frameworks/${id2566}/trial`);
    expect(frozen.statusCode).toBe(409);
    expect((await call('GET', `/api/frameworks/${draftId}/trial`, undefined, personas.analyst)).statusCode).toBe(403);
    expect((await call('POST', `/api/frameworks/${draftId}/trial`, undefined, personas.respondentA)).statusCode).toBe(
      403,
    );
  });

  it('never counts trial answers in any aggregate (analytics, raw data exports, monitoring, cycle lists)', async () => {
    await call('DELETE', `/api/frameworks/${draftId}/trial`);
    const aggregates = async () => {
      const urls = [
        '/api/cycles',
        '/api/admin/cycles',
        `/api/analytics/cycles/${cycleId}/levels`,
        `/api/analytics/cycles/${cycleId}/response-rates`,
        `/api/analytics/cycles/${cycleId}/raw/long.csv`,
        `/api/analytics/cycles/${cycleId}/raw/wide.csv`,
        `/api/analytics/cycles/${cycleId}/items/${draft.pillars[0]?.indicators[0]?.questions[0]?.code}`,
        `/api/monitoring/cycles/${cycleId}/board`,
        `/api/monitoring/cycles/${cycleId}/not-submitted.csv`,
      ];
      const out: Record<string, unknown> = {};
      for (const url of urls) {
        const who = url.includes('/admin/') ? personas.admin : personas.analyst;
        let res = await call('GET', url, undefined, who);
        if (res.statusCode === 202) {
          // Raw exports are built by a background job: follow it to its file.
          const jobUrl = `/api/jobs/${res.json().id}`;
          await expect
            .poll(async () => (await call('GET', jobUrl, undefined, who)).json().status, { timeout: 120_000 })
            .toBe('done');
          res = await call('GET', (await call('GET', jobUrl, undefined, who)).json().downloadUrl, undefined, who);
        }
        expect(res.statusCode, url).toBe(200);
        // Only the board's generation time may differ between two reads.
        out[url] = res.body.replace(/"generatedAt":"[^"]+"/, '');
      }
      return { out, counts: await counts() };
    };
    const before = await aggregates();
    expect(before.counts.responses).toBe(1);
    await call('POST', `/api/frameworks/${draftId}/trial`);
    for (const track of ['department', 'province'] as const) {
      const res = await call('PUT', `/api/frameworks/${draftId}/trial/${track}/answers`, {
        answers: bestAnswers(draft, track),
      });
      expect(res.statusCode).toBe(200);
    }
    const trialAnswers = await t.db
      .selectFrom('framework_trial_answers')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(trialAnswers.n)).toBeGreaterThan(100);
    expect(await aggregates()).toEqual(before);
  }, 180_000);

  it('discards every test answer and the trial itself', async () => {
    const n = Number(
      (
        await t.db
          .selectFrom('framework_trial_answers')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(n).toBeGreaterThan(0);
    const res = await call('DELETE', `/api/frameworks/${draftId}/trial`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ discarded: true, answers: n });
    expect(await t.db.selectFrom('framework_trial_answers').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('framework_trials').selectAll().execute()).toEqual([]);
    expect((await call('GET', `/api/frameworks/${draftId}/trial`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/frameworks/${draftId}/trial`)).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'framework.trial.%')
      .execute();
    expect(audit.map((a) => a.action)).toContain('framework.trial.discard');
  });

  it('opening the real cycle on the framework discards a trial left open', async () => {
    await call('POST', `/api/frameworks/${draftId}/trial`);
    await call('PUT', `/api/frameworks/${draftId}/trial/department/answers`, {
      answers: bestAnswers(draft, 'department'),
    });
    const created = await call('POST', '/api/admin/cycles', {
      fiscalYear: 2024,
      frameworkId: draftId,
      opensAt: '2024-04-30T17:00:00Z',
      closesAt: '2099-06-30T10:00:00Z',
    });
    expect(created.statusCode).toBe(201);
    const opened = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${created.json().id}`,
      headers: personas.admin.headers,
      payload: { status: 'open' },
    });
    expect(opened.statusCode).toBe(200);
    expect(await t.db.selectFrom('framework_trial_answers').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('framework_trials').selectAll().execute()).toEqual([]);
  }, 60_000);
});
