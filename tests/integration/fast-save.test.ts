import { randomUUID } from 'node:crypto';
import type { Role } from '@dg/shared/schemas/auth';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import type { Actor } from '../../server/src/modules/responses/actor';
import { saveAnswer } from '../../server/src/modules/responses/save-answer';
import { runNow, type Slot } from '../../server/src/modules/responses/save-batcher';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The one-statement autosave (server/src/modules/responses/fast-save.ts) must refuse exactly what
 * the transactional path refuses. Every case first saves once, so the response is known and the
 * next save takes the fast path; the refusal then has to come from the statement's own conditions.
 */
const DAY = 86_400_000;
let t: TestApp;
let p: Personas;
let cycleId: number;

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  cycleId = (
    await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'การสำรวจ 2566',
        name_en: 'Survey 2023',
        framework_id: row.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t.close());

const save = (
  who: SignedIn,
  responseId: number,
  code: string,
  value: unknown,
  baseRevision: number,
  key = randomUUID(),
) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/responses/${responseId}/answers/${code}`,
    headers: who.headers,
    payload: { value, notApplicable: null, baseRevision, idempotencyKey: key },
  });

async function responseOf(who: SignedIn): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/my-response`, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().response.id;
}

const stored = (responseId: number, code: string) =>
  t.db
    .selectFrom('answers')
    .select(['value', 'revision'])
    .where('response_id', '=', responseId)
    .where('question_code', '=', code)
    .executeTakeFirst();

const auditCount = async (responseId: number, code: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'answer.save')
      .where('entity_id', '=', `${responseId}:${code}`)
      .executeTakeFirstOrThrow()
  ).n;

