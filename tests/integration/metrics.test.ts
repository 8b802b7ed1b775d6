import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { insertAgency, insertUser, setupPersonas, signIn } from '../support/fixtures';
import { openCycleWithResponse } from '../support/open-cycle';
import { createTestApp, type TestApp } from '../support/test-app';

const mails: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => {
      body += c;
    });
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});

let t: TestApp;
let tokenApp: FastifyInstance;
const TOKEN = 'scrape-token-0123456789abcdef';

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ LOGIN_ALERT_THRESHOLD: '3', SMTP_URL: `smtp://127.0.0.1:${port}` });
  tokenApp = await buildApp({ config: { ...t.config, METRICS_TOKEN: TOKEN }, database: t.database });
});
afterAll(async () => {
  await tokenApp.close();
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const scrape = async (app: FastifyInstance = t.app) => {
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.body;
};

describe('/metrics', () => {
  it('lists request rates, latencies and errors per route pattern, saves, shed requests, pool and queue', async () => {
    const p = await setupPersonas(t.app, t.db);
    const { responseId } = await openCycleWithResponse(t, p.respondentA);
    const save = await t.app.inject({
      method: 'PUT',
      url: `/api/responses/${responseId}/answers/DG_DATASET_COUNT`,
      headers: p.respondentA.headers,
      payload: { value: 3, notApplicable: null, baseRevision: 0, idempotencyKey: crypto.randomUUID() },
    });
    expect(save.statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/api/responses/987654/changes`, headers: p.respondentA.headers });
    // Three report ZIPs waiting in the shared job table (rows only: no worker picks them up here).
    for (let i = 0; i < 3; i++) {
      await t.db
        .insertInto('background_jobs')
        .values({ id: crypto.randomUUID(), kind: 'report-zip', created_by: null, params: '{}', status: 'queued' })
        .execute();
    }

    const body = await scrape();
    expect(body).toMatch(
      /http_request_duration_seconds_count\{method="PUT",route="\/api\/responses\/:id\/answers\/:questionCode",status_code="200"\} 1/,
    );
    // Errors are the same series with their status; the route is the pattern, never the raw URL.
    expect(body).toMatch(/route="\/api\/responses\/:id\/changes",status_code="4\d\d"/);
    expect(body).not.toContain('987654');
    expect(body).toMatch(/^dg_answer_saves_total 1$/m);
    expect(body).toMatch(/^dg_requests_shed_total 0$/m);
    expect(body).toMatch(/^dg_job_queue_depth\{queue="report-zip:queued"\} 3$/m);
    expect(body).toContain('# TYPE dg_db_pool_connections gauge');
    if (t.database.kind === 'postgres') expect(body).toMatch(/dg_db_pool_connections\{state="total"\} \d+/);
    expect(body).toContain('process_cpu_seconds_total');
    expect(body).toContain('dg_login_failures_total');
  });

  it('answers only private addresses without a token, never a forwarded request, and requires METRICS_TOKEN when set', async () => {
    const publicAddress = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.1' });
    expect(publicAddress.statusCode).toBe(403);
    const forwarded = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.1' },
    });
    expect(forwarded.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);

    expect((await tokenApp.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await tokenApp.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const ok = await tokenApp.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.1',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('dg_answer_saves_total');
  });
});

describe('sign-in failure alerts', () => {
  it('alerts administrators once on a burst of failures for one account from several addresses', async () => {
    const agency = await insertAgency(t.db, 'AL01');
    await insertUser(t.db, 'target@alert.go.th', 'respondent', agency.id);
    await insertUser(t.db, 'admin@alert.dga.test', 'admin');
    for (const [i, ip] of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'target@alert.go.th', password: `wrong-${i}` },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(401);
    }
    const alerts = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login_failure_burst')
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ entity_type: 'user', entity_id: 'target@alert.go.th' });
    await expect
      .poll(() => mails.filter((m) => m.to.includes('admin@alert.dga.test')).length, { timeout: 15_000 })
      .toBe(1);
    expect(await scrape()).toMatch(/^dg_login_failure_alerts_total\{subject="account"\} 1$/m);
    // The account itself was never locked: its owner signs in.
    expect((await signIn(t.app, 'target@alert.go.th')).token).toBeTruthy();
  });
});
