import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgency, type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { openCycleWithResponse } from '../support/open-cycle';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Dashboards are counted once per data version (analytics.cache.ts, migration 0032) and served
 * from memory until something they count changes: these tests change the data the way the app and
 * scripts do and expect the next read to show it, and expect an ordinary autosave not to recount.
 */

let t: TestApp;
let p: Personas;
let cycleId: number;
let responseId: number;

const version = async () =>
  String(
    (await t.db.selectFrom('analytics_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow())
      .version,
  );

const get = async (who: SignedIn, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const save = (value: number, baseRevision: number) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/responses/${responseId}/answers/SKILL_TRAINING_HOURS`,
    headers: p.respondentA.headers,
    payload: { value, notApplicable: null, baseRevision, idempotencyKey: randomUUID() },
  });

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  ({ cycleId, responseId } = await openCycleWithResponse(t, p.respondentA));
  for (const agencyId of [p.agencyA, p.agencyB]) {
    await t.db
      .insertInto('cycle_agencies')
      .values({ cycle_id: cycleId, agency_id: agencyId })
      .onConflict((c) => c.doNothing())
      .execute();
  }
});
afterAll(async () => t.close());

describe('dashboard aggregates cached per data version', () => {
  it('shows a response started by its first save on the next read, and an ordinary save does not recount', async () => {
    const rates = `/api/analytics/cycles/${cycleId}/response-rates`;
    const before = await get(p.analyst, rates);
    expect(before.overall.invited).toBe(2);
    expect(before.overall.started.numerator).toBe(0);
    // Served again unchanged while nothing moved.
    expect(await get(p.analyst, rates)).toEqual(before);

    const first = await save(3, 0);
    expect(first.statusCode, first.body).toBe(200);
    const after = await get(p.analyst, rates);
    expect(after.overall.started.numerator).toBe(1);

    // Saving again changes an answer, not what the dashboards count: the version stays put.
    const v = await version();
    const second = await save(4, first.json().revision);
    expect(second.statusCode, second.body).toBe(200);
    expect(await version()).toBe(v);
    expect(await get(p.analyst, rates)).toEqual(after);
  });

  it('shows a new result snapshot and a changed agency attribute on the next read of levels and year over year', async () => {
    const levels = `/api/analytics/cycles/${cycleId}/levels?basis=self`;
    const yoy = `/api/analytics/cycles/${cycleId}/year-over-year?basis=self`;
    const l0 = await get(p.analyst, levels);
    const y0 = await get(p.analyst, yoy);
    expect(l0.denominator).toBe(0);

    // A submitted response with its result, written straight to the database (as an import would).
    const r = await t.db
      .insertInto('responses')
      .values({ cycle_id: cycleId, agency_id: p.agencyB, status: 'submitted', submitted_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('result_snapshots')
      .values({
        response_id: r.id,
        cycle_id: cycleId,
        agency_id: p.agencyB,
        reason: 'test',
        revision: 1,
        self_overall: 3,
        verified_overall: 3,
        self_result: '{}',
        verified_result: '{}',
        engine_version: 'test',
        framework_hash: 'test',
      })
      .execute();
    const l1 = await get(p.analyst, levels);
    expect(l1.denominator).toBe(1);
    expect(l1.overall.levels.find((x: { level: number }) => x.level === 3)?.count).toBe(1);
    const y1 = await get(p.analyst, yoy);
    expect(y1).not.toEqual(y0);
    expect(y1.overall.current.denominator).toBe(1);

    // Segments follow the agencies' attributes: moving B to the province track empties the department segment.
    const dept = `/api/analytics/cycles/${cycleId}/levels?basis=self&track=department`;
    expect((await get(p.analyst, dept)).denominator).toBe(1);
    await t.db.updateTable('agencies').set({ track: 'province' }).where('id', '=', p.agencyB).execute();
    expect((await get(p.analyst, dept)).denominator).toBe(0);
  });

  // Two connections at once: PostgreSQL only (the embedded database has one).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'moves the version at commit, so writers locking responses in opposite orders do not deadlock on it',
    { timeout: 60_000 },
    async () => {
      const ids: number[] = [];
      for (const code of ['AV1', 'AV2']) {
        const ag = await insertAgency(t.db, code);
        const r = await t.db
          .insertInto('responses')
          .values({ cycle_id: cycleId, agency_id: ag.id })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(r.id);
      }
      const [a, b] = ids as [number, number];
      const v0 = Number(await version());
      let bLocked!: () => void;
      const locked = new Promise<void>((r) => {
        bLocked = r;
      });
      // A status change of A then B (a review action on two responses), against a save batch that
      // starts B: with the counter moved at once, the first would hold it while waiting for B and
      // the second would hold B while waiting for it.
      const first = t.db.transaction().execute(async (trx) => {
        await trx.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', a).execute();
        await Promise.race([locked, new Promise((r) => setTimeout(r, 1000))]);
        await trx.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', b).execute();
      });
      const second = t.db.transaction().execute(async (trx) => {
        await new Promise((r) => setTimeout(r, 200));
        await trx.updateTable('responses').set({ started_at: new Date() }).where('id', '=', b).execute();
        bLocked();
        await new Promise((r) => setTimeout(r, 300));
      });
      const outcome = await Promise.allSettled([first, second]);
      expect(outcome.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok']);
      // One move per transaction, however many rows it changed.
      expect(Number(await version())).toBe(v0 + 2);
    },
  );
});
