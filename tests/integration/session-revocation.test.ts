import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/database';
import { updateUserAccount } from '../../server/src/modules/users/users.service';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Access ends the moment it is taken away: every request checks the token's session and the
 * user's version, so sign-out, disabling, a role or agency change and a password reset refuse
 * the old access token on the very next request, not when it expires.
 */
let t: TestApp;
let agencyA: number;
let agencyB: number;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  agencyA = (await insertAgency(t.db, 'RV01')).id;
  agencyB = (await insertAgency(t.db, 'RV02')).id;
  await insertUser(t.db, 'boss@revoke.test', 'admin');
  admin = await signIn(t.app, 'boss@revoke.test');
});
afterAll(async () => t.close());

const me = (token: string, app: FastifyInstance = t.app) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
const cycles = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/cycles', headers: { authorization: `Bearer ${token}` } });
const refresh = (cookie: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { dg_refresh: cookie }, payload: {} });
const patchUser = (who: SignedIn, id: number, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: who.headers, payload });

/** A user signed in, whose access token works until something below takes it away. */
async function signedInUser(email: string, role: 'respondent' | 'viewer' | 'analyst' | 'admin' = 'respondent') {
  const user = await insertUser(t.db, email, role, role === 'respondent' || role === 'viewer' ? agencyA : null);
  const s = await signIn(t.app, email);
  // Twice: the second answer comes from the session cache, which must not outlive the revocation.
  expect((await me(s.token)).statusCode).toBe(200);
  expect((await cycles(s.token)).statusCode).toBe(200);
  return { user, s };
}

function expectEnded(res: { statusCode: number; json(): { error: { code: string } } }) {
  expect(res.statusCode).toBe(401);
  expect(res.json().error.code).toBe('UNAUTHENTICATED');
}

