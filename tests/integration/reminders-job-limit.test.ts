import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * An immediate sending takes one of the user's background-job places. When the user already has
 * as many jobs as allowed, the request is refused with 429 and leaves nothing behind: no reminder
 * stuck 'scheduled' without a job (the board would show it "scheduled" forever), no audit entry.
 */
let t: TestApp;
let smtp: SmtpCapture;
let analyst: SignedIn;
let analystId: number;
let cycleId: number;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await createTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'DGA <survey@dga.test>',
    PUBLIC_URL: 'https://s.dga.test',
    JOBS_PER_USER: '1',
  });
  const { f2566 } = await seedFrameworks(t.db);
  cycleId = (
    await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'การสำรวจ 2566',
        name_en: 'Survey 2023',
        framework_id: f2566.id,
        status: 'open',
        opens_at: new Date(Date.now() - 86_400_000),
        closes_at: '2030-06-30T10:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const code of ['L1', 'L2']) {
    const agency = await insertAgency(t.db, code);
    await t.db.insertInto('cycle_agencies').values({ cycle_id: cycleId, agency_id: agency.id }).execute();
    await insertUser(t.db, `resp@${code.toLowerCase()}.test`, 'respondent', agency.id);
  }
  analystId = (await insertUser(t.db, 'analyst@dga.test', 'analyst')).id;
  analyst = await signIn(t.app, 'analyst@dga.test');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const send = () =>
  t.app.inject({ method: 'POST', url: `/api/reminders/cycles/${cycleId}/send`, headers: analyst.headers, payload: {} });
const count = async (table: 'reminders' | 'audit_log', where?: string) => {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (table === 'audit_log' && where) q = q.where('action', '=', where);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('reminders and the per-user job limit', () => {
  it('a sending refused by the job limit answers 429 and records nothing', async () => {
    // The analyst's one place is taken by a job still queued.
    const busy = await t.db
      .insertInto('background_jobs')
      .values({ id: crypto.randomUUID(), kind: 'raw-export', created_by: analystId, params: '{}', total: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await send();
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/งานเบื้องหลัง/);
    expect(res.json().error.message).toMatch(/at most 1/);
    expect(await count('reminders')).toBe(0);
    expect(await count('audit_log', 'reminder.send')).toBe(0);
    const log = (
      await t.app.inject({ method: 'GET', url: `/api/reminders/cycles/${cycleId}`, headers: analyst.headers })
    ).json();
    expect(log.recent).toEqual([]);
    expect(log.latest).toEqual([]);

    // Once the place is free the same request goes through, and the agencies were not marked as
    // recently reminded by the refused attempt.
    await t.db.updateTable('background_jobs').set({ status: 'done' }).where('id', '=', busy.id).execute();
    const ok = await send();
    expect(ok.statusCode).toBe(202);
    expect(ok.json().queued).toBe(2);
    expect(await count('reminders')).toBe(2);
    await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(2);
  });
});
