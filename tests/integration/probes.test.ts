import { HealthSchema, LivezSchema, ReadyzSchema } from '@dg/shared/schemas/health';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { Database } from '../../server/src/db/schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEMPLATE_DB } from '../support/test-db';

/**
 * Liveness and readiness: /livez answers while the process runs, /readyz says whether to send it
 * traffic (database, migrations, load), /api/health keeps its 200/503 and never answers 500.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const probe = (app: TestApp, url: string) => app.app.inject({ method: 'GET', url });

describe('probes on a healthy server', () => {
  it('livez, readyz and health answer 200 with their own bodies', async () => {
    const live = await probe(t, '/livez');
    expect(live.statusCode).toBe(200);
    expect(LivezSchema.parse(live.json()).status).toBe('alive');
    const ready = await probe(t, '/readyz');
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ReadyzSchema.parse(ready.json())).toMatchObject({
      status: 'ready',
      failed: [],
      checks: { database: { ok: true }, migrations: { ok: true, pending: 0 }, load: { ok: true, shedding: false } },
    });
    const health = await probe(t, '/api/health');
    expect(health.statusCode).toBe(200);
    expect(HealthSchema.parse(health.json())).toMatchObject({ status: 'ok', shedding: false });
  });

  it('documents the probes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/livez', '/readyz', '/api/health']) {
      expect(doc.paths[path]?.get?.responses?.['200'], path).toBeDefined();
    }
    expect(doc.paths['/readyz'].get.responses['503']).toBeDefined();
  });

  it('is not ready while a migration is missing, and ready again once it is applied', async () => {
    const last = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.db);
    const row = last.rows[0];
    if (!row) throw new Error('no migrations recorded');
    await sql`delete from kysely_migration where name = ${row.name}`.execute(t.db);
    try {
      const ready = await probe(t, '/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ReadyzSchema.parse(ready.json())).toMatchObject({
        status: 'not_ready',
        failed: ['migrations'],
        checks: { database: { ok: true }, migrations: { ok: false, pending: 1 } },
      });
      expect((await probe(t, '/livez')).statusCode).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(t.db);
    }
    expect((await probe(t, '/readyz')).statusCode).toBe(200);
  });
});

describe('probes while the server sheds load', () => {
  let busy: TestApp;
  beforeAll(async () => {
    // Shed at 1 ms of mean event-loop delay: a blocked loop trips it for the next sample (1 s).
    busy = await createTestApp({ SHED_EVENT_LOOP_DELAY_MS: '1' });
  });
  afterAll(async () => busy?.close());

  it('health is 503 with its valid body, readyz 503 naming the load, livez 200', async () => {
    await expect
      .poll(
        async () => {
          const until = Date.now() + 400;
          while (Date.now() < until) {
            // Busy-wait on purpose: the event loop is what is being overloaded.
          }
          const sampled = Date.now() + 2500;
          while (!busy.app.isUnderPressure() && Date.now() < sampled) await new Promise((r) => setTimeout(r, 10));
          const [health, ready, live, other] = await Promise.all([
            probe(busy, '/api/health'),
            probe(busy, '/readyz'),
            probe(busy, '/livez'),
            probe(busy, '/api/auth/me'),
          ]);
          return {
            health: { status: health.statusCode, body: HealthSchema.safeParse(health.json()).data },
            ready: { status: ready.statusCode, body: ReadyzSchema.safeParse(ready.json()).data },
            live: { status: live.statusCode, body: LivezSchema.safeParse(live.json()).success },
            other: { status: other.statusCode, code: other.json().error?.code },
          };
        },
        { timeout: 45_000, interval: 200 },
      )
      .toMatchObject({
        health: { status: 503, body: { status: 'unhealthy', shedding: true, database: { ok: true } } },
        ready: { status: 503, body: { status: 'not_ready', failed: ['load'], checks: { load: { shedding: true } } } },
        live: { status: 200, body: true },
        other: { status: 503, code: 'SERVICE_UNAVAILABLE' },
      });
  });
});

/** A migrated database of this test's own, and a way to take it away under the running app. */
async function ownDatabase(): Promise<{ handle: DatabaseHandle; breakIt(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `dg_t_probe_${Math.random().toString(16).slice(2, 10)}`;
    const admin = async (text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    };
    await admin(`create database ${name} template ${TEMPLATE_DB}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolMax: 4 });
    const drop = () => admin(`drop database if exists ${name} with (force)`);
    return {
      // Dropped with force: its connections are terminated and new ones are refused.
      handle: {
        ...handle,
        close: async () => {
          await handle.close().catch(() => {});
          await drop();
        },
      },
      breakIt: drop,
    };
  }
  const client = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db);
  return {
    handle: { db, kind: 'pglite', pglite: client, close: async () => (client.closed ? undefined : client.close()) },
    breakIt: () => client.close(),
  };
}

describe('probes when the database goes away', () => {
  it('readyz and health are 503 naming the database; livez stays 200', async () => {
    const own = await ownDatabase();
    const app = await createTestApp({}, { database: own.handle });
    try {
      expect((await probe(app, '/readyz')).statusCode).toBe(200);
      await own.breakIt();
      const ready = await probe(app, '/readyz');
      expect(ready.statusCode, ready.body).toBe(503);
      expect(ReadyzSchema.parse(ready.json())).toMatchObject({
        status: 'not_ready',
        failed: ['database'],
        checks: { database: { ok: false }, migrations: { ok: false, pending: null } },
      });
      const health = await probe(app, '/api/health');
      expect(health.statusCode).toBe(503);
      expect(HealthSchema.parse(health.json())).toMatchObject({ status: 'unhealthy', database: { ok: false } });
      expect((await probe(app, '/livez')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
