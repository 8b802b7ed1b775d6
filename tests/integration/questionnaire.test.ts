import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { insertAgency, insertUser, type Personas, type SignedIn, setupPersonas, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let p: Personas;
let cycleId: number;
let framework: Framework;
const DAY = 86_400_000;

async function createCycle(db: TestApp['db'], frameworkId: number, year: number, closesInDays = 30) {
  const row = await db
    .insertInto('cycles')
    .values({
      fiscal_year: year,
      name_th: `การสำรวจ ${year + 543}`,
      name_en: `Survey ${year}`,
      framework_id: frameworkId,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + closesInDays * DAY),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  const imported = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  framework = imported.framework;
  cycleId = await createCycle(t.db, imported.row.id, 2023);
});
afterAll(async () => t.close());

const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });

async function myResponse(who: SignedIn, cycle = cycleId) {
  const res = await get(`/api/cycles/${cycle}/my-response`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function save(who: SignedIn, responseId: number, code: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/responses/${responseId}/answers/${code}`,
    headers: who.headers,
    payload: { notApplicable: null, idempotencyKey: randomUUID(), ...body },
  });
}

/** A valid answer for any question: the first option, or a neutral value. */
function sampleValue(q: Question): unknown {
  const first = q.options?.find((o) => !o.exclusive && !o.other)?.code ?? q.options?.[0]?.code;
  switch (q.type) {
    case 'single':
    case 'staged':
      return first;
    case 'yes_no':
      return 'yes';
    case 'multiple':
      return [first];
    case 'reason':
      return { choice: first };
    case 'number':
      return q.number?.min ?? 1;
    case 'percentage':
      return 50;
    case 'text':
    case 'long_text':
      return 'answer';
    case 'date':
      return '2023-09-30';
    case 'matrix':
      return Object.fromEntries((q.rows ?? []).map((r) => [r.code, q.options?.[0]?.code]));
  }
}

/** Answers every visible question (following showIf) through the API, as a coordinator would. */
async function answerEverything(who: SignedIn, responseId: number, overrides: Record<string, unknown> = {}) {
  const byCode = new Map(
    framework.pillars.flatMap((pl) => pl.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
  );
  const answers: AnswerMap = {};
  const revisions = new Map<string, number>();
  for (let round = 0; round < 10; round++) {
    const todo = [...visibleQuestions(framework, 'department', answers)].filter((c) => !(c in answers));
    if (todo.length === 0) break;
    for (const code of todo) {
      const q = byCode.get(code) as Question;
      const value = code in overrides ? overrides[code] : sampleValue(q);
      const res = await save(who, responseId, code, { value, baseRevision: revisions.get(code) ?? 0 });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
      revisions.set(code, res.json().revision);
      answers[code] = { value: value as never };
    }
  }
  return answers;
}

describe('cycles and framework', () => {
  it('lists open cycles and serves the framework document with its hash', async () => {
    const list = await get('/api/cycles', p.respondentA);
    expect(list.statusCode).toBe(200);
    const cycle = list.json().find((c: { id: number }) => c.id === cycleId);
    expect(cycle).toMatchObject({ fiscalYear: 2023, status: 'open', frameworkCode: 'DGRS-2566' });
    const fw = await get(`/api/cycles/${cycleId}/framework`, p.viewerA);
    expect(fw.statusCode).toBe(200);
    expect(fw.json().hash).toBe(cycle.frameworkHash);
    expect(fw.json().framework.pillars).toHaveLength(7);
    expect((await get('/api/cycles/987654/framework', p.respondentA)).statusCode).toBe(404);
  });
});

describe('answers', () => {
  let responseId: number;
  let respondentA2: SignedIn;

  beforeAll(async () => {
    await insertUser(t.db, 'resp.a2@test.go.th', 'respondent', p.agencyA);
    respondentA2 = await signIn(t.app, 'resp.a2@test.go.th');
  });

  it("creates the agency's response on first visit; the viewer sees it read-only", async () => {
    const mine = await myResponse(p.respondentA);
    responseId = mine.response.id;
    expect(mine.response).toMatchObject({
      agencyId: p.agencyA,
      track: 'department',
      status: 'not_started',
      editable: true,
    });
    expect(mine.response.deadline).not.toBeNull();
    const viewer = await myResponse(p.viewerA);
    expect(viewer.response.id).toBe(responseId);
    expect(viewer.response.editable).toBe(false);
    const again = await myResponse(p.respondentA);
    expect(again.response.id).toBe(responseId);
  });

  it('saves an answer, bumps the revision, starts the response and audits before/after', async () => {
    const first = await save(p.respondentA, responseId, 'DG_STATUS', { value: 'list_only', baseRevision: 0 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ questionCode: 'DG_STATUS', revision: 1, replayed: false });
    expect(first.json().updatedBy).toMatchObject({ name: 'resp.a' });
    const second = await save(p.respondentA, responseId, 'DG_STATUS', { value: 'list_and_plan', baseRevision: 1 });
    expect(second.json().revision).toBe(2);
    const detail = (await get(`/api/responses/${responseId}`, p.respondentA)).json();
    expect(detail.response.status).toBe('in_progress');
    expect(detail.answers.find((a: { questionCode: string }) => a.questionCode === 'DG_STATUS')).toMatchObject({
      value: 'list_and_plan',
      revision: 2,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'answer.save')
      .where('entity_id', '=', `${responseId}:DG_STATUS`)
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]?.before).toMatchObject({ value: 'list_only', revision: 1 });
    expect(audit[1]?.after).toMatchObject({ value: 'list_and_plan', revision: 2 });
    expect(audit[1]?.agency_id).toBe(p.agencyA);
  });

  it('refuses a save based on a stale revision and says what is stored and who stored it', async () => {
    const res = await save(respondentA2, responseId, 'DG_STATUS', { value: 'in_operation', baseRevision: 1 });
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('STALE_REVISION');
    expect(err.details.current).toMatchObject({
      questionCode: 'DG_STATUS',
      value: 'list_and_plan',
      revision: 2,
      updatedBy: { name: 'resp.a' },
    });
    expect(typeof err.details.current.updatedAt).toBe('string');
    // A first answer racing an existing one is stale too.
    const first = await save(respondentA2, responseId, 'DG_STATUS', { value: 'in_operation', baseRevision: 0 });
    expect(first.statusCode).toBe(409);
  });

  it('replays a retried save (same idempotency key) without applying it twice', async () => {
    const key = randomUUID();
    const body = { value: 'yes', baseRevision: 0, idempotencyKey: key };
    const a = await save(p.respondentA, responseId, 'OD_USER_SURVEY', body);
    const b = await save(p.respondentA, responseId, 'OD_USER_SURVEY', body);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ revision: 1, replayed: false });
    expect(b.json()).toMatchObject({ revision: 1, replayed: true });
    const row = await t.db
      .selectFrom('answers')
      .select('revision')
      .where('response_id', '=', responseId)
      .where('question_code', '=', 'OD_USER_SURVEY')
      .executeTakeFirstOrThrow();
    expect(row.revision).toBe(1);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('entity_id', '=', `${responseId}:OD_USER_SURVEY`)
      .executeTakeFirstOrThrow();
    expect(audits.n).toBe(1);
    // The same key for another question is a client bug, not a replay.
    const misuse = await save(p.respondentA, responseId, 'PDPA_TRAINING', body);
    expect(misuse.statusCode).toBe(422);
    expect(misuse.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses an idempotency key reused with a different body (422), even after the answer moved on', async () => {
    const key = randomUUID();
    const body = { value: 'yes', baseRevision: 0, idempotencyKey: key };
    expect((await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', body)).statusCode).toBe(200);
    const reused = await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', { ...body, value: 'no' });
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(reused.json().error.message).toMatch(/idempotency key/i);
    const otherBase = await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', { ...body, baseRevision: 1 });
    expect(otherBase.statusCode).toBe(422);
    const stored = () =>
      t.db
        .selectFrom('answers')
        .select(['value', 'revision'])
        .where('response_id', '=', responseId)
        .where('question_code', '=', 'SKILL_ONLINE_LEARNING')
        .executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ value: 'yes', revision: 1 });

    // A later edit moves the answer on: the first key's own value now comes from its audit row.
    expect(
      (await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', { value: 'no', baseRevision: 1 })).statusCode,
    ).toBe(200);
    const lateRetry = await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', body);
    expect(lateRetry.statusCode, lateRetry.body).toBe(200);
    expect(lateRetry.json()).toMatchObject({ revision: 1, replayed: true });
    const lateReuse = await save(p.respondentA, responseId, 'SKILL_ONLINE_LEARNING', { ...body, value: 'no' });
    expect(lateReuse.statusCode).toBe(422);
    expect(await stored()).toEqual({ value: 'no', revision: 2 });
  });

  it('serializes concurrent saves of one answer: exactly one wins', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        save(p.respondentA, responseId, 'OD_REUSE_PROMOTION', { value: i % 2 ? 'yes' : 'no', baseRevision: 0 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('rejects values of the wrong shape with the path and a message', async () => {
    const unknownOption = await save(p.respondentA, responseId, 'DG_STATUS', { value: 'bogus', baseRevision: 2 });
    expect(unknownOption.statusCode).toBe(400);
    expect(unknownOption.json().error.code).toBe('VALIDATION_FAILED');
    expect(unknownOption.json().error.details[0]).toMatchObject({ path: 'body.value' });
    expect(unknownOption.json().error.details[0].message).toMatch(/bogus/);
    const pct = await save(p.respondentA, responseId, 'PDPA_TRAINED_SHARE', { value: 150, baseRevision: 0 });
    expect(pct.statusCode).toBe(400);
    expect(pct.json().error.details[0].path).toBe('body.value');
    const reasonOther = await save(p.respondentA, responseId, 'OD_USER_SURVEY_REASON', {
      value: { choice: 'other' },
      baseRevision: 0,
    });
    expect(reasonOther.statusCode).toBe(400);
    const na = await save(p.respondentA, responseId, 'DG_STATUS', {
      value: null,
      notApplicable: { justification: 'Not relevant to us' },
      baseRevision: 2,
    });
    expect(na.statusCode).toBe(400);
    expect(na.json().error.details[0].path).toBe('body.notApplicable');
    const unknown = await save(p.respondentA, responseId, 'NO_SUCH_QUESTION', { value: 'x', baseRevision: 0 });
    expect(unknown.statusCode).toBe(404);
    const badBody = await save(p.respondentA, responseId, 'DG_STATUS', { value: 'list_only', baseRevision: -1 });
    expect(badBody.statusCode).toBe(400);
  });

  it('accepts a justified "not applicable" where the question allows it', async () => {
    const code = framework.pillars
      .flatMap((pl) => pl.indicators.flatMap((i) => i.questions))
      .find((q) => q.allowNotApplicable && q.tracks.includes('department'))?.code as string;
    const res = await save(p.respondentA, responseId, code, {
      value: null,
      notApplicable: { justification: 'The agency has no such service' },
      baseRevision: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    const short = await save(p.respondentA, responseId, code, {
      value: null,
      notApplicable: { justification: 'no' },
      baseRevision: 1,
    });
    expect(short.statusCode).toBe(400);
  });

  it('reports changes since a time and who else is editing', async () => {
    const before = (await get(`/api/responses/${responseId}/changes`, p.respondentA)).json();
    expect(before.answers.length).toBeGreaterThan(0);
    const since = before.now;
    await new Promise((r) => setTimeout(r, 10));
    const hb = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/presence`,
      headers: respondentA2.headers,
      payload: { pillarKey: 'P2' },
    });
    expect(hb.statusCode, hb.body).toBe(200);
    const saved = await save(respondentA2, responseId, 'PDPA_TRAINING', { value: 'yes', baseRevision: 0 });
    expect(saved.statusCode).toBe(200);
    const after = await get(`/api/responses/${responseId}/changes?since=${encodeURIComponent(since)}`, p.respondentA);
    expect(after.statusCode, after.body).toBe(200);
    const body = after.json();
    expect(body.answers.map((a: { questionCode: string }) => a.questionCode)).toEqual(['PDPA_TRAINING']);
    expect(body.answers[0].updatedBy.name).toBe('resp.a2');
    expect(body.others).toEqual([expect.objectContaining({ name: 'resp.a2', pillarKey: 'P2' })]);
    // The editor does not see themself; stale presence disappears.
    const own = (
      await get(`/api/responses/${responseId}/changes?since=${encodeURIComponent(since)}`, respondentA2)
    ).json();
    expect(own.others).toEqual([]);
    await t.db
      .updateTable('presence')
      .set({ seen_at: new Date(Date.now() - 61_000) })
      .execute();
    const gone = (await get(`/api/responses/${responseId}/changes`, p.respondentA)).json();
    expect(gone.others).toEqual([]);
    const bad = await get(`/api/responses/${responseId}/changes?since=yesterday`, p.respondentA);
    expect(bad.statusCode).toBe(400);
  });

  it('gives a live preview result before submission', async () => {
    const res = await get(`/api/responses/${responseId}/result`, p.viewerA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().preview).toBe(true);
    expect(res.json().selfAssessed.pillars).toHaveLength(7);
  });

  it('exports the answers to Excel with formula-looking text neutralized', async () => {
    const r = await save(p.respondentA, responseId, 'DG_CATALOG_URL', {
      value: '=HYPERLINK("http://evil.example","click")',
      baseRevision: 0,
    });
    expect(r.statusCode, r.body).toBe(200);
    const res = await get(`/api/responses/${responseId}/export.xlsx`, p.viewerA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('Answers');
    const rows: Record<string, unknown[]> = {};
    ws?.eachRow((row) => {
      const values = row.values as unknown[];
      rows[String(values[2])] = values;
    });
    expect(rows.DG_CATALOG_URL?.[6]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows.DG_STATUS?.[6]).toBe('Dataset list and plan, not started');
    expect(rows.DG_STATUS?.[8]).toBe(2);
  });
});

