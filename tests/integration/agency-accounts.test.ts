import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { storeCompleteResponse } from '../support/complete-response';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/** A real SMTP receiver on loopback, as in invitation-mail.test.ts. */
const received: { to: string[]; body: string }[] = [];
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
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});
const unfold = (body: string) => body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
const linkIn = (body: string) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(unfold(body))?.[1];

let t: TestApp;
let agencyA: number;
let agencyB: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'DGA <survey@dga.test>' });
  agencyA = (await insertAgency(t.db, 'CA01')).id;
  agencyB = (await insertAgency(t.db, 'CB01')).id;
  await insertUser(t.db, 'cio@a.go.th', 'cio', agencyA);
  await insertUser(t.db, 'cio@b.go.th', 'cio', agencyB);
  await insertUser(t.db, 'coord@b.go.th', 'respondent', agencyB);
  await insertUser(t.db, 'admin@accounts.test', 'admin');
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const userId = async (email: string) =>
  (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('agency CIO manages its own people', () => {
  it('invites a coordinator who joins its agency, removes them (their token stops working), all audited', async () => {
    const cio = await signIn(t.app, 'cio@a.go.th');
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/agency/invitations',
      headers: cio.headers,
      payload: { email: 'new.coord@a.go.th', role: 'respondent' },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    expect(invite.json().emailed).toBe(true);
    const token = invite.json().link.split('/invite/')[1];
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { displayName: 'ผู้ประสานงานใหม่', password: 'Mango-river-2029' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ role: 'respondent', agencyId: agencyA });

    const coord = await signIn(t.app, 'new.coord@a.go.th', 'Mango-river-2029');
    const list = await t.app.inject({ method: 'GET', url: '/api/agency/users', headers: cio.headers });
    expect(list.json().map((u: { email: string }) => u.email)).toEqual(['cio@a.go.th', 'new.coord@a.go.th']);

    const id = await userId('new.coord@a.go.th');
    const remove = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${id}`,
      headers: cio.headers,
      payload: { disabled: true },
    });
    expect(remove.statusCode, remove.body).toBe(200);
    expect(remove.json().disabled).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: coord.headers });
    expect(me.statusCode).toBe(401);

    const actions = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .where('actor_email', '=', 'cio@a.go.th')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['invitation.create', 'user.update']));
  });

  it('cannot touch another agency, invite DGA roles or CIOs, or change its own account', async () => {
    const cio = await signIn(t.app, 'cio@a.go.th');
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${await userId('coord@b.go.th')}`,
      headers: cio.headers,
      payload: { disabled: true },
    });
    expect(other.statusCode).toBe(404);
    const stillActive = await t.db
      .selectFrom('users')
      .select('disabled_at')
      .where('email', '=', 'coord@b.go.th')
      .executeTakeFirstOrThrow();
    expect(stillActive.disabled_at).toBeNull();

    for (const role of ['admin', 'analyst', 'cio']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/agency/invitations',
        headers: cio.headers,
        payload: { email: `x.${role}@a.go.th`, role },
      });
      expect(res.statusCode, role).toBe(400);
    }
    // The agency comes from the CIO's account, never from the request.
    const smuggled = await t.app.inject({
      method: 'POST',
      url: '/api/agency/invitations',
      headers: cio.headers,
      payload: { email: 'x@b.go.th', role: 'respondent', agencyId: agencyB },
    });
    expect(smuggled.statusCode === 400 || smuggled.json().link !== undefined).toBe(true);
    const inv = await t.db.selectFrom('invitations').select('agency_id').where('email', '=', 'x@b.go.th').execute();
    for (const i of inv) expect(i.agency_id).toBe(agencyA);

    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${await userId('cio@a.go.th')}`,
      headers: cio.headers,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(403);
    // Role changes are not part of the CIO's API at all.
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/agency/users/${await userId('cio@a.go.th')}`,
      headers: cio.headers,
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(400);
    const coordB = await signIn(t.app, 'coord@b.go.th');
    const asRespondent = await t.app.inject({ method: 'GET', url: '/api/agency/users', headers: coordB.headers });
    expect(asRespondent.statusCode).toBe(403);
  });
});

