import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import type { Framework } from '../../shared/src/schemas/framework';
import { storeCompleteResponse } from '../support/complete-response';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Per-piece verification. CYBER_STANDARD (a required criterion of pillar 6) carries two pieces of
 * evidence: the answer is verified while one of them is, rejected once none is, and the agency's
 * verified P6 level follows (5 when the claim holds, 3 when it is rejected).
 */
const CODE = 'CYBER_STANDARD';
const DRAFT = `https://agency.go.th/evidence/${CODE}`;
const CERT = 'https://agency.go.th/evidence/iso27001-certificate-2566.pdf';
const DAY = 86_400_000;

let t: TestApp;
let p: Personas;
let cycleId: number;
let responseId: number;
let otherResponseId: number;
let framework: Framework;
const piece: Record<'draft' | 'cert', string> = { draft: '', cert: '' };

const get = (url: string, who: SignedIn) => t.app.inject({ method: 'GET', url, headers: who.headers });
const post = (url: string, who: SignedIn, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload }) });
const decideOn = (evidenceId: string, payload: object, who: SignedIn = p.analyst, id = responseId) =>
  post(`/api/review/responses/${id}/evidence/${evidenceId}/verification`, who, payload);

async function answerState() {
  return t.db
    .selectFrom('answers')
    .select(['verification', 'verification_reason', 'verification_comment', 'verified_by'])
    .where('response_id', '=', responseId)
    .where('question_code', '=', CODE)
    .executeTakeFirstOrThrow();
}

async function pieceStates() {
  const rows = await t.db
    .selectFrom('evidence')
    .select(['url', 'verification', 'verification_reason'])
    .where('response_id', '=', responseId)
    .where('question_code', '=', CODE)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.url === CERT ? 'cert' : 'draft', r.verification]));
}

const auditOf = (evidenceId: string) =>
  t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'evidence.verification')
    .where('entity_id', '=', evidenceId)
    .orderBy('id')
    .execute();

async function submitComplete(who: SignedIn, extra: Record<string, string[]> = {}) {
  const mine = await get(`/api/cycles/${cycleId}/my-response`, who);
  const id = mine.json().response.id as number;
  await storeCompleteResponse(t.db, framework, id, extra);
  const res = await post(`/api/responses/${id}/submit`, who);
  expect(res.statusCode, res.body).toBe(200);
  return id;
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
  responseId = await submitComplete(p.respondentA, { [CODE]: [CERT] });
  otherResponseId = await submitComplete(p.respondentB);
  const rows = await t.db
    .selectFrom('evidence')
    .select(['id', 'url'])
    .where('response_id', '=', responseId)
    .where('question_code', '=', CODE)
    .execute();
  piece.draft = rows.find((r) => r.url === DRAFT)?.id ?? '';
  piece.cert = rows.find((r) => r.url === CERT)?.id ?? '';
});
afterAll(async () => t?.close());

