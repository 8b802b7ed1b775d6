import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';

describe.skipIf(!hasBrowser)('bulk onboarding in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture({ reject: (a) => a.startsWith('nobody@') });
    server = await startLiveServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
    await insertAgency(server.db, 'BK01');
    await insertAgency(server.db, 'BK02', 'province');
    await insertUser(server.db, 'admin@bulk-e2e.test', 'admin');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const csv = (lines: string[]) => Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);

  it('shows every problem by row, then mails a good list and shows each person’s status', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('admin@bulk-e2e.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'เชิญแบบกลุ่ม' }).click();
    await page.getByRole('heading', { name: 'เชิญบุคลากรของหน่วยงานแบบกลุ่ม' }).waitFor({ timeout: 20_000 });

    const file = page.locator('input[type=file]');
    await file.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: csv(['รหัสหน่วยงาน,ชื่อ-นามสกุล,อีเมล,บทบาท', 'XX01,ก ข,a@x.go.th,cio', 'BK01,ค ง,not-mail,cio']),
    });
    await page.getByRole('button', { name: 'ตรวจและส่งคำเชิญ' }).click();
    const errors = page.getByTestId('onboarding-errors');
    await errors.waitFor({ timeout: 20_000 });
    expect(await errors.getByRole('row').count()).toBe(3);
    expect(await errors.textContent()).toContain('XX01');
    expect(smtp.mails).toHaveLength(0);

    await file.setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: csv([
        'รหัสหน่วยงาน,ชื่อ-นามสกุล,อีเมล,บทบาท',
        'BK01,สมหญิง รักงาน,somying@bk01.go.th,cio',
        'BK02,ปิติ ยินดี,nobody@bk02.go.th,viewer',
      ]),
    });
    await page.getByRole('button', { name: 'ตรวจและส่งคำเชิญ' }).click();
    const batch = page.getByTestId('onboarding-batch');
    await expect
      .poll(async () => (await batch.count()) > 0 && ((await batch.textContent()) ?? ''), { timeout: 60_000 })
      .toMatch(/ส่งแล้ว[\s\S]*ส่งไม่ถึง|ส่งไม่ถึง[\s\S]*ส่งแล้ว/);
    expect(await batch.textContent()).toContain('สมหญิง รักงาน');
    expect(smtp.mails.flatMap((m) => m.to)).toEqual(['somying@bk01.go.th']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'onboarding-1366');

    await page.setViewportSize({ width: 390, height: 844 });
    // The navigation collapses with a transition after the resize: judge the settled layout.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), { timeout: 15_000 })
      .toBe(false);
    await screenshot(page, 'onboarding-390');
    await context.close();
  }, 180_000);
});