describe('old access tokens are refused on the next request', () => {
  it('after sign-out (GET /api/auth/me no longer answers 200), and its refresh fails too', async () => {
    const { s } = await signedInUser('out@revoke.test');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { dg_refresh: s.cookie } });
    expect(out.statusCode).toBe(204);
    expectEnded(await me(s.token));
    expectEnded(await cycles(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
  });

  it('after sign-out with the access token alone (no refresh cookie)', async () => {
    const { s } = await signedInUser('out2@revoke.test');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expectEnded(await me(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
  });

  it('signing out ends only that sign-in, not the same user on another device', async () => {
    const { s } = await signedInUser('two.devices@revoke.test');
    const other = await signIn(t.app, 'two.devices@revoke.test');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { dg_refresh: s.cookie } });
    expectEnded(await me(s.token));
    expect((await me(other.token)).statusCode).toBe(200);
  });

  it('after the account is disabled', async () => {
    const { user, s } = await signedInUser('disabled@revoke.test');
    expect((await patchUser(admin, user.id, { disabled: true })).statusCode).toBe(200);
    expectEnded(await me(s.token));
    expectEnded(await cycles(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
    // Re-enabling does not bring the old token back: it was issued for an earlier version.
    expect((await patchUser(admin, user.id, { disabled: false })).statusCode).toBe(200);
    expectEnded(await me(s.token));
  });

  it('after a role change', async () => {
    const { user, s } = await signedInUser('demoted@revoke.test', 'analyst');
    expect((await patchUser(admin, user.id, { role: 'admin' })).statusCode).toBe(200);
    expectEnded(await me(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
    // The new role takes effect with a new sign-in.
    const again = await signIn(t.app, 'demoted@revoke.test');
    expect((await me(again.token)).json()).toMatchObject({ role: 'admin' });
  });

  it('after an agency change', async () => {
    const { user, s } = await signedInUser('moved@revoke.test');
    expect((await patchUser(admin, user.id, { agencyId: agencyB })).statusCode).toBe(200);
    expectEnded(await me(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
  });

  it('after a password reset by an administrator (the only password change there is)', async () => {
    const { user, s } = await signedInUser('reset@revoke.test');
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${user.id}/reset-link`,
      headers: admin.headers,
    });
    expect(link.statusCode).toBe(200);
    // Issuing the link alone changes nothing yet.
    expect((await me(s.token)).statusCode).toBe(200);
    const token = link.json().link.split('/invite/')[1];
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Fresh-password-31' },
    });
    expect(done.statusCode).toBe(200);
    expectEnded(await me(s.token));
    expect((await refresh(s.cookie)).statusCode).toBe(401);
    expect((await me((await signIn(t.app, 'reset@revoke.test', 'Fresh-password-31')).token)).statusCode).toBe(200);
  });

  it('stops the reported attack: a demoted, disabled administrator cannot restore itself with its old token', async () => {
    const { user: rogue, s } = await signedInUser('rogue@revoke.test', 'admin');
    expect((await patchUser(admin, rogue.id, { role: 'analyst', disabled: true })).statusCode).toBe(200);
    const back = await patchUser(s, rogue.id, { role: 'admin', disabled: false });
    expectEnded(back);
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: s.headers,
      payload: { email: 'accomplice@revoke.test', role: 'admin', agencyId: null },
    });
    expectEnded(invite);
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('id', '=', rogue.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('analyst');
    expect(row.disabled_at).not.toBeNull();
    expect(
      await t.db.selectFrom('invitations').select('id').where('email', '=', 'accomplice@revoke.test').execute(),
    ).toEqual([]);
  });

  it('within the cache lifetime even when a revocation was never announced (written straight to the database)', async () => {
    const { s } = await signedInUser('quiet@revoke.test');
    const sid = (t.app.jwt.decode(s.token) as { sid: string }).sid;
    await sql`update sessions set revoked_at = now() where id = ${sid}`.execute(t.db);
    // No announcement and no NOTIFY: only the cache lifetime (3 s by default) bounds it.
    await expect.poll(async () => (await me(s.token)).statusCode, { timeout: 3000 + 7000, interval: 200 }).toBe(401);
  });
});

describe('nobody changes their own role, agency or disabled flag', () => {
  it('refuses an administrator demoting, moving or disabling itself with 403 and a clear message', async () => {
    const { user: self, s } = await signedInUser('self@revoke.test', 'admin');
    for (const payload of [{ role: 'analyst' }, { role: 'viewer', agencyId: agencyA }, { disabled: true }]) {
      const res = await patchUser(s, self.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(403);
      expect(res.json().error.message).toMatch(/your own role, agency or disabled state/);
    }
    // Renaming oneself, or restating what is already so, is no change of access.
    expect((await patchUser(s, self.id, { displayName: 'ผู้ดูแล', role: 'admin', disabled: false })).statusCode).toBe(200);
    expect((await me(s.token)).statusCode).toBe(200);
  });

  it('refuses self-promotion and self-enabling even when the caller still holds a session', async () => {
    // Reached only through the service: over HTTP such a caller's token is already refused (above).
    const demoted = await insertUser(t.db, 'self.promote@revoke.test', 'analyst');
    const actor = (role: 'admin' | 'analyst') => ({
      principal: { userId: demoted.id, email: demoted.email, role, agencyId: null, sessionId: crypto.randomUUID() },
      ip: null,
    });
    await expect(updateUserAccount(t.db, actor('admin'), demoted.id, { role: 'admin' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', demoted.id).execute();
    await expect(updateUserAccount(t.db, actor('admin'), demoted.id, { disabled: false })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      updateUserAccount(t.db, actor('admin'), demoted.id, { role: 'viewer', agencyId: agencyA }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('id', '=', demoted.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'analyst' });
    expect(row.disabled_at).not.toBeNull();
  });
});

describe('tokens are accepted only as issued', () => {
  const secret = () => t.config.JWT_SECRET as string;
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  function craft(alg: 'HS256' | 'HS512' | 'none', payload: object, key = secret()): string {
    const input = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
    if (alg === 'none') return `${input}.`;
    return `${input}.${createHmac(alg === 'HS256' ? 'sha256' : 'sha512', key)
      .update(input)
      .digest('base64url')}`;
  }
  let claims: Record<string, unknown>;
  beforeAll(async () => {
    const { s } = await signedInUser('crafted@revoke.test');
    claims = t.app.jwt.decode(s.token) as Record<string, unknown>;
  });

  it('accepts a token crafted here exactly like the server signs them (so the refusals below mean something)', async () => {
    expect((await me(craft('HS256', claims))).statusCode).toBe(200);
  });

  it('refuses a token without exp', async () => {
    const { exp: _exp, ...noExp } = claims;
    expectEnded(await me(craft('HS256', noExp)));
  });

  it('refuses alg none and any algorithm other than HS256', async () => {
    expectEnded(await me(craft('none', claims)));
    expectEnded(await me(craft('HS512', claims)));
    const { alg } = JSON.parse(
      Buffer.from((await signIn(t.app, 'crafted@revoke.test')).token.split('.')[0] ?? '', 'base64url').toString(),
    );
    expect(alg).toBe('HS256');
  });

  it('refuses a token without a session or version, as issued before sessions existed', async () => {
    const { sid: _sid, ver: _ver, ...old } = claims;
    expectEnded(await me(craft('HS256', old)));
    expectEnded(await me(craft('HS256', { ...claims, ver: (claims.ver as number) + 1 })));
    expectEnded(await me(craft('HS256', { ...claims, sid: crypto.randomUUID() })));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('several app servers on one PostgreSQL database', () => {
  // PGlite is one process: every app on it shares the in-process announcement, so a second
  // instance there proves nothing about LISTEN/NOTIFY; this runs on real PostgreSQL only.
  let second: FastifyInstance;
  let closeSecond: () => Promise<void>;
  beforeAll(async () => {
    // Its own pool and connections, as a second server process would have; a 10-second cache, so
    // only the NOTIFY can make it see a revocation within the 5 seconds allowed below.
    const database = await openDatabase({ databaseUrl: t.database.url, dataDir: '', poolMax: 3 });
    second = await buildApp({ config: { ...t.config, SESSION_CACHE_MS: 10_000 }, database });
    await second.ready();
    closeSecond = async () => {
      await second.close();
      await database.close();
    };
  });
  afterAll(async () => closeSecond?.());

  it('sees a sign-out on the other server within a few seconds', async () => {
    const { s } = await signedInUser('multi@revoke.test');
    expect((await me(s.token, second)).statusCode).toBe(200);
    expect((await me(s.token, second)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { dg_refresh: s.cookie } });
    await expect.poll(async () => (await me(s.token, second)).statusCode, { timeout: 5000, interval: 100 }).toBe(401);
  });

  it('sees a disabled account on the other server within a few seconds', async () => {
    const { user, s } = await signedInUser('multi2@revoke.test');
    expect((await me(s.token, second)).statusCode).toBe(200);
    expect((await patchUser(admin, user.id, { disabled: true })).statusCode).toBe(200);
    await expect.poll(async () => (await me(s.token, second)).statusCode, { timeout: 5000, interval: 100 }).toBe(401);
  });
});
