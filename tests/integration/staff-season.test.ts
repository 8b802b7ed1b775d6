import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { configWarnings, loadConfig } from '../../server/src/plugins/config';
import { insertAgency, type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let frameworkId: number;
let provinceId: number;

const token = (link: string) => link.split('/invite/')[1] as string;
const audit = (action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://survey.dga.test/' });
  personas = await setupPersonas(t.app, t.db);
  provinceId = (await insertAgency(t.db, 'PV01', 'province')).id;
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: 'test', ip: null });
  frameworkId = row.id;
});
afterAll(async () => t.close());

describe('pending invitations', () => {
  it('lists an invitation with its agency name, resends it (old link dead) and revokes it, audit-logged', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/invitations',
      headers: personas.admin.headers,
      payload: { email: 'new.coordinator@agency.test', role: 'respondent', agencyId: personas.agencyA },
    });
    expect(created.statusCode).toBe(201);
    const first = created.json();
    // The configured public URL, its trailing slash dropped.
    expect(first.link).toMatch(/^https:\/\/survey\.dga\.test\/invite\/[^/]+$/);

    const list = await t.app.inject({ method: 'GET', url: '/api/admin/invitations', headers: personas.admin.headers });
    expect(list.statusCode).toBe(200);
    const pending = list.json().invitations.find((i: { email: string }) => i.email === 'new.coordinator@agency.test');
    const agency = await t.db
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', personas.agencyA)
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({
      id: first.id,
      role: 'respondent',
      agencyId: personas.agencyA,
      agencyName: { th: agency.name_th, en: agency.name_en },
      expired: false,
    });

    const resent = await t.app.inject({
      method: 'POST',
      url: `/api/admin/invitations/${first.id}/resend`,
      headers: personas.admin.headers,
    });
    expect(resent.statusCode).toBe(200);
    const second = resent.json();
    expect(second.id).toBe(first.id);
    expect(token(second.link)).not.toBe(token(first.link));
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${token(first.link)}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${token(second.link)}` })).statusCode).toBe(200);
    expect(await audit('invitation.resend')).toHaveLength(1);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${first.id}`,
      headers: personas.admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    const [entry] = await audit('invitation.revoke');
    expect(entry).toMatchObject({ entity_id: first.id, actor_email: 'admin@test.dga.or.th' });
    // The revoked link no longer opens nor sets a password.
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${token(second.link)}` })).statusCode).toBe(409);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token(second.link)}/accept`,
      payload: { password: 'A-long-enough-passphrase-2566' },
    });
    expect(accept.statusCode).toBe(409);
    const after = await t.app.inject({ method: 'GET', url: '/api/admin/invitations', headers: personas.admin.headers });
    expect(after.json().invitations.map((i: { id: string }) => i.id)).not.toContain(first.id);
    // Revoking twice is a clear conflict, not a silent success.
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/invitations/${first.id}`,
      headers: personas.admin.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses the list, resend and revoke to an analyst', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/invitations', headers: personas.analyst.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('public URL', () => {
  it('warns in production when PUBLIC_URL is unset, and not when it is set', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', JWT_SECRET: 'x'.repeat(40) };
    const unset = loadConfig(env);
    expect(configWarnings(unset, env).join(' ')).toMatch(/PUBLIC_URL is not set/);
    const withUrl = { ...env, PUBLIC_URL: 'https://survey.dga.or.th' };
    expect(configWarnings(loadConfig(withUrl), withUrl)).toEqual([]);
    const dev = { NODE_ENV: 'development' };
    expect(configWarnings(loadConfig(dev), dev)).toEqual([]);
  });
});

describe('audit log for people', () => {
  it('names the actor and the user an entry concerns', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit?action=invitation.revoke',
      headers: personas.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const admin = await t.db
      .selectFrom('users')
      .select('display_name')
      .where('email', '=', 'admin@test.dga.or.th')
      .executeTakeFirstOrThrow();
    expect(res.json().entries[0].actorName).toBe(admin.display_name);
  });
});

describe('cycle tracks', () => {
  it('invites only the chosen track when a cycle is created', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: personas.admin.headers,
      payload: {
        fiscalYear: 2027,
        frameworkId,
        opensAt: '2027-06-01T00:00:00+07:00',
        closesAt: '2027-08-31T23:59:59+07:00',
        tracks: ['province'],
      },
    });
    expect(res.statusCode).toBe(201);
    const invited = await t.db
      .selectFrom('cycle_agencies')
      .select('agency_id')
      .where('cycle_id', '=', res.json().id)
      .execute();
    expect(invited.map((r) => r.agency_id)).toEqual([provinceId]);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: personas.admin.headers,
      payload: {
        fiscalYear: 2028,
        frameworkId,
        opensAt: '2028-06-01T00:00:00+07:00',
        closesAt: '2028-08-31T23:59:59+07:00',
        tracks: [],
      },
    });
    expect(bad.statusCode).toBe(400);
  });
});