describe('sign-off', () => {
  it('a coordinator cannot submit where sign-off is required; the CIO submits with the declaration', async () => {
    const { row, framework } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
    const cycle = await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2024,
        name_th: 'การสำรวจ 2567',
        name_en: 'Survey 2024',
        framework_id: row.id,
        status: 'open',
        opens_at: new Date(Date.now() - 86_400_000),
        closes_at: new Date(Date.now() + 30 * 86_400_000),
        signoff_required: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertUser(t.db, 'coord@a.go.th', 'respondent', agencyA);
    const coord = await signIn(t.app, 'coord@a.go.th');
    const cio = await signIn(t.app, 'cio@a.go.th');
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/cycles/${cycle.id}/my-response`,
      headers: coord.headers,
    });
    const responseId = mine.json().response.id as number;
    expect(mine.json().response.signoff).toMatchObject({ required: true, readyAt: null, declaredAt: null });
    await storeCompleteResponse(t.db, framework, responseId);

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: coord.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('CIO');

    const ready = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/ready-for-signoff`,
      headers: coord.headers,
    });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json().signoff.readyBy).toBe('coord');

    const undeclared = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: cio.headers,
      payload: {},
    });
    expect(undeclared.statusCode).toBe(400);

    const before = Date.now();
    const signed = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: cio.headers,
      payload: { declarationAccepted: true },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const signoff = signed.json().response.signoff;
    expect(signoff.declaredBy).toBe('cio');
    expect(new Date(signoff.declaredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(signoff.declarationText).toContain('ข้าพเจ้า');
    expect(signoff.declarationText).toContain('I declare');
    const stored = await t.db
      .selectFrom('responses')
      .select(['status', 'declared_by', 'declared_at', 'submitted_by'])
      .where('id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'submitted', declared_by: await userId('cio@a.go.th') });
    expect(stored.declared_at).not.toBeNull();
  });

  it('DGA sets sign-off per cycle; new cycles require it', async () => {
    const admin = await signIn(t.app, 'admin@accounts.test');
    const fw = await t.db.selectFrom('frameworks').select('id').executeTakeFirstOrThrow();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: admin.headers,
      payload: {
        fiscalYear: 2030,
        frameworkId: fw.id,
        opensAt: '2030-01-01T00:00:00+07:00',
        closesAt: '2030-03-01T00:00:00+07:00',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().signoffRequired).toBe(true);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${created.json().id}`,
      headers: admin.headers,
      payload: { signoffRequired: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().signoffRequired).toBe(false);
  });
});

describe('self-service password reset', () => {
  it('mails a single-use link; the new password works and every old session is refused', async () => {
    await insertUser(t.db, 'forgetful@a.go.th', 'respondent', agencyA);
    const old = await signIn(t.app, 'forgetful@a.go.th');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'Forgetful@A.go.th' },
    });
    expect(res.statusCode).toBe(202);
    await expect
      .poll(() => received.find((m) => m.to.includes('forgetful@a.go.th')), { timeout: 20_000 })
      .toBeDefined();
    const token = linkIn(received.find((m) => m.to.includes('forgetful@a.go.th'))?.body ?? '');
    expect(token).toBeDefined();

    const info = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(info.json()).toMatchObject({ kind: 'reset', email: 'forgetful@a.go.th' });
    const minutes = (new Date(info.json().expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(25);
    expect(minutes).toBeLessThanOrEqual(30);

    const common = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'password123' },
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.message).toContain('common');

    const done = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Lantern-quiet-8812' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Lantern-quiet-8813' },
    });
    expect(again.statusCode).toBe(409);

    const oldMe = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: old.headers });
    expect(oldMe.statusCode).toBe(401);
    const oldRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { dg_refresh: old.cookie },
      payload: {},
    });
    expect(oldRefresh.statusCode).toBe(401);
    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'forgetful@a.go.th', password: PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const fresh = await signIn(t.app, 'forgetful@a.go.th', 'Lantern-quiet-8812');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: fresh.headers });
    expect(me.json().email).toBe('forgetful@a.go.th');
  });

  it('answers an unknown address exactly as a known one and sends nothing', async () => {
    const before = received.length;
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'nobody@nowhere.go.th' },
    });
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'cio@b.go.th' },
    });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    await expect.poll(() => received.some((m) => m.to.includes('cio@b.go.th')), { timeout: 20_000 }).toBe(true);
    expect(received.slice(before).some((m) => m.to.includes('nobody@nowhere.go.th'))).toBe(false);
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom('audit_log')
              .select('action')
              .where('actor_email', '=', 'nobody@nowhere.go.th')
              .execute()
          ).map((a) => a.action),
        { timeout: 20_000 },
      )
      .toEqual(['auth.reset_request_unknown']);
  });

  it('refuses a common password when an invitation sets one', async () => {
    const admin = await signIn(t.app, 'admin@accounts.test');
    const inv = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: admin.headers,
      payload: { email: 'weak@a.go.th', role: 'viewer', agencyId: agencyA },
    });
    const token = inv.json().link.split('/invite/')[1];
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'qwerty12345' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/รหัสผ่านที่ใช้กันทั่วไป.*common passwords/);
  });
});
