import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../../server/src/modules/auth/login-guard';
import type { AccessClaims } from '../../server/src/plugins/auth';
import { insertAgency, insertUser, PASSWORD, refreshCookieOf, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let agencyId: number;

beforeAll(async () => {
  t = await createTestApp();
  agencyId = (await insertAgency(t.db, 'AU01')).id;
  await insertUser(t.db, 'cio@agency.go.th', 'respondent', agencyId);
  await insertUser(t.db, 'admin@dga.test', 'admin');
  await insertUser(t.db, 'analyst@dga.test', 'analyst');
});
afterAll(async () => t.close());

const me = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
const refresh = (cookie: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { dg_refresh: cookie }, payload: {} });
const audit = (action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

describe('sign-in and tokens', () => {
  it('signs in, sets an httpOnly SameSite=strict refresh cookie, and identifies the user', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'CIO@agency.go.th', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dg_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    const who = await me(res.json().accessToken);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ email: 'cio@agency.go.th', role: 'respondent', agencyId });
    expect((await audit('auth.login')).length).toBeGreaterThan(0);
  });

  it('gives the same message for a wrong password and an unknown email', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'cio@agency.go.th', password: 'nope-nope-1' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@agency.go.th', password: 'nope-nope-1' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    await t.db.updateTable('users').set({ failed_logins: 0 }).where('email', '=', 'cio@agency.go.th').execute();
  });

  it('rejects tampered and expired access tokens with 401', async () => {
    const { token } = await signIn(t.app, 'cio@agency.go.th');
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    expect((await me(`${h}.${forged}.${s}`)).statusCode).toBe(401);
    expect((await me(`${token.slice(0, -3)}abc`)).statusCode).toBe(401);
    // Valid in every other way (a live session, the current version): only its expiry refuses it.
    const {
      exp: _exp,
      iat: _iat,
      ...claims
    } = t.app.jwt.decode<AccessClaims & { exp: number; iat: number }>(token) as AccessClaims & {
      exp: number;
      iat: number;
    };
    const shortLived = t.app.jwt.sign(claims, { expiresIn: 1 });
    expect((await me(shortLived)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const expired = await me(shortLived);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rotates refresh tokens and revokes the family when a spent token is reused', async () => {
    const s = await signIn(t.app, 'cio@agency.go.th');
    const first = await refresh(s.cookie);
    expect(first.statusCode).toBe(200);
    const next = refreshCookieOf(first);
    expect(next).not.toBe(s.cookie);
    const reuse = await refresh(s.cookie);
    expect(reuse.statusCode).toBe(401);
    // The thief's replay also kills the legitimate successor.
    expect((await refresh(next)).statusCode).toBe(401);
    expect((await audit('auth.refresh_reuse_detected')).length).toBe(1);
  });

  it('signs out by revoking the session', async () => {
    const s = await signIn(t.app, 'cio@agency.go.th');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { dg_refresh: s.cookie } });
    expect(out.statusCode).toBe(204);
    expect((await refresh(s.cookie)).statusCode).toBe(401);
  });

  const attempt = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('slows one address down progressively for an account, without locking the account for anyone else', async () => {
    await insertUser(t.db, 'slow@agency.go.th', 'respondent', agencyId);
    const guesser = '203.0.113.5';
    for (let i = 0; i <= FREE_FAILURES; i++) {
      expect((await attempt('slow@agency.go.th', `wrong-${i}`, guesser)).statusCode).toBe(401);
    }
    // Now the guesser waits 1 s, then 2 s, then 4 s: even the right password is refused meanwhile.
    const waits: string[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await attempt('slow@agency.go.th', PASSWORD, guesser);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      const wait = String(refused.headers['retry-after']);
      waits.push(wait);
      // The CIO signing in from their own office is never held up by the guesser.
      expect((await attempt('slow@agency.go.th', PASSWORD, '198.51.100.7')).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, Number(wait) * 1000 + 150));
      expect((await attempt('slow@agency.go.th', `wrong-again-${round}`, guesser)).statusCode).toBe(401);
    }
    expect(waits).toEqual(['1', '2', '4']);
    // The account was never locked: no lock columns set, no lock audit entry.
    const row = await t.db
      .selectFrom('users')
      .select(['locked_until'])
      .where('email', '=', 'slow@agency.go.th')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBeNull();
    expect((await audit('auth.account_locked')).length).toBe(0);
  }, 30_000);

  it('treats an unknown e-mail exactly like a known one, so the slow-down reveals no account', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i <= FREE_FAILURES; i++) {
      await attempt('cio@agency.go.th', `wrong-${i}`, ip);
      await attempt('nobody@agency.go.th', `wrong-${i}`, ip);
    }
    const known = await attempt('cio@agency.go.th', 'wrong-x', ip);
    const unknown = await attempt('nobody@agency.go.th', 'wrong-x', ip);
    expect(known.statusCode).toBe(429);
    expect(unknown.statusCode).toBe(429);
    expect(known.json().error.message).toBe(unknown.json().error.message);
    expect(known.headers['retry-after']).toBe(unknown.headers['retry-after']);
  });

  it('counts concurrent wrong guesses atomically, so parallel guessing gets no more tries than serial', async () => {
    await insertUser(t.db, 'race@agency.go.th', 'respondent', agencyId);
    const attempts = 20;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) => attempt('race@agency.go.th', `wrong-guess-${i}`, '203.0.113.77')),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBe(FREE_FAILURES + 1);
    expect(results.filter((r) => r.statusCode === 429).length).toBe(attempts - checked);
    const row = await t.db
      .selectFrom('login_throttle')
      .select(['failures'])
      .where('email', '=', 'race@agency.go.th')
      .where('ip', '=', '203.0.113.77')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(FREE_FAILURES + 1);
    expect((await attempt('race@agency.go.th', PASSWORD, '192.0.2.10')).statusCode).toBe(200);
  });
});