describe('submission', () => {
  let agencyId: number;
  let resp: SignedIn;
  let responseId: number;

  beforeAll(async () => {
    agencyId = (await insertAgency(t.db, 'TS01')).id;
    await insertUser(t.db, 'resp.s@test.go.th', 'respondent', agencyId);
    resp = await signIn(t.app, 'resp.s@test.go.th');
    responseId = (await myResponse(resp)).response.id;
  });

  const submit = (who: SignedIn, id = responseId) =>
    t.app.inject({ method: 'POST', url: `/api/responses/${id}/submit`, headers: who.headers });

  it('lists what is missing: unanswered required questions, a follow-up shown by "no", and required evidence', async () => {
    await answerEverything(resp, responseId, { OD_USER_SURVEY: 'no', PDPA_TRAINING: 'yes' });
    // Clear the follow-up that "no" revealed.
    const cur = (await get(`/api/responses/${responseId}`, resp)).json();
    const reasonRev = cur.answers.find(
      (a: { questionCode: string }) => a.questionCode === 'OD_USER_SURVEY_REASON',
    ).revision;
    const cleared = await save(resp, responseId, 'OD_USER_SURVEY_REASON', { value: null, baseRevision: reasonRev });
    expect(cleared.statusCode).toBe(200);

    const res = await submit(resp);
    expect(res.statusCode, res.body).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('INCOMPLETE');
    const missing = err.details.missing as {
      questionCode: string;
      reason: string;
      pillarKey: string;
      message: { th: string; en: string };
    }[];
    expect(missing).toContainEqual(
      expect.objectContaining({ questionCode: 'OD_USER_SURVEY_REASON', reason: 'required', pillarKey: 'P2' }),
    );
    expect(missing).toContainEqual(expect.objectContaining({ questionCode: 'PDPA_TRAINING', reason: 'evidence' }));
    // "no" claims no practice: no evidence is needed for it.
    expect(missing.find((m) => m.questionCode === 'OD_USER_SURVEY')).toBeUndefined();
    for (const m of missing) expect(m.message.th.length * m.message.en.length).toBeGreaterThan(0);
    const status = await t.db
      .selectFrom('responses')
      .select('status')
      .where('id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('in_progress');
  });

  it('submits a complete response and stores a result snapshot with pillar rows', async () => {
    const cur = (await get(`/api/responses/${responseId}`, resp)).json();
    const reasonRev = cur.answers.find(
      (a: { questionCode: string }) => a.questionCode === 'OD_USER_SURVEY_REASON',
    ).revision;
    expect(
      (
        await save(resp, responseId, 'OD_USER_SURVEY_REASON', {
          value: { choice: 'no_budget' },
          baseRevision: reasonRev,
        })
      ).statusCode,
    ).toBe(200);
    const first = (await submit(resp)).json().error.details.missing as { questionCode: string; reason: string }[];
    expect(first.every((m) => m.reason === 'evidence')).toBe(true);
    for (const code of new Set(first.map((m) => m.questionCode))) {
      const link = await t.app.inject({
        method: 'POST',
        url: `/api/responses/${responseId}/evidence-url`,
        headers: resp.headers,
        payload: { questionCode: code, url: `https://agency.go.th/evidence/${code}` },
      });
      expect(link.statusCode, link.body).toBe(201);
    }
    const res = await submit(resp);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().response).toMatchObject({ status: 'submitted', editable: false });
    expect(res.json().snapshotRevision).toBe(1);

    const snaps = await t.db.selectFrom('result_snapshots').selectAll().where('response_id', '=', responseId).execute();
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({ reason: 'submission', revision: 1, is_current: true, agency_id: agencyId });
    expect(snaps[0]?.self_overall).not.toBeNull();
    const pillars = await t.db
      .selectFrom('snapshot_pillars')
      .selectAll()
      .where('snapshot_id', '=', String(snaps[0]?.id))
      .orderBy('pillar_key')
      .execute();
    expect(pillars.map((x) => x.pillar_key)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const row = await t.db.selectFrom('responses').selectAll().where('id', '=', responseId).executeTakeFirstOrThrow();
    expect(row.submitted_at).not.toBeNull();
    expect(row.status).toBe('submitted');

    const result = (await get(`/api/responses/${responseId}/result`, resp)).json();
    expect(result).toMatchObject({ preview: false, revision: 1, reason: 'submission' });
    expect(result.selfAssessed.overall.level).toBe(snaps[0]?.self_overall);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'response.submit').execute();
    expect(audit).toHaveLength(1);
  });

  it('makes a submitted response read-only', async () => {
    const res = await save(resp, responseId, 'DG_STATUS', { value: 'in_operation', baseRevision: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
    expect(res.json().error.message).toMatch(/submitted/);
    expect((await submit(resp)).statusCode).toBe(409);
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/evidence-url`,
      headers: resp.headers,
      payload: { questionCode: 'DG_STATUS', url: 'https://agency.go.th/x' },
    });
    expect(link.statusCode).toBe(409);
  });
});

describe('deadlines', () => {
  it('refuses saves and submission after the deadline unless the agency has a later override', async () => {
    const fw = await t.db.selectFrom('frameworks').select('id').executeTakeFirstOrThrow();
    const late = await createCycle(t.db, fw.id, 2024, -1);
    const mine = await myResponse(p.respondentA, late);
    expect(mine.response.editable).toBe(false);
    const res = await save(p.respondentA, mine.response.id, 'DG_STATUS', { value: 'list_only', baseRevision: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DEADLINE_PASSED');
    expect(res.json().error.message).toMatch(/deadline/i);
    // Thai first, with a B.E. date and time people can read, then English.
    expect(res.json().error.message).toMatch(
      /^หมดเขตส่งแบบสำรวจแล้วเมื่อ \d{1,2} \S+ 25\d\d \d\d:\d\d น\. .*สพร\..* · The deadline passed on \d{1,2} \w+ 20\d\d, \d\d:\d\d \(Bangkok time\); contact DGA/,
    );
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${mine.response.id}/submit`,
      headers: p.respondentA.headers,
    });
    expect(sub.json().error.code).toBe('DEADLINE_PASSED');

    await t.db
      .insertInto('cycle_agencies')
      .values({ cycle_id: late, agency_id: p.agencyA, deadline_override: new Date(Date.now() + 7 * DAY) })
      .execute();
    const extended = await myResponse(p.respondentA, late);
    expect(extended.response.editable).toBe(true);
    expect(new Date(extended.response.deadline).getTime()).toBeGreaterThan(Date.now());
    const ok = await save(p.respondentA, mine.response.id, 'DG_STATUS', { value: 'list_only', baseRevision: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses saves when the cycle is closed', async () => {
    const fw = await t.db.selectFrom('frameworks').select('id').executeTakeFirstOrThrow();
    const closed = await createCycle(t.db, fw.id, 2025);
    const mine = await myResponse(p.respondentA, closed);
    await t.db.updateTable('cycles').set({ status: 'closed' }).where('id', '=', closed).execute();
    const res = await save(p.respondentA, mine.response.id, 'DG_STATUS', { value: 'list_only', baseRevision: 0 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
  });
});

describe('agency scoping', () => {
  it("keeps another agency's respondent out of every route, and viewers out of writes", async () => {
    const id = (await myResponse(p.respondentA)).response.id;
    const b = p.respondentB;
    const payload = { value: 'list_only', baseRevision: 0, notApplicable: null, idempotencyKey: randomUUID() };
    const calls = [
      t.app.inject({ method: 'GET', url: `/api/responses/${id}`, headers: b.headers }),
      t.app.inject({ method: 'PUT', url: `/api/responses/${id}/answers/DG_STATUS`, headers: b.headers, payload }),
      t.app.inject({ method: 'GET', url: `/api/responses/${id}/changes`, headers: b.headers }),
      t.app.inject({
        method: 'POST',
        url: `/api/responses/${id}/presence`,
        headers: b.headers,
        payload: { pillarKey: 'P1' },
      }),
      t.app.inject({ method: 'POST', url: `/api/responses/${id}/submit`, headers: b.headers }),
      t.app.inject({ method: 'GET', url: `/api/responses/${id}/result`, headers: b.headers }),
      t.app.inject({ method: 'GET', url: `/api/responses/${id}/export.xlsx`, headers: b.headers }),
      t.app.inject({
        method: 'POST',
        url: `/api/responses/${id}/evidence-url`,
        headers: b.headers,
        payload: { questionCode: 'DG_STATUS', url: 'https://x.go.th' },
      }),
    ];
    for (const res of await Promise.all(calls)) expect([403, 404]).toContain(res.statusCode);

    const viewerWrite = await t.app.inject({
      method: 'PUT',
      url: `/api/responses/${id}/answers/DG_STATUS`,
      headers: p.viewerA.headers,
      payload,
    });
    expect(viewerWrite.statusCode).toBe(403);
    const viewerRead = await get(`/api/responses/${id}`, p.viewerA);
    expect(viewerRead.statusCode).toBe(200);
    expect((await get(`/api/responses/${id}`, p.analyst)).statusCode).toBe(200);
    // Respondent B's own response is separate.
    const mineB = await myResponse(b);
    expect(mineB.response.id).not.toBe(id);
    expect(mineB.answers).toEqual([]);
  });
});