describe('one-statement autosave', () => {
  it('saves, replays a retry without a second change, and answers a stale revision with 409', async () => {
    const id = await responseOf(p.respondentA);
    expect((await save(p.respondentA, id, 'DG_DATASET_COUNT', 10, 0)).statusCode).toBe(200);
    const key = randomUUID();
    const first = await save(p.respondentA, id, 'DG_DATASET_COUNT', 11, 1, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ revision: 2, replayed: false });
    const retry = await save(p.respondentA, id, 'DG_DATASET_COUNT', 11, 1, key);
    expect(retry.json()).toMatchObject({ revision: 2, replayed: true });
    expect(await stored(id, 'DG_DATASET_COUNT')).toMatchObject({ value: 11, revision: 2 });
    expect(Number(await auditCount(id, 'DG_DATASET_COUNT'))).toBe(2);

    const stale = await save(p.respondentA, id, 'DG_DATASET_COUNT', 12, 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ value: 11, revision: 2 });
  });

  it('lets exactly one of many concurrent saves on the same base revision win', async () => {
    const id = await responseOf(p.respondentA);
    const first = await save(p.respondentA, id, 'SKILL_TRAINING_HOURS', 1, 0);
    expect(first.statusCode, first.body).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => save(p.respondentA, id, 'SKILL_TRAINING_HOURS', 100 + i, 1)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(11);
    const winner = results.findIndex((r) => r.statusCode === 200);
    expect(await stored(id, 'SKILL_TRAINING_HOURS')).toMatchObject({ revision: 2, value: 100 + winner });
    expect(Number(await auditCount(id, 'SKILL_TRAINING_HOURS'))).toBe(2);
  });

  it('refuses once the deadline passes, the response is submitted, or the caller is of another agency', async () => {
    const id = await responseOf(p.respondentA);
    const code = 'POL_DIGITAL_BUDGET_SHARE';
    expect((await save(p.respondentA, id, code, 50, 0)).statusCode).toBe(200);

    await t.db
      .updateTable('cycles')
      .set({ closes_at: new Date(Date.now() - 60_000) })
      .where('id', '=', cycleId)
      .execute();
    const late = await save(p.respondentA, id, code, 60, 1);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('DEADLINE_PASSED');
    await t.db
      .updateTable('cycles')
      .set({ closes_at: new Date(Date.now() + 30 * DAY) })
      .where('id', '=', cycleId)
      .execute();

    expect((await save(p.respondentB, id, code, 70, 1)).statusCode).toBe(403);

    await t.db.updateTable('responses').set({ status: 'submitted' }).where('id', '=', id).execute();
    const readOnly = await save(p.respondentA, id, code, 80, 1);
    expect(readOnly.json().error.code).toBe('INVALID_STATE');
    await t.db.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', id).execute();

    expect(await stored(id, code)).toMatchObject({ value: 50, revision: 1 });
    expect(Number(await auditCount(id, code))).toBe(1);
  });

  it('resets the analyst decision on the answer and on each piece of its evidence when the answer changes', async () => {
    const id = await responseOf(p.respondentA);
    const code = 'DG_STATUS';
    const first = await save(p.respondentA, id, code, 'in_operation', 0);
    expect(first.statusCode, first.body).toBe(200);
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${id}/evidence-url`,
      headers: p.respondentA.headers,
      payload: { questionCode: code, url: 'https://agency.go.th/plan.pdf' },
    });
    expect(link.statusCode, link.body).toBe(201);
    await t.db
      .updateTable('answers')
      .set({ verification: 'verified' })
      .where('response_id', '=', id)
      .where('question_code', '=', code)
      .execute();
    await t.db
      .updateTable('evidence')
      .set({ verification: 'verified', verification_comment: 'checked' })
      .where('response_id', '=', id)
      .execute();

    // The same value again is not a change: the decisions stay.
    expect((await save(p.respondentA, id, code, 'in_operation', 1)).statusCode).toBe(200);
    const piece = () =>
      t.db
        .selectFrom('evidence')
        .select(['verification', 'verification_comment'])
        .where('response_id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await piece()).toMatchObject({ verification: 'verified' });

    expect((await save(p.respondentA, id, code, 'list_only', 2)).statusCode).toBe(200);
    expect(await piece()).toEqual({ verification: 'self_reported', verification_comment: null });
    const answer = await t.db
      .selectFrom('answers')
      .select('verification')
      .where('response_id', '=', id)
      .where('question_code', '=', code)
      .executeTakeFirstOrThrow();
    expect(answer.verification).toBe('self_reported');
  });
});

describe('batched autosave', () => {
  /** A bulkhead of one slot that opens only when told, so the saves queued by then share a batch. */
  function gatedSlot() {
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const one = pLimit(1);
    const slot: Slot = (fn) => gate.then(() => one(fn));
    return { slot, open };
  }

  const actorOf = (who: SignedIn): Actor => {
    const c = t.app.jwt.decode<{ sub: string; email: string; role: Role; agencyId: number | null; sid: string }>(
      who.token,
    );
    if (!c) throw new Error('bad token');
    return {
      principal: { userId: Number(c.sub), email: c.email, role: c.role, agencyId: c.agencyId, sessionId: c.sid },
      ip: '10.0.0.1',
    };
  };

  const body = (value: number, baseRevision: number, idempotencyKey: string = randomUUID()) => ({
    value,
    notApplicable: null,
    baseRevision,
    idempotencyKey,
  });
  const outcome = <T>(p: Promise<T>) =>
    p.then(
      (ok) => ({ ok }),
      (err: unknown) => ({ err: err as { code?: string } }),
    );
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('writes waiting saves in one statement, each judged on its own', async () => {
    const a = actorOf(p.respondentA);
    const id = await responseOf(p.respondentA);
    // The response becomes known to the fast path; two answers exist before the batch.
    expect((await save(p.respondentA, id, 'SA_STAFF_TOTAL', 120, 0)).statusCode).toBe(200);
    const replayKey = randomUUID();
    const acknowledged = await saveAnswer(t.db, a, id, 'TX_TOTAL_THIS_YEAR', body(900, 0, replayKey), runNow);
    expect(acknowledged).toMatchObject({ revision: 1, replayed: false });

    const { slot, open } = gatedSlot();
    const inserted1 = outcome(saveAnswer(t.db, a, id, 'OD_DATASETS_PUBLISHED', body(5, 0), slot));
    const updated = outcome(saveAnswer(t.db, a, id, 'SA_STAFF_TOTAL', body(125, 1), slot));
    // Base revision 0 where an answer exists: a conflict for this save only.
    const stale = outcome(saveAnswer(t.db, a, id, 'TX_TOTAL_THIS_YEAR', body(950, 0), slot));
    const inserted2 = outcome(saveAnswer(t.db, a, id, 'SKILL_CERTIFIED_STAFF', body(7, 0), slot));
    // The retry of an acknowledged save (same answer as `stale`, so it waits for the next batch).
    const retry = outcome(saveAnswer(t.db, a, id, 'TX_TOTAL_THIS_YEAR', body(900, 0, replayKey), slot));
    await settle();
    open();

    expect(await inserted1).toMatchObject({ ok: { revision: 1, replayed: false } });
    expect(await updated).toMatchObject({ ok: { revision: 2, replayed: false } });
    expect(await stale).toMatchObject({ err: { code: 'STALE_REVISION' } });
    expect(await inserted2).toMatchObject({ ok: { revision: 1, replayed: false } });
    expect(await retry).toMatchObject({ ok: { revision: 1, replayed: true } });
    expect(await stored(id, 'OD_DATASETS_PUBLISHED')).toMatchObject({ value: 5, revision: 1 });
    expect(await stored(id, 'SA_STAFF_TOTAL')).toMatchObject({ value: 125, revision: 2 });
    expect(await stored(id, 'TX_TOTAL_THIS_YEAR')).toMatchObject({ value: 900, revision: 1 });

    // One transaction: the batch's three audit rows carry its single timestamp.
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'at'])
      .where('action', '=', 'answer.save')
      .where(
        'entity_id',
        'in',
        ['OD_DATASETS_PUBLISHED', 'SA_STAFF_TOTAL', 'SKILL_CERTIFIED_STAFF'].map((c) => `${id}:${c}`),
      )
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(rows.map((r) => r.entity_id).sort()).toEqual(
      ['OD_DATASETS_PUBLISHED', 'SA_STAFF_TOTAL', 'SKILL_CERTIFIED_STAFF'].map((c) => `${id}:${c}`),
    );
    expect(new Set(rows.map((r) => new Date(r.at).getTime())).size).toBe(1);
    expect(Number(await auditCount(id, 'TX_TOTAL_THIS_YEAR'))).toBe(1);
  });

  it('falls back to one save at a time when the batch statement fails, failing only the bad save', async () => {
    const a = actorOf(p.respondentA);
    const id = await responseOf(p.respondentA);
    expect((await save(p.respondentA, id, 'SA_STAFF_ASSESSED', 60, 0)).statusCode).toBe(200);
    const { slot, open } = gatedSlot();
    // Two answers under one idempotency key: the second record of the key fails the batch.
    const key = randomUUID();
    const first = outcome(saveAnswer(t.db, a, id, 'INFRA_CLOUD_SHARE', body(30, 0, key), slot));
    const second = outcome(saveAnswer(t.db, a, id, 'INFRA_OUTDATED_SHARE', body(12, 0, key), slot));
    const third = outcome(saveAnswer(t.db, a, id, 'SKILL_TRAINED_SHARE', body(3, 0), slot));
    await settle();
    open();
    expect(await first).toMatchObject({ ok: { revision: 1, replayed: false } });
    expect(await second).toMatchObject({ err: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await third).toMatchObject({ ok: { revision: 1, replayed: false } });
    expect(await stored(id, 'INFRA_CLOUD_SHARE')).toMatchObject({ value: 30, revision: 1 });
    expect(await stored(id, 'INFRA_OUTDATED_SHARE')).toBeUndefined();
  });

  it('refuses a reused idempotency key with another value in a batch, and replays a true retry', async () => {
    const a = actorOf(p.respondentA);
    const id = await responseOf(p.respondentA);
    const key = randomUUID();
    expect(await saveAnswer(t.db, a, id, 'TX_DIGITAL_THIS_YEAR', body(40, 0, key), runNow)).toMatchObject({
      revision: 1,
      replayed: false,
    });

    // One batch: the key again for another answer, a fresh save beside it.
    const batch1 = gatedSlot();
    const otherAnswer = outcome(saveAnswer(t.db, a, id, 'TX_DIGITAL_LAST_YEAR', body(40, 0, key), batch1.slot));
    const fresh1 = outcome(saveAnswer(t.db, a, id, 'TX_TOTAL_LAST_YEAR', body(100, 0), batch1.slot));
    await settle();
    batch1.open();
    expect(await otherAnswer).toMatchObject({ err: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await fresh1).toMatchObject({ ok: { revision: 1, replayed: false } });

    // Next batch: the key again for the same answer with a new value, and with a new base revision.
    const batch2 = gatedSlot();
    const newValue = outcome(saveAnswer(t.db, a, id, 'TX_DIGITAL_THIS_YEAR', body(41, 0, key), batch2.slot));
    const newBase = outcome(saveAnswer(t.db, a, id, 'SVC_CORE_COUNT', body(3, 0), batch2.slot));
    await settle();
    batch2.open();
    expect(await newValue).toMatchObject({ err: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await newBase).toMatchObject({ ok: { revision: 1 } });
    expect(await stored(id, 'TX_DIGITAL_THIS_YEAR')).toMatchObject({ value: 40, revision: 1 });
    expect(await stored(id, 'TX_DIGITAL_LAST_YEAR')).toBeUndefined();

    // The same request again, batched with another save: replayed, nothing written twice.
    const batch3 = gatedSlot();
    const retry = outcome(saveAnswer(t.db, a, id, 'TX_DIGITAL_THIS_YEAR', body(40, 0, key), batch3.slot));
    const fresh3 = outcome(saveAnswer(t.db, a, id, 'TX_TOTAL_LAST_YEAR', body(101, 1), batch3.slot));
    await settle();
    batch3.open();
    expect(await retry).toMatchObject({ ok: { revision: 1, replayed: true } });
    expect(await fresh3).toMatchObject({ ok: { revision: 2, replayed: false } });
    expect(Number(await auditCount(id, 'TX_DIGITAL_THIS_YEAR'))).toBe(1);
  });
});
