import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../server/src/modules/privacy/privacy-notice';
import { applyRetention } from '../../server/src/modules/privacy/retention.service';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: SignedIn;
let subjectId: number;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ AUDIT_IP_RETENTION_DAYS: '90', DISABLED_ACCOUNT_RETENTION_DAYS: '365' });
  const agency = await insertAgency(t.db, 'PV01');
  subjectId = (await insertUser(t.db, 'subject@privacy.go.th', 'respondent', agency.id)).id;
  await insertUser(t.db, 'other@privacy.go.th', 'respondent', agency.id);
  await insertUser(t.db, 'admin@privacy.dga.test', 'admin');
  admin = await signIn(t.app, 'admin@privacy.dga.test');
});
afterAll(async () => t.close());

describe('privacy notice (PDPA)', () => {
  it('is unacknowledged at first sign-in, records the acknowledgement with version and time, and returns on a new version', async () => {
    const who = await signIn(t.app, 'subject@privacy.go.th');
    const first = await t.app.inject({ method: 'GET', url: '/api/privacy/notice', headers: who.headers });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: PRIVACY_NOTICE_VERSION, acknowledged: false, acknowledgedAt: null });
    expect(first.json().title.th).toContain('คุ้มครองข้อมูลส่วนบุคคล');
    expect(JSON.stringify(first.json().sections)).toContain('90');

    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/acknowledgement',
      headers: who.headers,
      payload: { version: '2000-01-01' },
    });
    expect(stale.statusCode).toBe(409);
    const ack = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/acknowledgement',
      headers: who.headers,
      payload: { version: PRIVACY_NOTICE_VERSION },
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledged: true, acknowledgedVersion: PRIVACY_NOTICE_VERSION });
    const row = await t.db
      .selectFrom('users')
      .select(['privacy_ack_version', 'privacy_ack_at'])
      .where('id', '=', subjectId)
      .executeTakeFirstOrThrow();
    expect(row.privacy_ack_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(Date.now() - (row.privacy_ack_at?.getTime() ?? 0)).toBeLessThan(60_000);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.acknowledged').execute();
    expect(audit).toHaveLength(1);

    // An older acknowledged version counts for nothing once the notice changes.
    await t.db.updateTable('users').set({ privacy_ack_version: '2025-01-01' }).where('id', '=', subjectId).execute();
    const again = await t.app.inject({ method: 'GET', url: '/api/privacy/notice', headers: who.headers });
    expect(again.json()).toMatchObject({ acknowledged: false, acknowledgedVersion: '2025-01-01' });
  });
});

describe('subject-access export', () => {
  it("contains the person's profile, sessions and audit entries, and nothing of anyone else's", async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'subject@privacy.go.th', password: 'Correct-horse-42' },
      remoteAddress: '192.0.2.31',
    });
    await signIn(t.app, 'other@privacy.go.th');
    // An administrator (from their own address) changes the subject's name: an entry about them by another.
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${subjectId}`,
      headers: admin.headers,
      remoteAddress: '192.0.2.99',
      payload: { displayName: 'ผอ. ทดสอบ' },
    });
    expect(patch.statusCode).toBe(200);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users/${subjectId}/personal-data`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.profile).toMatchObject({ id: subjectId, email: 'subject@privacy.go.th', displayName: 'ผอ. ทดสอบ' });
    expect(data.sessions.length).toBeGreaterThanOrEqual(2);
    expect(data.sessions.some((s: { ip: string }) => s.ip === '192.0.2.31')).toBe(true);
    const actions = data.auditEntries.map((e: { action: string }) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('privacy.acknowledged');
    const byAdmin = data.auditEntries.find((e: { actor: string }) => e.actor === 'other');
    expect(byAdmin).toMatchObject({ ip: null });
    const text = res.body;
    expect(text).not.toContain('other@privacy.go.th');
    expect(text).not.toContain('admin@privacy.dga.test');
    expect(text).not.toContain('192.0.2.99');

    const other = await signIn(t.app, 'other@privacy.go.th');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/admin/users/${subjectId}/personal-data`,
      headers: other.headers,
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('retention', () => {
  it('removes old audit addresses and anonymises long-disabled accounts, leaving recent ones', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 100 * DAY);
    const agency = await insertAgency(t.db, 'PV02');
    const gone = await insertUser(t.db, 'gone@privacy.go.th', 'respondent', agency.id);
    const recent = await insertUser(t.db, 'recent@privacy.go.th', 'respondent', agency.id);
    await t.db
      .updateTable('users')
      .set({ disabled_at: new Date(now.getTime() - 400 * DAY) })
      .where('id', '=', gone.id)
      .execute();
    await t.db
      .updateTable('users')
      .set({ disabled_at: new Date(now.getTime() - 10 * DAY) })
      .where('id', '=', recent.id)
      .execute();
    await t.db
      .insertInto('audit_log')
      .values([
        {
          at: old,
          ip: '10.9.8.7',
          actor_user_id: recent.id,
          actor_email: 'recent@privacy.go.th',
          action: 'auth.login',
          entity_type: 'user',
          entity_id: String(recent.id),
        },
        {
          at: now,
          ip: '10.9.8.8',
          actor_user_id: recent.id,
          actor_email: 'recent@privacy.go.th',
          action: 'auth.login',
          entity_type: 'user',
          entity_id: String(recent.id),
        },
        {
          at: now,
          ip: '10.9.8.9',
          actor_user_id: gone.id,
          actor_email: 'gone@privacy.go.th',
          action: 'user.update',
          entity_type: 'user',
          entity_id: String(gone.id),
          after: JSON.stringify({ displayName: 'Gone Person', role: 'respondent' }),
        },
      ])
      .execute();

    const result = await applyRetention(t.db, t.config, now);
    expect(result.accountsAnonymised).toBe(1);
    expect(result.auditAddressesRemoved).toBeGreaterThanOrEqual(1);

    const ips = await t.db
      .selectFrom('audit_log')
      .select(['ip', 'at'])
      .where('ip', 'in', ['10.9.8.7', '10.9.8.8'])
      .execute();
    expect(ips.map((r) => r.ip)).toEqual(['10.9.8.8']);
    const goneRow = await t.db.selectFrom('users').selectAll().where('id', '=', gone.id).executeTakeFirstOrThrow();
    expect(goneRow.email).not.toContain('gone');
    expect(goneRow.display_name).not.toContain('gone');
    expect(goneRow.password_hash).toBeNull();
    expect(goneRow.anonymised_at).not.toBeNull();
    const goneAudit = await t.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', gone.id).execute();
    expect(goneAudit.length).toBeGreaterThan(0);
    expect(JSON.stringify(goneAudit)).not.toContain('gone@privacy.go.th');
    expect(JSON.stringify(goneAudit)).not.toContain('Gone Person');
    expect(JSON.stringify(goneAudit)).not.toContain('10.9.8.9');
    const recentRow = await t.db.selectFrom('users').selectAll().where('id', '=', recent.id).executeTakeFirstOrThrow();
    expect(recentRow.email).toBe('recent@privacy.go.th');

    // Idempotent, and outside retention the audit log is still append-only.
    expect((await applyRetention(t.db, t.config, now)).accountsAnonymised).toBe(0);
    await expect(sql`update audit_log set ip = null where ip = '10.9.8.8'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
  });
});
