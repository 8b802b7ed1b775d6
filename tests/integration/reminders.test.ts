import type { ReminderPreview } from '@dg/shared/schemas/reminders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { openCycleWithAgencies } from '../support/open-cycle';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Reminders to agencies that have not submitted: previewed in Thai and English, mailed by a
 * background job (captured by a real SMTP receiver), recorded per agency as sent or failed, never
 * twice within the configured interval, audited, and refused to agency accounts.
 *
 * Invited: R1 in progress, R2 returned, R3 not started (its only mailbox refuses mail), R4
 * submitted, R5 without any account. X1 is not invited.
 */
let t: TestApp;
let smtp: SmtpCapture;
let analyst: SignedIn;
let respondent: SignedIn;
let cycleId: number;
const id: Record<string, number> = {};

beforeAll(async () => {
  smtp = await startSmtpCapture({ reject: (a) => a.startsWith('nobody@') });
  t = await createTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'DGA <survey@dga.test>',
    PUBLIC_URL: 'https://survey.dga.test',
  });
  const { f2566 } = await seedFrameworks(t.db);
  const opened = await openCycleWithAgencies(
    t.db,
    f2566.id,
    ['R1', 'R2', 'R3', 'R4', 'R5', 'X1'],
    ['R1', 'R2', 'R3', 'R4', 'R5'],
  );
  cycleId = opened.cycleId;
  Object.assign(id, opened.id);
  const status = { R1: 'in_progress', R2: 'returned', R4: 'submitted' } as const;
  for (const [code, s] of Object.entries(status)) {
    await t.db
      .insertInto('responses')
      .values({
        cycle_id: cycleId,
        agency_id: id[code] as number,
        status: s,
        submitted_at: s === 'in_progress' ? null : new Date(),
      })
      .execute();
  }
  await insertUser(t.db, 'cio@r1.test', 'cio', id.R1);
  await insertUser(t.db, 'resp@r1.test', 'respondent', id.R1);
  await insertUser(t.db, 'resp@r2.test', 'respondent', id.R2);
  await insertUser(t.db, 'nobody@r3.test', 'respondent', id.R3);
  await insertUser(t.db, 'resp@r4.test', 'respondent', id.R4);
  await insertUser(t.db, 'analyst@dga.test', 'analyst');
  analyst = await signIn(t.app, 'analyst@dga.test');
  respondent = await signIn(t.app, 'resp@r1.test');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const url = (path = '') => `/api/reminders/cycles/${cycleId}${path}`;
const post = (who: SignedIn, path: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: url(path), headers: who.headers, payload });
const reminderLog = async () => (await t.app.inject({ method: 'GET', url: url(), headers: analyst.headers })).json();
const waitForJob = (jobId: string) =>
  expect
    .poll(
      async () =>
        (await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: analyst.headers })).json().status,
      { timeout: 60_000, interval: 200 },
    )
    .toBe('done');
const targetOf = (body: ReminderPreview, code: string) => body.targets.find((x) => x.code === code);