describe('verification of each piece of evidence', () => {
  it('lists each piece with its own state under the claim', async () => {
    const d = (await get(`/api/review/responses/${responseId}`, p.analyst)).json();
    const claim = d.claims.find((c: { questionCode: string }) => c.questionCode === CODE);
    expect(claim.verification).toBe('self_reported');
    expect(claim.evidence).toHaveLength(2);
    for (const e of claim.evidence) {
      expect(e).toMatchObject({ verification: 'self_reported', verificationReason: null, verifiedAt: null });
    }
  });

  it('rejecting a piece rejects the answer while no verified piece remains; the level drops at once', async () => {
    const noReason = await decideOn(piece.draft, { state: 'rejected' });
    expect(noReason.statusCode).toBe(400);

    const res = await decideOn(piece.draft, {
      state: 'rejected',
      reasonCode: 'evidence_no_action',
      comment: 'เป็นเพียงร่างนโยบาย',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      questionCode: CODE,
      evidenceId: piece.draft,
      verification: 'rejected',
      changed: [{ pillarKey: 'P6', number: 6, from: 5, to: 3 }],
      correction: false,
    });
    expect(await pieceStates()).toEqual({ draft: 'rejected', cert: 'self_reported' });
    expect(await answerState()).toMatchObject({
      verification: 'rejected',
      verification_reason: 'evidence_no_action',
      verification_comment: 'เป็นเพียงร่างนโยบาย',
    });
    const snap = await t.db
      .selectFrom('result_snapshots')
      .select(['reason', 'verified_overall'])
      .where('response_id', '=', responseId)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    expect(snap.reason).toBe('verification');

    const d = (await get(`/api/review/responses/${responseId}`, p.analyst)).json();
    const claim = d.claims.find((c: { questionCode: string }) => c.questionCode === CODE);
    expect(claim.verification).toBe('rejected');
    const draft = claim.evidence.find((e: { id: string }) => e.id === piece.draft);
    expect(draft).toMatchObject({ verification: 'rejected', verificationReason: 'evidence_no_action' });
    expect(draft.verifiedAt).toEqual(expect.any(String));
    expect(d.levels.verified.find((l: { key: string }) => l.key === 'P6').level).toBe(3);

    const [row] = await auditOf(piece.draft);
    expect(row?.entity_type).toBe('evidence');
    expect(row?.before).toMatchObject({
      verification: 'self_reported',
      answer: { verification: 'self_reported' },
      pillars: expect.arrayContaining([{ key: 'P6', level: 5 }]),
    });
    expect(row?.after).toMatchObject({
      verification: 'rejected',
      reason: 'evidence_no_action',
      answer: { verification: 'rejected', reason: 'evidence_no_action' },
      pillars: expect.arrayContaining([{ key: 'P6', level: 3 }]),
    });
    expect(row?.meta).toMatchObject({ responseId, questionCode: CODE, evidence: DRAFT });
  });

  it('verifying another piece verifies the answer even with a rejected piece beside it', async () => {
    const res = await decideOn(piece.cert, { state: 'verified', comment: 'ใบรับรองยังไม่หมดอายุ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      verification: 'verified',
      changed: [{ pillarKey: 'P6', number: 6, from: 3, to: 5 }],
    });
    expect(await pieceStates()).toEqual({ draft: 'rejected', cert: 'verified' });
    expect(await answerState()).toMatchObject({
      verification: 'verified',
      verification_reason: null,
      verification_comment: 'ใบรับรองยังไม่หมดอายุ',
      verified_by: expect.any(Number),
    });
    const [row] = await auditOf(piece.cert);
    expect(row?.before).toMatchObject({ verification: 'self_reported', answer: { verification: 'rejected' } });
    expect(row?.after).toMatchObject({ verification: 'verified', answer: { verification: 'verified' } });
  });

  it('rejecting the last verified piece rejects the answer again', async () => {
    const res = await decideOn(piece.cert, { state: 'rejected', reasonCode: 'evidence_outdated' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      verification: 'rejected',
      changed: [{ pillarKey: 'P6', number: 6, from: 5, to: 3 }],
    });
    expect(await pieceStates()).toEqual({ draft: 'rejected', cert: 'rejected' });
    // The latest rejection gives the answer its reason.
    expect(await answerState()).toMatchObject({ verification: 'rejected', verification_reason: 'evidence_outdated' });
    const rows = await auditOf(piece.cert);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.before).toMatchObject({ verification: 'verified', answer: { verification: 'verified' } });
    expect(rows[1]?.after).toMatchObject({ verification: 'rejected', answer: { verification: 'rejected' } });
  });

  it('undoing both decisions leaves the answer unchecked', async () => {
    for (const id of [piece.draft, piece.cert]) {
      expect((await decideOn(id, { state: 'self_reported' })).statusCode).toBe(200);
    }
    expect(await pieceStates()).toEqual({ draft: 'self_reported', cert: 'self_reported' });
    expect(await answerState()).toMatchObject({ verification: 'self_reported', verified_by: null });
  });

  it('a decision on the whole answer still covers every piece', async () => {
    const res = await post(`/api/review/responses/${responseId}/answers/${CODE}/verification`, p.analyst, {
      state: 'verified',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evidenceId).toBeUndefined();
    expect(await pieceStates()).toEqual({ draft: 'verified', cert: 'verified' });
    const d = (await get(`/api/review/responses/${responseId}`, p.analyst)).json();
    const claim = d.claims.find((c: { questionCode: string }) => c.questionCode === CODE);
    expect(claim.evidence.every((e: { verifiedAt: string | null }) => e.verifiedAt !== null)).toBe(true);
  });

  it('refuses pieces of another response, unknown pieces and non-analysts', async () => {
    const theirs = await t.db
      .selectFrom('evidence')
      .select('id')
      .where('response_id', '=', otherResponseId)
      .executeTakeFirstOrThrow();
    expect((await decideOn(theirs.id, { state: 'verified' })).statusCode).toBe(404);
    expect((await decideOn(randomUUID(), { state: 'verified' })).statusCode).toBe(404);
    expect((await decideOn('not-a-uuid', { state: 'verified' })).statusCode).toBe(400);
    for (const who of [p.respondentA, p.viewerA]) {
      expect((await decideOn(piece.draft, { state: 'verified' }, who)).statusCode).toBe(403);
    }
    const untouched = await t.db.selectFrom('evidence').select('verification').where('id', '=', theirs.id).execute();
    expect(untouched).toEqual([{ verification: 'self_reported' }]);
  });

  it('after publication a rejected piece is a recorded correction', async () => {
    for (const status of ['closed', 'published']) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/cycles/${cycleId}`,
        headers: p.admin.headers,
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const old = await t.db
      .selectFrom('result_snapshots')
      .select(['id', 'revision', 'published'])
      .where('response_id', '=', responseId)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    expect(old.published).toBe(true);

    // One of two verified pieces rejected: the claim still holds, but the change is recorded.
    const one = await decideOn(piece.draft, { state: 'rejected', reasonCode: 'evidence_mismatch' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ verification: 'verified', changed: [], correction: true });
    const two = await decideOn(piece.cert, { state: 'rejected', reasonCode: 'evidence_outdated' });
    expect(two.json()).toMatchObject({
      verification: 'rejected',
      changed: [{ pillarKey: 'P6', number: 6, from: 5, to: 3 }],
      correction: true,
      snapshotRevision: old.revision + 2,
    });
    const current = await t.db
      .selectFrom('result_snapshots')
      .select(['id', 'reason', 'published'])
      .where('response_id', '=', responseId)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow();
    expect(current).toMatchObject({ reason: 'correction', published: true });
    const stillThere = await t.db.selectFrom('result_snapshots').select('published').where('id', '=', old.id).execute();
    expect(stillThere).toEqual([{ published: true }]);
    const [corr] = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'result.correction')
      .where('entity_id', '=', String(current.id))
      .execute();
    expect(corr?.meta).toMatchObject({ evidenceId: piece.cert, verification: 'rejected', reason: 'evidence_outdated' });
    expect(corr?.after).toMatchObject({ pillars: expect.arrayContaining([{ key: 'P6', level: 3 }]) });
  });
});
