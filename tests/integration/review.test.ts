import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { bestValue } from '../support/complete-response';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Rejecting CYBER_STANDARD (a required criterion of pillar 6, "Secure & Efficient Infrastructure")
 * drops the agency's verified P6 level from 5 to 3 when everything else is at its best.
 */
const REJECT_CODE = 'CYBER_STANDARD';
const VERIFY_CODE = 'POL_CIO';
const OTHER_TEXT = 'ใช้ผลการประชุมร่วมกับภาคเอกชนแทนการสำรวจ';
const DAY = 86_400_000;

let t: TestApp;
let p: Personas;
let cycleId: number;
let framework: Framework;

/** The answer that reaches the highest level for each question. */

/** Stores a complete best-case questionnaire with evidence directly, then submits it through the API. */
async function submitComplete(who: SignedIn, overrides: Record<string, unknown> = {}) {
  const mine = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/my-response`, headers: who.headers });
  expect(mine.statusCode, mine.body).toBe(200);
  const responseId = mine.json().response.id as number;
  const byCode = new Map(
    framework.pillars.flatMap((pl) => pl.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
  );
  const answers: AnswerMap = {};
  for (let round = 0; round < 10; round++) {
    const todo = [...visibleQuestions(framework, 'department', answers)].filter((c) => !(c in answers));
    if (todo.length === 0) break;
    for (const code of todo) {
      const q = byCode.get(code) as Question;
      answers[code] = { value: (code in overrides ? overrides[code] : bestValue(q)) as never };
    }
  }
  await t.db
    .insertInto('answers')
    .values(
      Object.entries(answers).map(([code, a]) => ({
        response_id: responseId,
        question_code: code,
        value: JSON.stringify(a.value),
      })),
    )
    .execute();
  const needEvidence = Object.keys(answers).filter((c) => (byCode.get(c)?.evidence ?? 'none') !== 'none');
  await t.db
    .insertInto('evidence')
    .values(
      needEvidence.map((code) => ({
        id: randomUUID(),
        response_id: responseId,
        question_code: code,
        kind: 'url' as const,
        url: `https://agency.go.th/evidence/${code}`,
      })),
    )
    .execute();
  await t.db.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', responseId).execute();
  const res = await t.app.inject({ method: 'POST', url: `/api/responses/${responseId}/submit`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return responseId;
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  const imported = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  framework = imported.framework;
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: imported.row.id,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  cycleId = cycle.id;
});
afterAll(async () => t?.close());

const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
const post = (url: string, who: SignedIn, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload }) });
const verification = (id: number, code: string, who: SignedIn, payload: object) =>
  post(`/api/review/responses/${id}/answers/${code}/verification`, who, payload);

async function auditRows(action: string, entityId?: string) {
  let q = t.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.orderBy('id').execute();
}

