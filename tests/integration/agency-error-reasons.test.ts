import { ErrorReasons, reasonOf } from '@dg/shared/domain/error-reasons';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorReasonsTh } from '../../client/src/i18n/errors';
import { errorReasonsEn } from '../../client/src/i18n/errors-en';
import { insertAgency, insertUser, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The refusals an agency's people meet on the invitation, password and people screens carry a
 * reason code, so the Thai UI words them itself instead of showing the server's English.
 */
let t: TestApp;
let agency: number;

beforeAll(async () => {
  t = await createTestApp();
  agency = (await insertAgency(t.db, 'ER01')).id;
  await insertUser(t.db, 'cio@er.go.th', 'cio', agency);
  await insertUser(t.db, 'admin@er.test', 'admin');
});
afterAll(async () => {
  await t.close();
});

const userId = async (email: string) =>
  (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

async function invite(email: string) {
  const cio = await signIn(t.app, 'cio@er.go.th');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/agency/invitations',
    headers: cio.headers,
    payload: { email, role: 'respondent' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().link.split('/invite/')[1] as string;
}

describe('coded refusals on the agency screens', () => {
  it('names why an invitation link cannot be used: unknown, used, revoked, expired', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: `/api/invitations/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual({ reason: 'link_invalid' });

    const used = await invite('used@er.go.th');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${used}/accept`,
      payload: { password: 'Korat-river-2567' },
    });
    expect(ok.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'GET', url: `/api/invitations/${used}` });
    expect(again.statusCode).toBe(409);
    expect(reasonOf(again.json().error.details)).toBe('link_used');

    const revoked = await invite('revoked@er.go.th');
    await t.db
      .updateTable('invitations')
      .set({ revoked_at: new Date() })
      .where('email', '=', 'revoked@er.go.th')
      .execute();
    const r = await t.app.inject({ method: 'GET', url: `/api/invitations/${revoked}` });
    expect(reasonOf(r.json().error.details)).toBe('link_revoked');

    const expired = await invite('expired@er.go.th');
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'expired@er.go.th')
      .execute();
    const e = await t.app.inject({ method: 'GET', url: `/api/invitations/${expired}` });
    expect(reasonOf(e.json().error.details)).toBe('link_expired');
  });

  it('names a refused password (common, or containing the email name) field by field', async () => {
    const token = await invite('somchai.k@er.go.th');
    const common = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'qwerty12345' },
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.password', reason: 'password_common' }),
    ]);
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'somchai.k-2567x' },
    });
    expect(reasonOf(own.json().error.details)).toBe('password_has_email');
  });

  it("names a CIO's refused people changes: an existing account, its own account, a non-agency user", async () => {
    const cio = await signIn(t.app, 'cio@er.go.th');
    const exists = await t.app.inject({
      method: 'POST',
      url: '/api/agency/invitations',
      headers: cio.headers,
      payload: { email: 'cio@er.go.th', role: 'viewer' },
    });
    expect(exists.statusCode).toBe(409);
    expect(reasonOf(exists.json().error.details)).toBe('account_exists');
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${await userId('cio@er.go.th')}`,
      headers: cio.headers,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(403);
    expect(reasonOf(self.json().error.details)).toBe('own_account');
    const staff = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${await userId('admin@er.test')}`,
      headers: cio.headers,
      payload: { disabled: true },
    });
    expect(staff.statusCode).toBe(404);
    expect(reasonOf(staff.json().error.details)).toBe('user_not_found');
  });

  it('every reason has a Thai and an English message in the client', () => {
    for (const r of ErrorReasons) {
      expect(errorReasonsTh[r], r).toMatch(/[\u0E00-\u0E7F]/);
      expect(errorReasonsEn[r], r).toMatch(/^[\x20-\x7E’]+$/);
    }
  });
});
