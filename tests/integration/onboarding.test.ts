import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Bulk onboarding: an administrator uploads the agencies' contacts; a list with any problem is
 * refused whole with each problem by row and column; a good one is mailed by a background job,
 * and each person's invitation is followed from sent to opened and accepted, or bounced.
 */
let t: TestApp;
let smtp: SmtpCapture;
let admin: SignedIn;

beforeAll(async () => {
  smtp = await startSmtpCapture({ reject: (a) => a.startsWith('nobody@') });
  t = await createTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'DGA <survey@dga.test>',
    PUBLIC_URL: 'https://survey.dga.test',
  });
  await insertAgency(t.db, 'OB01');
  await insertAgency(t.db, 'OB02', 'province');
  await insertUser(t.db, 'admin@onboard.test', 'admin');
  await insertUser(t.db, 'analyst@onboard.test', 'analyst');
  await insertUser(t.db, 'existing@onboard.test', 'analyst');
  admin = await signIn(t.app, 'admin@onboard.test');
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const upload = (who: SignedIn, name: string, content: Buffer, type = 'text/csv') => {
  const body = multipart({}, { name, content, type });
  return t.app.inject({
    method: 'POST',
    url: '/api/admin/onboarding',
    headers: { ...who.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`);
const batchOf = async (id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/admin/onboarding/${id}`, headers: admin.headers })).json();
const waitForJob = (jobId: string) =>
  expect
    .poll(
      async () =>
        (await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: admin.headers })).json().status,
      {
        timeout: 60_000,
        interval: 200,
      },
    )
    .toBe('done');

