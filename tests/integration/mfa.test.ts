import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/plugins/config';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * A second factor for DGA staff: a correct password alone never gives an analyst or administrator a
 * session; codes are single-use, guesses are bounded, and an administrator can clear a lost device.
 */
let t: TestApp;
let agency: number;

beforeAll(async () => {
  t = await createTestApp({ MFA_REQUIRED_ROLES: 'analyst,admin' });
  agency = (await insertAgency(t.db, 'MF01')).id;
  await insertUser(t.db, 'analyst@mfa.test', 'analyst');
  await insertUser(t.db, 'admin@mfa.test', 'admin');
  await insertUser(t.db, 'resp@mfa.test', 'respondent', agency);
});
afterAll(async () => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const login = (email: string) => post('/api/auth/login', { email, password: PASSWORD });
const me = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

/** The code an authenticator app shows `stepsAhead` periods from now (each step can be used once). */
const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });

async function enrol(email: string): Promise<{ secret: string; recoveryCodes: string[]; usedCode: string }> {
  const first = await login(email);
  expect(first.statusCode).toBe(200);
  const { challenge, mfa } = first.json();
  expect(mfa).toBe('enrol');
  const setup = await post('/api/auth/mfa/enrol/start', { challenge });
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUri } = setup.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  const usedCode = codeFor(secret);
  const done = await post('/api/auth/mfa/enrol/finish', { challenge, code: usedCode });
  expect(done.statusCode, done.body).toBe(200);
  expect(done.cookies.some((c) => c.name === 'dg_refresh')).toBe(true);
  return { secret, recoveryCodes: done.json().recoveryCodes, usedCode };
}

