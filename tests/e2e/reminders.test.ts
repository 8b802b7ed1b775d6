import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks } from '../../seeds/seed';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { insertOpenCycle } from '../support/open-cycle';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';

const WAIT = { timeout: 60_000 };

/**
 * An analyst reminds the agencies that have not submitted from the monitoring board: previews the
 * Thai and English mail, sends, and sees each agency's last reminder (B.E. date); the mail reaches
 * the test's SMTP server, and a second sending leaves the reminded agencies out.
 */
describe.skipIf(!hasBrowser)('reminders from the monitoring board in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startLiveServer({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://survey.dga.test' });
    browser = await launchBrowser();
    const { f2566 } = await seedFrameworks(server.db);
    const cycleId = await insertOpenCycle(server.db, f2566.id);
    for (const [code, status] of [
      ['RM01', 'in_progress'],
      ['RM02', 'submitted'],
      ['RM03', null],
    ] as const) {
      const a = await insertAgency(server.db, code);
      await server.db.insertInto('cycle_agencies').values({ cycle_id: cycleId, agency_id: a.id }).execute();
      if (status) {
        await server.db
          .insertInto('responses')
          .values({
            cycle_id: cycleId,
            agency_id: a.id,
            status,
            submitted_at: status === 'submitted' ? new Date() : null,
          })
          .execute();
      }
      await insertUser(server.db, `cio@${code.toLowerCase()}.go.th`, 'cio', a.id);
    }
    await insertUser(server.db, 'analyst@remind-e2e.test', 'analyst');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  /** The analyst signed in, on the monitoring page with the not-submitted list loaded. */
  async function analystOnMonitoring() {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('analyst@remind-e2e.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor(WAIT);
    await page.goto(`${server.baseUrl}/monitoring`);
    await page.getByTestId('not-submitted-RM01').waitFor(WAIT);
    return { context, page };
  }

  it('previews, sends and shows who was reminded when', async () => {
    const { context, page } = await analystOnMonitoring();
    expect(await page.getByTestId('last-reminded-RM01').textContent()).toBe('ยังไม่เคยแจ้งเตือน');

    await page.getByTestId('remind-all').click();
    const dialog = page.getByRole('dialog', { name: 'แจ้งเตือนหน่วยงานที่ยังไม่ส่งแบบสำรวจ' });
    await expect
      .poll(() => dialog.getByTestId('reminder-counts').textContent(), WAIT)
      .toBe('จะส่งอีเมลถึง 2 หน่วยงาน · ข้าม 0 หน่วยงาน');
    const text = (await dialog.getByTestId('reminder-text').textContent()) ?? '';
    expect(text).toContain('เรียน หน่วยงาน RM01');
    expect(text).toContain('Dear Agency RM01');
    expect(text).toContain('https://survey.dga.test/questionnaire');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'reminders-preview-1366');
    await dialog.getByRole('button', { name: 'ส่งอีเมลแจ้งเตือน (2)' }).click();

    await expect.poll(() => smtp.mails.flatMap((m) => m.to).sort(), WAIT).toEqual(['cio@rm01.go.th', 'cio@rm03.go.th']);
    // The column follows the job: a Buddhist-Era date once the mail went out.
    const yearBE = String(new Date().getFullYear() + 543);
    await expect.poll(() => page.getByTestId('last-reminded-RM01').textContent(), WAIT).toContain('ส่งแล้ว');
    expect(await page.getByTestId('last-reminded-RM01').textContent()).toContain(yearBE);

    // Selected again at once: left out, with the reason, and nothing to send.
    await page.getByRole('checkbox', { name: 'เลือก หน่วยงาน RM01 (RM01)' }).check();
    await page.getByTestId('remind-selected').click();
    await expect
      .poll(() => dialog.getByTestId('reminder-counts').textContent(), WAIT)
      .toBe('จะส่งอีเมลถึง 0 หน่วยงาน · ข้าม 1 หน่วยงาน');
    expect(await dialog.getByTestId('reminder-skipped').textContent()).toContain('เพิ่งได้รับการเตือน');
    expect(await dialog.getByRole('button', { name: 'ส่งอีเมลแจ้งเตือน (0)' }).isDisabled()).toBe(true);
    expect(smtp.mails).toHaveLength(2);
    await context.close();
  }, 240_000);

  it('schedules a sending for a chosen Bangkok time (B.E. day), shows it pending and cancels it', async () => {
    // The first sending is moved back past the interval, so both agencies may be reminded again.
    const past = new Date(Date.now() - 73 * 3_600_000);
    await server.db.updateTable('reminders').set({ sent_at: past, scheduled_for: past, created_at: past }).execute();
    const mailed = smtp.mails.length;
    const { context, page } = await analystOnMonitoring();

    await page.getByTestId('remind-all').click();
    const dialog = page.getByRole('dialog', { name: 'แจ้งเตือนหน่วยงานที่ยังไม่ส่งแบบสำรวจ' });
    await expect
      .poll(() => dialog.getByTestId('reminder-counts').textContent(), WAIT)
      .toBe('จะส่งอีเมลถึง 2 หน่วยงาน · ข้าม 0 หน่วยงาน');
    await dialog.getByRole('radio', { name: 'ตั้งเวลาส่ง' }).check();
    // Tomorrow at 09:30 Bangkok time, the day typed as a Thai reader does (DD/MM/B.E.).
    const day = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const dayInput = dialog.getByLabel('วันที่');
    await dayInput.focus();
    await dayInput.pressSequentially(`${day.slice(8, 10)}/${day.slice(5, 7)}/${Number(day.slice(0, 4)) + 543}`);
    await dayInput.press('Tab');
    await dialog.getByLabel('เวลา ชั่วโมง').fill('09');
    await dialog.getByLabel('เวลา นาที').fill('30');
    const schedule = dialog.getByRole('button', { name: 'ตั้งเวลาส่งการแจ้งเตือน (2)' });
    await expect.poll(() => schedule.isEnabled(), WAIT).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'reminders-schedule-1366');
    await schedule.click();
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);

    const pending = page.getByTestId('scheduled-reminder');
    await expect.poll(() => pending.count(), WAIT).toBe(1);
    const when = await pending.textContent();
    expect(when).toContain(String(Number(day.slice(0, 4)) + 543));
    expect(when).toContain('09:30');
    expect(when).toContain('2 หน่วยงาน');
    const row = await server.db
      .selectFrom('reminders')
      .select('scheduled_for')
      .where('status', '=', 'scheduled')
      .execute();
    expect(row.map((r) => new Date(r.scheduled_for).toISOString())).toEqual(
      Array(2).fill(new Date(`${day}T09:30:00+07:00`).toISOString()),
    );
    await expect.poll(() => page.getByTestId('last-reminded-RM01').textContent(), WAIT).toContain('ตั้งเวลาส่งไว้');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await pending.getByRole('button', { name: /^ยกเลิกการแจ้งเตือนที่ตั้งเวลาไว้/ }).click();
    await expect.poll(() => pending.count(), WAIT).toBe(0);
    const statuses = await server.db
      .selectFrom('reminders')
      .select('status')
      .where('scheduled_for', '>', new Date())
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(smtp.mails).toHaveLength(mailed);
    await context.close();
  }, 240_000);
});