describe('bulk onboarding', () => {
  it('refuses a list with problems, naming every row and column, and invites nobody', async () => {
    const res = await upload(
      admin,
      'contacts.csv',
      csv([
        'agency_code,name,email,role',
        'OB01,สมชาย ใจดี,somchai@ob01.go.th,cio',
        'ZZ99,ไม่มี หน่วยงาน,x@zz.go.th,respondent',
        'OB01,,not-an-email,boss',
        'OB02,ซ้ำ ซ้อน,somchai@ob01.go.th,viewer',
        'OB02,มี บัญชี,existing@onboard.test,viewer',
      ]),
    );
    expect(res.statusCode, res.body).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('IMPORT_INVALID');
    const found = (error.details.errors as { row: number; column: string }[]).map((e) => `${e.row}:${e.column}`);
    expect(found).toEqual(['3:agency_code', '4:name', '4:email', '4:role', '5:email', '6:email']);
    expect(error.details.errors[0].message).toContain('ZZ99');
    expect(await t.db.selectFrom('onboarding_contacts').selectAll().execute()).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);
  });

  it('names a missing column', async () => {
    const res = await upload(admin, 'contacts.csv', csv(['agency_code,name,email', 'OB01,ก ข,a@ob01.go.th']));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors[0]).toMatchObject({ row: 1, column: 'role' });
  });

  it('mails each person from an XLSX with Thai headers, and follows them to opened, accepted and bounced', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('รายชื่อ');
    ws.addRow(['รหัสหน่วยงาน', 'ชื่อ-นามสกุล', 'อีเมล', 'บทบาท']);
    ws.addRow(['OB01', 'สมหญิง รักงาน', 'Somying@OB01.go.th', 'cio']);
    ws.addRow(['OB01', 'มานะ ขยัน', 'mana@ob01.go.th', 'ผู้ประสานงาน']);
    ws.addRow(['OB02', 'ปิติ ยินดี', 'nobody@ob02.go.th', 'viewer']);
    const res = await upload(
      admin,
      'contacts.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode, res.body).toBe(202);
    const { batchId, jobId, total } = res.json();
    expect(total).toBe(3);
    await waitForJob(jobId);

    let batch = await batchOf(batchId);
    const status = (email: string) => batch.contacts.find((c: { email: string }) => c.email === email)?.status;
    expect(status('somying@ob01.go.th')).toBe('sent');
    expect(status('mana@ob01.go.th')).toBe('sent');
    expect(status('nobody@ob02.go.th')).toBe('bounced');
    expect(batch.contacts.find((c: { email: string }) => c.email === 'nobody@ob02.go.th').error).toContain('550');
    expect(batch.counts).toEqual({ sent: 2, bounced: 1 });
    // A bounced link must not work: nothing usable was left behind for it.
    const open = await t.db
      .selectFrom('invitations')
      .select('email')
      .where('email', '=', 'nobody@ob02.go.th')
      .execute();
    expect(open).toHaveLength(0);

    const mail = smtp.mails.find((m) => m.to.includes('somying@ob01.go.th'));
    const link = mail?.text.match(/https:\/\/survey\.dga\.test\/invite\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    const token = link?.[1] as string;

    const info = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(info.statusCode).toBe(200);
    batch = await batchOf(batchId);
    expect(status('somying@ob01.go.th')).toBe('opened');

    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'Long-enough-password-2567' },
    });
    expect(accept.statusCode, accept.body).toBeLessThan(300);
    batch = await batchOf(batchId);
    expect(status('somying@ob01.go.th')).toBe('accepted');
    const user = await t.db
      .selectFrom('users')
      .select(['display_name', 'role'])
      .where('email', '=', 'somying@ob01.go.th')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ display_name: 'สมหญิง รักงาน', role: 'cio' });

    const list = await t.app.inject({ method: 'GET', url: '/api/admin/onboarding', headers: admin.headers });
    expect(list.json().batches[0]).toMatchObject({
      id: batchId,
      total: 3,
      counts: { accepted: 1, sent: 1, bounced: 1 },
    });

    // Resending mails only the undelivered one, with a new link.
    const before = smtp.mails.length;
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/admin/onboarding/${batchId}/resend`,
      headers: admin.headers,
    });
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().total).toBe(1);
    await waitForJob(again.json().jobId);
    expect(smtp.mails.length).toBe(before); // refused again at RCPT TO: nothing delivered
    expect((await batchOf(batchId)).counts).toEqual({ accepted: 1, sent: 1, bounced: 1 });

    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'onboarding.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['onboarding.resend', 'onboarding.upload']);
  });

  it('is for administrators only', async () => {
    const analyst = await signIn(t.app, 'analyst@onboard.test');
    expect((await upload(analyst, 'c.csv', csv(['agency_code,name,email,role']))).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/admin/onboarding', headers: analyst.headers })).statusCode,
    ).toBe(403);
  });

  it('judges the file by its bytes', async () => {
    const res = await upload(admin, 'contacts.csv', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'text/csv');
    expect(res.statusCode).toBe(415);
  });
});

describe('bulk onboarding and the per-user job limit', () => {
  it('an upload refused by the job limit answers 429 and leaves no batch, invitation or audit entry behind', async () => {
    const adminId = (
      await t.db.selectFrom('users').select('id').where('email', '=', 'admin@onboard.test').executeTakeFirstOrThrow()
    ).id;
    const active = Number(
      (
        await t.db
          .selectFrom('background_jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('created_by', '=', adminId)
          .where('status', 'in', ['queued', 'running'])
          .executeTakeFirstOrThrow()
      ).n,
    );
    // Every one of the administrator's places is taken by a job still queued.
    const busy = await t.db
      .insertInto('background_jobs')
      .values(
        Array.from({ length: Math.max(0, 2 - active) + 1 }, () => ({
          id: crypto.randomUUID(),
          kind: 'raw-export' as const,
          created_by: adminId,
          params: '{}',
          total: 0,
        })),
      )
      .returning('id')
      .execute();
    const count = async (table: 'onboarding_batches' | 'onboarding_contacts') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { batches: await count('onboarding_batches'), contacts: await count('onboarding_contacts') };
    const audits = async () =>
      Number(
        (
          await t.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'onboarding.upload')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditsBefore = await audits();
    try {
      const res = await upload(
        admin,
        'late.csv',
        csv(['agency_code,name,email,role', 'OB01,ค ง,late@ob01.go.th,viewer']),
      );
      expect(res.statusCode, res.body).toBe(429);
      expect(res.json().error.message).toMatch(/งานเบื้องหลัง/);
      expect(await count('onboarding_batches')).toBe(before.batches);
      expect(await count('onboarding_contacts')).toBe(before.contacts);
      expect(await audits()).toBe(auditsBefore);
    } finally {
      await t.db
        .deleteFrom('background_jobs')
        .where(
          'id',
          'in',
          busy.map((b) => b.id),
        )
        .execute();
    }
  });
});

describe('without outgoing mail', () => {
  it('refuses bulk invitations with a clear reason', async () => {
    const plain = await createTestApp();
    try {
      await insertAgency(plain.db, 'OB09');
      await insertUser(plain.db, 'admin@nomail.test', 'admin');
      const who = await signIn(plain.app, 'admin@nomail.test');
      const body = multipart(
        {},
        { name: 'c.csv', content: csv(['agency_code,name,email,role', 'OB09,ก ข,a@ob09.go.th,cio']), type: 'text/csv' },
      );
      const res = await plain.app.inject({
        method: 'POST',
        url: '/api/admin/onboarding',
        headers: { ...who.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('SMTP_URL');
    } finally {
      await plain.close();
    }
  });
});