describe('analyst workspace', () => {
  let responseId: number;

  beforeAll(async () => {
    responseId = await submitComplete(p.respondentA, {
      OD_USER_SURVEY: 'no',
      OD_USER_SURVEY_REASON: { choice: 'other', other: OTHER_TEXT },
    });
    // Agency B has started but not submitted.
    await get(`/api/cycles/${cycleId}/my-response`, p.respondentB);
  });

  it('lists the submitted response in the queue with pending claims and levels', async () => {
    const res = await get(`/api/review/cycles/${cycleId}/queue?status=submitted`, p.analyst);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    const item = body.items[0];
    expect(item).toMatchObject({ responseId, agencyId: p.agencyA, status: 'submitted', round: 1 });
    expect(item.claims.total).toBeGreaterThan(10);
    expect(item.claims.pending).toBe(item.claims.total);
    expect(item.selfOverall).toBe(5);
    expect(body.progress.submitted).toBe(1);
    expect(body.progress.not_started + body.progress.in_progress).toBeGreaterThanOrEqual(1);
    const search = await get(`/api/review/cycles/${cycleId}/queue?q=TB01`, p.analyst);
    expect(search.json().items).toHaveLength(0);
    const byCode = await get(`/api/review/cycles/${cycleId}/queue?q=TA01&track=department`, p.admin);
    expect(byCode.json().items).toHaveLength(1);
  });

  it('shows each claim with its question, answer and evidence link', async () => {
    const res = await get(`/api/review/responses/${responseId}`, p.analyst);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const claim = d.claims.find((c: { questionCode: string }) => c.questionCode === REJECT_CODE);
    expect(claim).toMatchObject({ pillarKey: 'P6', verification: 'self_reported', value: 'yes' });
    expect(claim.text.th.length).toBeGreaterThan(0);
    expect(claim.evidence[0].href).toBe(`https://agency.go.th/evidence/${REJECT_CODE}`);
    expect(claim.criteria.some((c: { required: boolean }) => c.required)).toBe(true);
    // A "no" claims no practice.
    expect(d.claims.find((c: { questionCode: string }) => c.questionCode === 'OD_USER_SURVEY')).toBeUndefined();
    expect(d.levels.verified.find((l: { key: string }) => l.key === 'P6').level).toBe(5);
    expect(d.levels.snapshot).toMatchObject({ revision: 1, reason: 'submission', published: false });
  });

  it('rejecting a required claim lowers the verified pillar level at once; the response shows it', async () => {
    const missingReason = await verification(responseId, REJECT_CODE, p.analyst, { state: 'rejected' });
    expect(missingReason.statusCode).toBe(400);

    const res = await verification(responseId, REJECT_CODE, p.analyst, {
      state: 'rejected',
      reasonCode: 'evidence_no_action',
      comment: 'เอกสารเป็นร่างนโยบาย ยังไม่ได้รับการรับรองมาตรฐาน',
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.changed).toEqual([{ pillarKey: 'P6', number: 6, from: 5, to: 3 }]);
    expect(r.before.find((l: { key: string }) => l.key === 'P6').level).toBe(5);
    expect(r.after.find((l: { key: string }) => l.key === 'P6').level).toBe(3);
    expect(r.snapshotRevision).toBe(2);
    expect(r.correction).toBe(false);

    const d = (await get(`/api/review/responses/${responseId}`, p.analyst)).json();
    const claim = d.claims.find((c: { questionCode: string }) => c.questionCode === REJECT_CODE);
    expect(claim).toMatchObject({ verification: 'rejected', verificationReason: 'evidence_no_action' });
    expect(claim.verifiedBy.name).toBe('analyst');
    expect(d.levels.verified.find((l: { key: string }) => l.key === 'P6').level).toBe(3);
    expect(d.levels.self.find((l: { key: string }) => l.key === 'P6').level).toBe(5);
    expect(d.levels.snapshot).toMatchObject({ revision: 2, reason: 'verification' });

    const snap = await t.db
      .selectFrom('result_snapshots')
      .selectAll()
      .where('response_id', '=', responseId)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    expect(snap.reason).toBe('verification');
    const ev = await t.db
      .selectFrom('evidence')
      .select('verification')
      .where('response_id', '=', responseId)
      .where('question_code', '=', REJECT_CODE)
      .executeTakeFirstOrThrow();
    expect(ev.verification).toBe('rejected');

    // Respondents read the verified answer state through their own endpoint too.
    const mine = (await get(`/api/responses/${responseId}`, p.respondentA)).json();
    expect(mine.answers.find((a: { questionCode: string }) => a.questionCode === REJECT_CODE)).toMatchObject({
      verification: 'rejected',
      verificationReason: 'evidence_no_action',
    });

    const [row] = await auditRows('answer.verification', `${responseId}:${REJECT_CODE}`);
    expect(row?.before).toMatchObject({ verification: 'self_reported' });
    expect(row?.after).toMatchObject({ verification: 'rejected', reason: 'evidence_no_action' });
  });

  it('verifying a claim leaves the levels as they are', async () => {
    const res = await verification(responseId, VERIFY_CODE, p.analyst, { state: 'verified' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed).toEqual([]);
    expect(res.json().before).toEqual(res.json().after);
    const q = (await get(`/api/review/cycles/${cycleId}/queue`, p.analyst)).json();
    expect(q.items[0].claims).toMatchObject({ verified: 1, rejected: 1 });
    const [row] = await auditRows('answer.verification', `${responseId}:${VERIFY_CODE}`);
    expect(row?.before).toMatchObject({ verification: 'self_reported' });
    expect(row?.after).toMatchObject({ verification: 'verified' });
  });

  it('refuses verification of a response that has not been submitted (409)', async () => {
    const b = (await get(`/api/cycles/${cycleId}/my-response`, p.respondentB)).json().response.id;
    await t.db
      .insertInto('answers')
      .values({ response_id: b, question_code: VERIFY_CODE, value: JSON.stringify('yes') })
      .execute();
    const res = await verification(b, VERIFY_CODE, p.analyst, { state: 'verified' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
  });

  it('analysts cannot change answers; respondents and viewers cannot use review routes', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/responses/${responseId}/answers/${REJECT_CODE}`,
      headers: p.analyst.headers,
      payload: { value: 'no', notApplicable: null, baseRevision: 1, idempotencyKey: randomUUID() },
    });
    expect(put.statusCode).toBe(403);
    for (const who of [p.respondentA, p.viewerA]) {
      expect((await get(`/api/review/cycles/${cycleId}/queue`, who)).statusCode).toBe(403);
      expect((await get(`/api/review/responses/${responseId}`, who)).statusCode).toBe(403);
      expect((await verification(responseId, REJECT_CODE, who, { state: 'verified' })).statusCode).toBe(403);
      expect(
        (
          await post(`/api/review/responses/${responseId}/return`, who, {
            comments: [{ questionCode: null, comment: 'x' }],
          })
        ).statusCode,
      ).toBe(403);
      expect((await post(`/api/review/responses/${responseId}/accept`, who, {})).statusCode).toBe(403);
    }
  });

  it('returns the response; the respondent sees the comments, fixes, resubmits as round 2; rounds are kept', async () => {
    const empty = await post(`/api/review/responses/${responseId}/return`, p.analyst, { comments: [] });
    expect(empty.statusCode).toBe(400);
    const res = await post(`/api/review/responses/${responseId}/return`, p.analyst, {
      comments: [
        { questionCode: REJECT_CODE, comment: 'กรุณาแนบใบรับรอง ISO/IEC 27001 ที่ยังไม่หมดอายุ' },
        { questionCode: null, comment: 'โปรดตรวจทานคำตอบมิติที่ 6 อีกครั้ง' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().response).toMatchObject({ status: 'returned', round: 2 });

    const mine = (await get(`/api/cycles/${cycleId}/my-response`, p.respondentA)).json();
    expect(mine.response).toMatchObject({ status: 'returned', round: 2, editable: true });
    expect(mine.comments).toHaveLength(2);
    expect(mine.comments[0]).toMatchObject({ round: 1, questionCode: REJECT_CODE });
    expect(mine.comments[0].comment).toContain('ISO/IEC 27001');

    // Returning again while it is with the agency is refused.
    const again = await post(`/api/review/responses/${responseId}/return`, p.analyst, {
      comments: [{ questionCode: null, comment: 'x' }],
    });
    expect(again.statusCode).toBe(409);

    // The fix: a valid certificate as new evidence.
    const link = await post(`/api/responses/${responseId}/evidence-url`, p.respondentA, {
      questionCode: REJECT_CODE,
      url: 'https://agency.go.th/evidence/iso27001-certificate-2566.pdf',
    });
    expect(link.statusCode, link.body).toBe(201);
    const resubmit = await post(`/api/responses/${responseId}/submit`, p.respondentA);
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    expect(resubmit.json().response).toMatchObject({ status: 'submitted', round: 2 });

    const detail = (await get(`/api/review/responses/${responseId}`, p.analyst)).json();
    expect(detail.comments.map((c: { round: number }) => c.round)).toEqual([1, 1]);
    const snaps = await t.db
      .selectFrom('result_snapshots')
      .select(['revision', 'reason'])
      .where('response_id', '=', responseId)
      .orderBy('revision')
      .execute();
    expect(snaps.map((s) => s.reason)).toEqual(['submission', 'verification', 'verification', 'submission']);
    const [row] = await auditRows('response.return', String(responseId));
    expect(row?.before).toMatchObject({ status: 'submitted', round: 1 });
    expect(row?.after).toMatchObject({ status: 'returned', round: 2 });

    // The analyst checks the new evidence and verifies it: the level comes back.
    const ok = await verification(responseId, REJECT_CODE, p.analyst, { state: 'verified' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().changed).toEqual([{ pillarKey: 'P6', number: 6, from: 3, to: 5 }]);
  });

  it('accepts only when every claim is checked, or with explicit acceptance of the rest', async () => {
    const blocked = await post(`/api/review/responses/${responseId}/accept`, p.analyst, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.details.pending.length).toBeGreaterThan(0);
    const res = await post(`/api/review/responses/${responseId}/accept`, p.analyst, { acceptPending: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().response.status).toBe('verified');
    const [row] = await auditRows('response.accept', String(responseId));
    expect(row?.before).toMatchObject({ status: 'submitted' });
    expect(row?.after).toMatchObject({ status: 'verified' });
    const q = (await get(`/api/review/cycles/${cycleId}/queue?status=verified`, p.analyst)).json();
    expect(q.items.map((i: { responseId: number }) => i.responseId)).toEqual([responseId]);
  });

  it('codes "other" reasons: the category is set and the original text stays', async () => {
    const list = await get(`/api/review/cycles/${cycleId}/coding?questionCode=OD_USER_SURVEY_REASON`, p.analyst);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ responseId, text: OTHER_TEXT, codedCategory: null })]);
    const cats = list.json().categories.map((c: { code: string }) => c.code);
    expect(cats).toContain('evidence_no_action');
    expect(cats).not.toContain('other');

    const dup = await post(`/api/review/cycles/${cycleId}/categories`, p.analyst, {
      questionCode: 'OD_USER_SURVEY_REASON',
      code: 'internal_meeting',
      labelTh: 'ซ้ำ',
      labelEn: 'Duplicate',
    });
    expect(dup.statusCode).toBe(409);
    const created = await post(`/api/review/cycles/${cycleId}/categories`, p.analyst, {
      questionCode: 'OD_USER_SURVEY_REASON',
      code: 'private_sector_meeting',
      labelTh: 'ประชุมร่วมกับภาคเอกชน',
      labelEn: 'Meeting with the private sector',
    });
    expect(created.statusCode, created.body).toBe(201);
    const listed = (
      await get(`/api/review/cycles/${cycleId}/categories?questionCode=OD_USER_SURVEY_REASON`, p.analyst)
    ).json();
    expect(listed).toContainEqual(expect.objectContaining({ code: 'private_sector_meeting', source: 'custom' }));

    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/review/responses/${responseId}/answers/OD_USER_SURVEY_REASON/coding`,
      headers: p.analyst.headers,
      payload: { category: 'no_such_category' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/review/responses/${responseId}/answers/OD_USER_SURVEY_REASON/coding`,
      headers: p.analyst.headers,
      payload: { category: 'private_sector_meeting' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db
      .selectFrom('answers')
      .select(['coded_category', 'value'])
      .where('response_id', '=', responseId)
      .where('question_code', '=', 'OD_USER_SURVEY_REASON')
      .executeTakeFirstOrThrow();
    expect(row.coded_category).toBe('private_sector_meeting');
    expect(row.value).toEqual({ choice: 'other', other: OTHER_TEXT });
    const [audit] = await auditRows('answer.coding', `${responseId}:OD_USER_SURVEY_REASON`);
    expect(audit?.before).toMatchObject({ codedCategory: null });
    expect(audit?.after).toMatchObject({ codedCategory: 'private_sector_meeting' });
    const [catAudit] = await auditRows('reason_category.create');
    expect(catAudit?.after).toMatchObject({ code: 'private_sector_meeting' });
  });

  it('after publication a rejection is a new published revision with a correction entry; the old one stays', async () => {
    // Close and publish through the administrator's API, as in production.
    const patch = (status: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/admin/cycles/${cycleId}`,
        headers: p.admin.headers,
        payload: { status },
      });
    expect((await patch('published')).statusCode).toBe(409); // an open cycle must be closed first
    const closed = await patch('closed');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const published = await patch('published');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const [publishAudit] = await auditRows('cycle.publish', String(cycleId));
    expect(publishAudit?.before).toMatchObject({ status: 'closed' });
    expect(publishAudit?.after).toMatchObject({ status: 'published' });

    // Frozen: every current result of the cycle is published, and the agency cannot edit any more.
    const current = await t.db
      .selectFrom('result_snapshots')
      .select(['response_id', 'published'])
      .where('cycle_id', '=', cycleId)
      .where('is_current', '=', true)
      .execute();
    expect(current.length).toBeGreaterThan(0);
    expect(current.every((s) => s.published)).toBe(true);
    const old = await t.db
      .selectFrom('result_snapshots')
      .selectAll()
      .where('response_id', '=', responseId)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    const mine = (await get(`/api/cycles/${cycleId}/my-response`, p.respondentA)).json();
    expect(mine.response.editable).toBe(false);
    expect((await patch('closed')).statusCode).toBe(409); // publication is final

    // A published cycle cannot be returned to the agency any more.
    const ret = await post(`/api/review/responses/${responseId}/return`, p.analyst, {
      comments: [{ questionCode: null, comment: 'x' }],
    });
    expect(ret.statusCode).toBe(409);

    const res = await verification(responseId, REJECT_CODE, p.analyst, {
      state: 'rejected',
      reasonCode: 'evidence_outdated',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ correction: true, snapshotRevision: old.revision + 1 });
    expect(res.json().changed).toEqual([{ pillarKey: 'P6', number: 6, from: 5, to: 3 }]);

    const snaps = await t.db
      .selectFrom('result_snapshots')
      .select(['id', 'revision', 'reason', 'published', 'is_current'])
      .where('response_id', '=', responseId)
      .orderBy('revision')
      .execute();
    const prev = snaps.find((s) => s.id === old.id);
    expect(prev).toMatchObject({ published: true, is_current: false, revision: old.revision });
    const after = snaps.find((s) => s.is_current);
    expect(after).toMatchObject({ reason: 'correction', published: true, revision: old.revision + 1 });
    expect(snaps.filter((s) => s.is_current)).toHaveLength(1);

    const [corr] = await auditRows('result.correction', String(after?.id));
    expect(corr?.before).toMatchObject({ revision: old.revision, snapshotId: String(old.id) });
    expect(corr?.after).toMatchObject({ revision: old.revision + 1 });
    expect((corr?.after as { pillars: { key: string; level: number }[] } | undefined)?.pillars).toContainEqual({
      key: 'P6',
      level: 3,
    });
  });
});
