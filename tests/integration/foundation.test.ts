import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrateDown, migrateToLatest } from '../../server/src/db/migrate';
import { ConfigError, loadConfig } from '../../server/src/plugins/config';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // Probe routes exercise the shared error handler with real validation and a real crash.
  t.app.post(
    '/api/test/echo',
    {
      config: { access: 'public' },
      schema: { body: z.object({ name: z.string().min(2), address: z.object({ zip: z.string().regex(/^\d{5}$/) }) }) },
    },
    async (req) => req.body,
  );
  t.app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail at /srv/app.ts:42');
  });
});
afterAll(async () => t.close());

describe('foundation', () => {
  it('reports health with a database check', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true, kind: t.database.kind } });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('rejects a malformed body with 400 and the field path in details', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: 'ok', address: { zip: '12' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.address.zip' })]));
  });

  it('rejects unparseable JSON with 400 in the same body shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown API route with 404 in the same body shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('hides internals of an unexpected error behind a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    const text = res.body;
    expect(res.json().error.code).toBe('INTERNAL_ERROR');
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('app.ts');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/api/health']).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('migrates down and up again', async () => {
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'answers' and table_schema = current_schema()`.execute(
      t.db,
    );
    expect(before.rows[0]?.n).toBe(1);
    const schema =
      t.database.kind === 'pglite'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]?.s
        : undefined;
    // Every migration's down runs, newest first, until nothing is left.
    while ((await migrateDown(t.db, schema)).length > 0) {}
    const mid = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'answers' and table_schema = current_schema()`.execute(
      t.db,
    );
    expect(mid.rows[0]?.n).toBe(0);
    await migrateToLatest(t.db, schema);
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'answers' and table_schema = current_schema()`.execute(
      t.db,
    );
    expect(after.rows[0]?.n).toBe(1);
  });
});

describe('config', () => {
  it('lists every problem at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'abc', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
    }
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://h/db' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toContain('JWT_SECRET');
    }
  });
});
