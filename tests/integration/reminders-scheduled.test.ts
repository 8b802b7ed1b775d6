import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { openCycleWithAgencies } from '../support/open-cycle';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Reminders scheduled for later (the queue holds the job until its time; staff can cancel it
 * before) and the choice of audience: non-submitters, or those with returned items (whose mail
 * lists the returned questions).
 *
 * Invited: S1 not started, S2 returned (two answers rejected), S3 in progress.
 */
let t: TestApp;
let smtp: SmtpCapture;
let analyst: SignedIn;
let cycleId: number;
const id: Record<string, number> = {};

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'DGA <survey@dga.test>', PUBLIC_URL: 'https://s.dga.test' });
  const { f2566 } = await seedFrameworks(t.db);
  const opened = await openCycleWithAgencies(t.db, f2566.id, ['S1', 'S2', 'S3']);
  cycleId = opened.cycleId;
  Object.assign(id, opened.id);
  for (const code of ['S1', 'S2', 'S3'])
    await insertUser(t.db, `resp@${code.toLowerCase()}.test`, 'respondent', id[code]);
  const returned = await t.db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: id.S2 as number, status: 'returned', submitted_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: id.S3 as number, status: 'in_progress' })
    .execute();
  for (const [code, verification] of [
    ['Q2.1', 'rejected'],
    ['Q1.3', 'rejected'],
    ['Q1.1', 'verified'],
  ] as const) {
    await t.db
      .insertInto('answers')
      .values({ response_id: returned.id, question_code: code, value: JSON.stringify(1), verification })
      .execute();
  }
  await insertUser(t.db, 'analyst@dga.test', 'analyst');
  analyst = await signIn(t.app, 'analyst@dga.test');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const url = (path = '') => `/api/reminders/cycles/${cycleId}${path}`;
const post = (path: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: url(path), headers: analyst.headers, payload });
const reminderLog = async () => (await t.app.inject({ method: 'GET', url: url(), headers: analyst.headers })).json();
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
const codes = (p: { targets: { code: string }[] }) => p.targets.map((x) => x.code);

describe('reminders: a choice of audience', () => {
  it('non-submitters, those with returned items, or every agency not yet submitted', async () => {
    expect(codes((await post('/preview')).json())).toEqual(['S1', 'S2', 'S3']);
    expect(codes((await post('/preview', { audience: 'not_submitted' })).json())).toEqual(['S1', 'S3']);
    const returned = (await post('/preview', { audience: 'returned' })).json();
    expect(codes(returned)).toEqual(['S2']);
    // The returned-items mail says so and lists the questions sent back, in Thai and English.
    expect(returned.text).toContain('ถูกส่งกลับให้แก้ไข');
    expect(returned.text).toContain('ข้อที่ส่งกลับให้แก้ไข 2 ข้อ: Q1.3, Q2.1');
    expect(returned.text).toContain('Items returned for changes (2): Q1.3, Q2.1');
    expect((await post('/preview', { audience: 'everyone' })).statusCode).toBe(400);
  });
});

describe('reminders scheduled for later', () => {
  it('refuse a send time long past or too far ahead', async () => {
    const past = await post('/send', { agencyIds: [id.S1], sendAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toContain('sendAt');
    const far = await post('/send', {
      agencyIds: [id.S1],
      sendAt: new Date(Date.now() + 100 * 86_400_000).toISOString(),
    });
    expect(far.statusCode).toBe(400);
    expect((await reminderLog()).recent).toEqual([]);
  });

  it('are not sent before their time, are shown pending, and are sent after it', async () => {
    const sendAt = new Date(Date.now() + 6_000);
    const res = await post('/send', { audience: 'returned', sendAt: sendAt.toISOString() });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ queued: 1, sendAt: sendAt.toISOString() });
    const log = await reminderLog();
    expect(log.pending).toEqual([
      { jobId: res.json().jobId, scheduledFor: sendAt.toISOString(), count: 1, createdBy: expect.any(Object) },
    ]);
    expect(log.latest).toEqual([expect.objectContaining({ agencyId: id.S2, status: 'scheduled' })]);
    // Scheduled ahead counts as reminded: the same agency is not reminded twice meanwhile.
    expect((await post('/send', { agencyIds: [id.S2] })).statusCode).toBe(409);

    // The worker polls every second: three seconds before the time, nothing may have gone.
    await new Promise((r) => setTimeout(r, Math.max(0, sendAt.getTime() - Date.now() - 3_000)));
    expect(mailsTo('resp@s2.test')).toHaveLength(0);
    expect((await reminderLog()).latest[0].status).toBe('scheduled');

    await expect.poll(() => mailsTo('resp@s2.test').length, { timeout: 60_000, interval: 250 }).toBe(1);
    const sent = (await reminderLog()).recent.find((r: { agencyCode: string }) => r.agencyCode === 'S2');
    expect(sent.status).toBe('sent');
    expect(new Date(sent.sentAt).getTime()).toBeGreaterThanOrEqual(sendAt.getTime());
    expect(mailsTo('resp@s2.test')[0]?.text).toContain('Q1.3, Q2.1');
    expect((await reminderLog()).pending).toEqual([]);
  });

  it('cancelled before their time, are never sent', async () => {
    const sendAt = new Date(Date.now() + 4_000);
    const res = await post('/send', { audience: 'not_submitted', sendAt: sendAt.toISOString() });
    expect(res.statusCode).toBe(202);
    expect(res.json().queued).toBe(2);
    const jobId = res.json().jobId as string;
    const cancel = await post(`/sendings/${jobId}/cancel`);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toEqual({ cancelled: 2 });
    expect((await reminderLog()).pending).toEqual([]);
    expect((await post(`/sendings/${jobId}/cancel`)).statusCode).toBe(409);
    expect((await post('/sendings/00000000-0000-4000-8000-000000000000/cancel')).statusCode).toBe(404);

    // The queued job still runs at its time and finds nothing left to mail.
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('background_jobs').select('status').where('id', '=', jobId).executeTakeFirst())
            ?.status,
        { timeout: 60_000, interval: 250 },
      )
      .toBe('done');
    expect(mailsTo('resp@s1.test')).toHaveLength(0);
    expect(mailsTo('resp@s3.test')).toHaveLength(0);
    const log = await reminderLog();
    expect(log.recent.filter((r: { status: string }) => r.status === 'cancelled')).toHaveLength(2);
    // A cancelled reminder does not count as reminded: the agencies may be reminded now.
    expect(log.latest.map((l: { agencyId: number }) => l.agencyId)).toEqual([id.S2]);
    expect((await post('/preview', { audience: 'not_submitted' })).json().toSend).toBe(2);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('agency_id')
      .where('action', '=', 'reminder.cancel')
      .execute();
    expect(audit.map((a) => a.agency_id).sort()).toEqual([id.S1, id.S3].sort());
  });
});