describe('invitations and accounts', () => {
  it('invites once, expires, and records it all in the audit log', async () => {
    const admin = await signIn(t.app, 'admin@dga.test');
    const inv = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.headers,
      payload: { email: 'new.cio@agency.go.th', role: 'respondent', agencyId },
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().link.split('/invite/')[1];
    const info = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(info.json()).toMatchObject({ kind: 'invite', email: 'new.cio@agency.go.th', role: 'respondent' });
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Brand-new-pass-9', displayName: 'ผอ. ศูนย์เทคโนโลยี' },
    });
    expect(accept.statusCode).toBe(200);
    await signIn(t.app, 'new.cio@agency.go.th', 'Brand-new-pass-9');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Brand-new-pass-9' },
    });
    expect(again.statusCode).toBe(409);

    const inv2 = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.headers,
      payload: { email: 'late@agency.go.th', role: 'viewer', agencyId },
    });
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'late@agency.go.th')
      .execute();
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${inv2.json().link.split('/invite/')[1]}/accept`,
      payload: { password: 'Brand-new-pass-9' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/expired/);
    expect((await audit('invitation.create')).length).toBe(2);
    expect((await audit('invitation.accept')).length).toBe(1);
  });

  it('rejects an analyst invitation tied to an agency, with the field path', async () => {
    const admin = await signIn(t.app, 'admin@dga.test');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.headers,
      payload: { email: 'x@dga.test', role: 'analyst', agencyId },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.agencyId');
  });

  it('disables accounts, changes roles with before/after in the audit log, and resets passwords', async () => {
    const admin = await signIn(t.app, 'admin@dga.test');
    const user = await insertUser(t.db, 'staff@agency.go.th', 'respondent', agencyId);
    const s = await signIn(t.app, 'staff@agency.go.th');
    const role = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.headers,
      payload: { role: 'viewer' },
    });
    expect(role.statusCode).toBe(200);
    const [change] = await audit('user.role_change');
    expect(change?.before).toMatchObject({ role: 'respondent' });
    expect(change?.after).toMatchObject({ role: 'viewer' });
    // A role change ends existing sessions so the old role's token family cannot be refreshed.
    expect((await refresh(s.cookie)).statusCode).toBe(401);

    await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    const disabled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'staff@agency.go.th', password: PASSWORD },
    });
    expect(disabled.statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: false },
    });

    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${user.id}/reset-link`,
      headers: admin.headers,
    });
    const token = reset.json().link.split('/invite/')[1];
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Another-pass-77' },
    });
    expect(done.statusCode).toBe(200);
    await signIn(t.app, 'staff@agency.go.th', 'Another-pass-77');
  });

  it('keeps the audit log append-only and lets analysts filter and export it', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    const analyst = await signIn(t.app, 'analyst@dga.test');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/audit?action=auth.login&limit=5',
      headers: analyst.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().entries.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    // Analysts cannot list accounts, so the user filter takes part of an email, in any case.
    const byUser = await t.app.inject({
      method: 'GET',
      url: '/api/audit?actorEmail=ADMIN@DGA&entityType=user',
      headers: analyst.headers,
    });
    expect(byUser.statusCode).toBe(200);
    expect(byUser.json().total).toBeGreaterThan(0);
    expect(byUser.json().entries.every((e: { actorEmail: string }) => e.actorEmail === 'admin@dga.test')).toBe(true);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export.csv?action=user.role_change',
      headers: analyst.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('user.role_change');
    const resp = await signIn(t.app, 'cio@agency.go.th');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: resp.headers })).statusCode).toBe(403);
  });
});
