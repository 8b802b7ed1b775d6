import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../seeds/seed';
import { buildApp } from '../../server/src/app';
import type { DatabaseHandle } from '../../server/src/db/database';
import { demoAccountsNotice } from '../../server/src/lib/demo-accounts';
import { loadConfig } from '../../server/src/plugins/config';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

// Several app builds with different configurations over one database (PGlite gives a file one schema).
let database: DatabaseHandle;
const dirs: string[] = [];
const apps: FastifyInstance[] = [];

const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-authcfg-'));
  dirs.push(d);
  return d;
};

async function build(env: Record<string, string>) {
  const config = loadConfig({
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '100000',
    SHED_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  const app = await buildApp({ config, database, logger: false });
  apps.push(app);
  return app;
}

const login = (app: FastifyInstance, email: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });

beforeAll(async () => {
  database = await createTestDatabase();
  const agency = await insertAgency(database.db, 'AC01');
  await insertUser(database.db, 'cfg@agency.go.th', 'respondent', agency.id);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('sign-in rate limit per address', () => {
  it('answers 429 with Retry-After and a clear message once an address exceeds the configured limit', {
    timeout: 60_000,
  }, async () => {
    const app = await build({ DATA_DIR: tempDir(), JWT_SECRET: 'x'.repeat(40), LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    // Limit windows are whole minutes on the clock (every app server agrees on them): start well
    // inside one, so the four attempts are counted in the same window even on a slow machine.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 15_000) await new Promise((r) => setTimeout(r, toNextMinute + 100));
    for (let i = 0; i < 3; i++) {
      expect((await login(app, 'ghost@agency.go.th', 'wrong-pass-1', '198.51.100.7')).statusCode).toBe(401);
    }
    const over = await login(app, 'ghost@agency.go.th', 'wrong-pass-1', '198.51.100.7');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json().error.code).toBe('RATE_LIMITED');
    expect(over.json().error.message).toMatch(
      /^Too many sign-in attempts from this address\. Try again in \d+ seconds\.$/,
    );
    // Even the right password is held back from that address, while another address is unaffected.
    expect((await login(app, 'cfg@agency.go.th', PASSWORD, '198.51.100.7')).statusCode).toBe(429);
    expect((await login(app, 'cfg@agency.go.th', PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });

  it('defaults to 20 a minute outside tests and reads LOGIN_RATE_LIMIT_PER_MINUTE', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).LOGIN_RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(loadConfig({ NODE_ENV: 'development', LOGIN_RATE_LIMIT_PER_MINUTE: '5' }).LOGIN_RATE_LIMIT_PER_MINUTE).toBe(
      5,
    );
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/LOGIN_RATE_LIMIT_PER_MINUTE/);
  });
});

describe('production cookie', () => {
  it('marks the refresh cookie Secure in production and not in development', async () => {
    const prod = await build({
      NODE_ENV: 'production',
      // Required by the production checks; the test database handle is used instead of this URL.
      DATABASE_URL: 'postgres://unused.invalid/dg',
      JWT_SECRET: 'p'.repeat(40),
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'silent',
    });
    const res = await login(prod, 'cfg@agency.go.th', PASSWORD, '203.0.113.1');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dg_refresh');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });

    const dev = await build({
      NODE_ENV: 'development',
      DATA_DIR: tempDir(),
      JWT_SECRET: 'd'.repeat(40),
      LOG_LEVEL: 'silent',
    });
    const devRes = await login(dev, 'cfg@agency.go.th', PASSWORD, '203.0.113.2');
    expect(devRes.statusCode).toBe(200);
    expect(devRes.cookies.find((c) => c.name === 'dg_refresh')?.secure).toBeFalsy();
  });
});

describe('generated JWT secret', () => {
  it('is generated once into the data directory (mode 0600) and reused by the next start', async () => {
    const dataDir = tempDir();
    const first = await build({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'jwt-secret');
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(file, 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);

    const res = await login(first, 'cfg@agency.go.th', PASSWORD);
    expect(res.statusCode).toBe(200);
    const headers = { authorization: `Bearer ${res.json().accessToken}` };

    const second = await build({ DATA_DIR: dataDir });
    expect(fs.readFileSync(file, 'utf8')).toBe(secret);
    expect((await second.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);

    // A different data directory means a different secret: the token is not accepted there.
    const elsewhere = await build({ DATA_DIR: tempDir() });
    expect((await elsewhere.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });
});

describe('demo accounts at start', () => {
  const accounts = DEMO_ACCOUNTS.map((a) => ({ role: a.role, email: a.email, password: a.password }));

  it('are listed in development only', () => {
    const notice = demoAccountsNotice({ NODE_ENV: 'development' }, accounts);
    expect(notice).toContain('admin@dga.or.th');
    expect(notice).toContain('Admin-2566-demo');
    expect(demoAccountsNotice({ NODE_ENV: 'production' }, accounts)).toBeNull();
    expect(demoAccountsNotice({ NODE_ENV: 'test' }, accounts)).toBeNull();
    expect(demoAccountsNotice({ NODE_ENV: 'development' }, [])).toBeNull();
  });
});