describe('staff must set up and use a second factor', () => {
  let secret: string;
  let recoveryCodes: string[];
  let usedCode: string;

  it('gives an analyst no session for the password alone, only an enrolment challenge', async () => {
    const res = await login('analyst@mfa.test');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ mfa: 'enrol' });
    expect(body.accessToken).toBeUndefined();
    expect(res.cookies.some((c) => c.name === 'dg_refresh')).toBe(false);
    // The challenge is not an access token.
    expect((await me(body.challenge)).statusCode).toBe(401);
    // Nor can it be answered before a secret exists, or with a guess.
    expect((await post('/api/auth/mfa/enrol/finish', { challenge: body.challenge, code: '123456' })).statusCode).toBe(
      401,
    );
  });

  it('enrols with a code from the new secret, returning ten recovery codes, and keeps the secret sealed', async () => {
    ({ secret, recoveryCodes, usedCode } = await enrol('analyst@mfa.test'));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await t.db
      .selectFrom('user_mfa')
      .innerJoin('users', 'users.id', 'user_mfa.user_id')
      .select(['secret_enc', 'confirmed_at'])
      .where('users.email', '=', 'analyst@mfa.test')
      .executeTakeFirstOrThrow();
    expect(row.confirmed_at).not.toBeNull();
    expect(row.secret_enc).not.toContain(secret);
    const codes = await t.db.selectFrom('mfa_recovery_codes').select('code_hash').execute();
    expect(codes.some((c) => recoveryCodes.includes(c.code_hash))).toBe(false);
  });

  it('asks for a code at every later sign-in and refuses a code used before', async () => {
    const res = await login('analyst@mfa.test');
    const { mfa, challenge } = res.json();
    expect(mfa).toBe('verify');
    // The code that enrolled is spent: the same 30-second step cannot sign in again.
    const replay = await post('/api/auth/mfa/verify', { challenge, code: usedCode });
    expect(replay.statusCode).toBe(401);
    const ok = await post('/api/auth/mfa/verify', { challenge, code: codeFor(secret, 1) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await me(ok.json().accessToken)).statusCode).toBe(200);
    // The challenge is spent once answered.
    expect((await post('/api/auth/mfa/verify', { challenge, code: codeFor(secret, 1) })).statusCode).toBe(401);
  });

  it('accepts a recovery code once', async () => {
    const code = recoveryCodes[0] as string;
    const first = await post('/api/auth/mfa/verify', {
      challenge: (await login('analyst@mfa.test')).json().challenge,
      code,
    });
    expect(first.statusCode, first.body).toBe(200);
    const again = await post('/api/auth/mfa/verify', {
      challenge: (await login('analyst@mfa.test')).json().challenge,
      code,
    });
    expect(again.statusCode).toBe(401);
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/auth/mfa',
      headers: { authorization: `Bearer ${first.json().accessToken}` },
    });
    expect(status.json()).toEqual({ enabled: true, required: true, recoveryCodesLeft: 9 });
  });

  it('spends a challenge after five wrong codes, even if the sixth is right', async () => {
    const { challenge } = (await login('analyst@mfa.test')).json();
    for (let i = 0; i < 5; i++) {
      const wrong = await post('/api/auth/mfa/verify', { challenge, code: '000000' });
      expect(wrong.statusCode).toBe(401);
    }
    expect((await post('/api/auth/mfa/verify', { challenge, code: codeFor(secret, -1) })).statusCode).toBe(401);
    const failures = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'auth.mfa_failed')
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBeGreaterThanOrEqual(5);
  });

  it('refuses malformed codes with a 400 naming the field', async () => {
    const { challenge } = (await login('analyst@mfa.test')).json();
    const res = await post('/api/auth/mfa/verify', { challenge, code: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('code');
  });

  it('does not let staff turn it off, and lets an administrator clear a lost device (ending sessions)', async () => {
    const analystSession = await post('/api/auth/mfa/verify', {
      challenge: (await login('analyst@mfa.test')).json().challenge,
      code: recoveryCodes[1] as string,
    });
    const analystToken = analystSession.json().accessToken as string;
    const off = await post(
      '/api/auth/mfa/disable',
      { code: recoveryCodes[2] as string },
      { authorization: `Bearer ${analystToken}` },
    );
    expect(off.statusCode).toBe(403);

    const adminEnrolment = await enrol('admin@mfa.test');
    expect(adminEnrolment.recoveryCodes).toHaveLength(10);
    const adminLogin = await post('/api/auth/mfa/verify', {
      challenge: (await login('admin@mfa.test')).json().challenge,
      code: codeFor(adminEnrolment.secret, 1),
    });
    const adminHeaders = { authorization: `Bearer ${adminLogin.json().accessToken}` };
    const analyst = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'analyst@mfa.test')
      .executeTakeFirstOrThrow();
    // The administrators' list says who has a second factor (confirmed enrolments only).
    const listed = async () =>
      (
        (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: adminHeaders })).json() as {
          email: string;
          mfaEnabled: boolean;
        }[]
      ).map((u) => [u.email, u.mfaEnabled]);
    expect(await listed()).toEqual(
      expect.arrayContaining([
        ['analyst@mfa.test', true],
        ['admin@mfa.test', true],
        ['resp@mfa.test', false],
      ]),
    );
    // Only administrators may clear it.
    const byAnalyst = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${analyst.id}/mfa`,
      headers: { authorization: `Bearer ${analystToken}` },
    });
    expect(byAnalyst.statusCode).toBe(403);
    const reset = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${analyst.id}/mfa`,
      headers: adminHeaders,
    });
    expect(reset.statusCode).toBe(204);
    expect((await me(analystToken)).statusCode).toBe(401);
    expect((await login('analyst@mfa.test')).json().mfa).toBe('enrol');
    expect(await listed()).toEqual(expect.arrayContaining([['analyst@mfa.test', false]]));
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.mfa_reset')
      .where('entity_id', '=', String(analyst.id))
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('agency users may opt in', () => {
  it('signs a respondent in with the password until they set up a second factor, then asks for it', async () => {
    const plain = await signIn(t.app, 'resp@mfa.test');
    const headers = plain.headers;
    const setup = await post('/api/auth/mfa/setup', {}, headers);
    expect(setup.statusCode).toBe(200);
    const { secret } = setup.json();
    // Until confirmed, the password alone still signs in.
    expect((await login('resp@mfa.test')).json().accessToken).toBeTypeOf('string');
    const wrong = await post('/api/auth/mfa/confirm', { code: '000000' }, headers);
    expect(wrong.statusCode).toBe(400);
    const confirmed = await post('/api/auth/mfa/confirm', { code: codeFor(secret) }, headers);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect((await login('resp@mfa.test')).json()).toMatchObject({ mfa: 'verify' });

    const off = await post('/api/auth/mfa/disable', { code: codeFor(secret, 1) }, headers);
    expect(off.statusCode, off.body).toBe(204);
    expect((await login('resp@mfa.test')).json().accessToken).toBeTypeOf('string');
  });
});

describe('configuration', () => {
  const base = { JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://h/db' };
  it('requires a second factor for analysts and administrators in production by default', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).MFA_REQUIRED_ROLES).toEqual(['analyst', 'admin']);
    expect(loadConfig({ ...base, NODE_ENV: 'production', MFA_REQUIRED_ROLES: 'none' }).MFA_REQUIRED_ROLES).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'development' }).MFA_REQUIRED_ROLES).toEqual([]);
  });
  it('names an unknown role', () => {
    expect(() => loadConfig({ MFA_REQUIRED_ROLES: 'analyst,boss' })).toThrow(/MFA_REQUIRED_ROLES/);
  });
});