describe('reminders to agencies that have not submitted', () => {
  it('are refused to agency accounts', async () => {
    expect((await post(respondent, '/preview')).statusCode).toBe(403);
    expect((await post(respondent, '/send')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: url(), headers: respondent.headers })).statusCode).toBe(403);
    expect(smtp.mails).toHaveLength(0);
  });

  it('preview the Thai and English mail; by default every invited agency not yet submitted', async () => {
    const res = await post(analyst, '/preview');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.targets.map((x: { code: string }) => x.code)).toEqual(['R1', 'R2', 'R3', 'R5']);
    expect(p.toSend).toBe(3);
    expect(targetOf(p, 'R5')?.skip?.reason).toBe('no-recipient');
    expect(targetOf(p, 'R1')).toMatchObject({ kind: 'not_submitted', recipients: ['cio@r1.test', 'resp@r1.test'] });
    expect(targetOf(p, 'R2')?.kind).toBe('returned');
    expect(p.subject).toContain('การสำรวจ 2566');
    expect(p.subject).toContain('Survey 2023');
    expect(p.text).toContain('เรียน หน่วยงาน R1');
    expect(p.text).toContain('พ.ศ. 2566');
    expect(p.text).toContain('Dear Agency R1');
    expect(p.text).toContain('https://survey.dga.test/questionnaire');
    // The deadline in Thai carries the Buddhist-Era year (2030 = 2573).
    expect(p.text).toContain('2573');
    expect(p.minIntervalHours).toBe(72);
    // A preview mails nobody and records nothing.
    expect(smtp.mails).toHaveLength(0);
    expect((await reminderLog()).recent).toEqual([]);
  });

  it('send by a background job, recording each agency as sent, failed or without an account', async () => {
    const res = await post(analyst, '/send');
    expect(res.statusCode).toBe(202);
    const sent = res.json();
    expect(sent.queued).toBe(3);
    expect(sent.skipped.map((x: { code: string; skip: { reason: string } }) => [x.code, x.skip.reason])).toEqual([
      ['R5', 'no-recipient'],
    ]);
    await waitForJob(sent.jobId);

    expect(smtp.mails).toHaveLength(2);
    const toR1 = smtp.mails.find((m) => m.to.includes('cio@r1.test'));
    expect(toR1?.to.sort()).toEqual(['cio@r1.test', 'resp@r1.test']);
    const toR2 = smtp.mails.find((m) => m.to.includes('resp@r2.test'));
    expect(toR2).toBeDefined();

    const log = await reminderLog();
    const status = Object.fromEntries(
      log.latest.map((l: { agencyId: number; status: string }) => [l.agencyId, l.status]),
    );
    expect(status).toEqual({
      [id.R1 as number]: 'sent',
      [id.R2 as number]: 'sent',
      [id.R3 as number]: 'failed',
      [id.R5 as number]: 'no_recipient',
    });
    const r3 = log.recent.find((r: { agencyCode: string }) => r.agencyCode === 'R3');
    expect(r3.error).toMatch(/550|rejected/i);
    const r1 = log.recent.find((r: { agencyCode: string }) => r.agencyCode === 'R1');
    expect(r1).toMatchObject({ kind: 'not_submitted', createdBy: { name: 'analyst' } });
    expect(r1.sentAt).not.toBeNull();
    expect(log.recent.find((r: { agencyCode: string }) => r.agencyCode === 'R2').kind).toBe('returned');

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['agency_id', 'action'])
      .where('action', '=', 'reminder.send')
      .execute();
    expect(audit.map((a) => a.agency_id).sort()).toEqual([id.R1, id.R2, id.R3, id.R5].sort());
  });

  it('never remind an agency twice within the interval; a failed one may be tried again', async () => {
    const p = (await post(analyst, '/preview')).json();
    expect(targetOf(p, 'R1')?.skip?.reason).toBe('recently-reminded');
    expect(targetOf(p, 'R1')?.lastRemindedAt).not.toBeNull();
    expect(targetOf(p, 'R3')?.skip).toBeNull();

    const again = await post(analyst, '/send', { agencyIds: [id.R1, id.R2] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect(again.json().error.message).toContain('72');
    expect(smtp.mails).toHaveLength(2);

    const retry = await post(analyst, '/send', { agencyIds: [id.R1, id.R3] });
    expect(retry.statusCode).toBe(202);
    expect(retry.json().queued).toBe(1);
    expect(retry.json().skipped[0]).toMatchObject({ code: 'R1', skip: { reason: 'recently-reminded' } });
    await waitForJob(retry.json().jobId);

    // Once the interval has passed (the last reminder moved back 73 hours), R1 is reminded again.
    await t.db
      .updateTable('reminders')
      .set({ created_at: new Date(Date.now() - 73 * 3_600_000), sent_at: new Date(Date.now() - 73 * 3_600_000) })
      .where('agency_id', '=', id.R1 as number)
      .execute();
    const later = await post(analyst, '/send', { agencyIds: [id.R1] });
    expect(later.statusCode).toBe(202);
    await waitForJob(later.json().jobId);
    expect(smtp.mails.filter((m) => m.to.includes('cio@r1.test'))).toHaveLength(2);
  });

  it('refuse agencies that submitted, are not invited, or do not exist, saying why', async () => {
    const submitted = await post(analyst, '/send', { agencyIds: [id.R4] });
    expect(submitted.statusCode).toBe(409);
    expect(submitted.json().error.message).toContain('Already submitted');
    const p = (await post(analyst, '/preview', { agencyIds: [id.X1] })).json();
    expect(targetOf(p, 'X1')?.skip?.reason).toBe('not-invited');
    const unknown = await post(analyst, '/send', { agencyIds: [999_999] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('999999');
    expect((await post(analyst, '/send', { agencyIds: [] })).statusCode).toBe(400);
  });
});
