import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { buildApp } from '../../server/src/app';
import { type DatabaseHandle, openDatabase, pgPoolOf } from '../../server/src/db/database';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Limits fit how people work: a ministry office behind one NAT address is twenty people, each
 * typing (an autosave every pause) and polling, and each is counted as a USER; counts are shared
 * by every app server through the database, so one user flooding two servers is still refused.
 * Two apps on one database stand for two servers (on real PostgreSQL each has its own pool).
 */
const LIMIT = 100;
const OFFICE = '203.0.113.50';
const DAY = 86_400_000;
let t: TestApp;
let second: { app: FastifyInstance; database: DatabaseHandle | null };
let cycleId: number;
const typists: { who: SignedIn; responseId: number }[] = [];
let flooder: SignedIn;
let flooder2: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ USER_RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  const url = pgPoolOf(t.db)?.options.connectionString;
  const database = url ? await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 10 }) : null;
  second = { app: await buildApp({ config: t.config, database: database ?? t.database }), database };
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
  for (let i = 0; i < 22; i++) {
    const agency = await insertAgency(t.db, `RL${String(i).padStart(2, '0')}`);
    await insertUser(t.db, `typist${i}@office.go.th`, 'respondent', agency.id);
    const who = await signIn(t.app, `typist${i}@office.go.th`);
    if (i >= 20) {
      if (i === 20) flooder = who;
      else flooder2 = who;
      continue;
    }
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/my-response`, headers: who.headers });
    typists.push({ who, responseId: res.json().response.id });
  }
}, 120_000);
afterAll(async () => {
  await second.app.close();
  await second.database?.close();
  await t.close();
});

/** A fixed window that ends mid-step would reset the counts: start the step early in a minute. */
async function freshWindow(needSeconds: number) {
  const into = Date.now() % 60_000;
  if (into > 60_000 - needSeconds * 1000) await new Promise((r) => setTimeout(r, 60_000 - into + 200));
}

const flooderId = () => JSON.parse(Buffer.from(flooder2.token.split('.')[1] ?? '', 'base64url').toString()).sub;
const syncCounters = () => Promise.all([t.app.rateCounter.flush(), second.app.rateCounter.flush()]);

describe('rate limits per user, shared by every app server', () => {
  it('never refuses twenty typists behind one address, and refuses one flooding user on both servers', async () => {
    const servers = [t.app, second.app];
    const statuses: number[] = [];
    // Each typist: 40 autosaves and 20 polls, spread over both servers (a fast typist at 75 saves a
    // minute against a 300 limit is this same ratio), all from the office's one address.
    const typing = typists.map(async ({ who, responseId }, n) => {
      let revision = 0;
      for (let i = 0; i < 40; i++) {
        const app = servers[(i + n) % 2] as FastifyInstance;
        const res = await app.inject({
          method: 'PUT',
          url: `/api/responses/${responseId}/answers/DG_DATASET_COUNT`,
          headers: who.headers,
          remoteAddress: OFFICE,
          payload: { value: i, notApplicable: null, baseRevision: revision, idempotencyKey: randomUUID() },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 200) revision = res.json().revision;
        if (i % 2 === 0) {
          const poll = await app.inject({
            method: 'GET',
            url: `/api/responses/${responseId}/changes`,
            headers: who.headers,
            remoteAddress: OFFICE,
          });
          statuses.push(poll.statusCode);
        }
        if (i % 10 === 9) await syncCounters();
      }
    });
    // Meanwhile one user floods from the same address (and is refused once past the limit).
    const flood = (async () => {
      for (let i = 0; i < 2 * LIMIT; i++) {
        await servers[i % 2]?.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: flooder.headers,
          remoteAddress: OFFICE,
        });
      }
    })();
    await Promise.all([...typing, flood]);
    expect(statuses.length).toBe(20 * 60);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // In one window, another user sends 70 requests to each server: under the limit on either alone.
    // The servers' once-a-second sync is paused so that "each server alone" is what is tested.
    await freshWindow(20);
    t.app.rateCounter.stop();
    second.app.rateCounter.stop();
    for (let i = 0; i < 70; i++) {
      for (const app of servers) {
        const res = await app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: flooder2.headers,
          remoteAddress: OFFICE,
        });
        expect(res.statusCode).toBe(200);
      }
    }
    // Once the servers have synced (every second; two rounds bring each the other's counts), both
    // refuse the user: 140 > 100 together.
    await syncCounters();
    await syncCounters();
    t.app.rateCounter.start();
    second.app.rateCounter.start();
    for (const app of servers) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: flooder2.headers,
        remoteAddress: OFFICE,
      });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // ...while the typists in the same office go on saving.
    const { who, responseId } = typists[0] as (typeof typists)[number];
    const poll = await second.app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}/changes`,
      headers: who.headers,
      remoteAddress: OFFICE,
    });
    expect(poll.statusCode).toBe(200);
    const rows = await t.db
      .selectFrom('rate_limit_hits')
      .select(['hits'])
      .where('key', '=', `u:${flooderId()}`)
      .execute();
    expect(Math.max(...rows.map((r) => r.hits))).toBeGreaterThan(LIMIT);
  }, 120_000);

  it('counts requests without a verified token per address: a forged token cannot buy a fresh budget', async () => {
    await freshWindow(20);
    const [h, , s] = flooder.token.split('.');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 5; i++) {
      // Each request claims another user in a token whose signature does not match.
      const body = Buffer.from(JSON.stringify({ sub: String(10_000 + i), email: 'x', role: 'admin' })).toString(
        'base64url',
      );
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { authorization: `Bearer ${h}.${body}.${s}` },
        remoteAddress: '198.51.100.99',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    // Another address has its own budget.
    const other = await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '198.51.100.100' });
    expect(other.statusCode).toBe(200);
  }, 120_000);
});
