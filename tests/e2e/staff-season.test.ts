import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework, loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { storeCompleteResponse } from '../support/complete-response';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { type SmtpCapture, startSmtpCapture } from '../support/smtp-capture';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const bangkokDay = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** A day as a Thai reader types it: DD/MM/B.E. */
const typedBE = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${Number(iso.slice(0, 4)) + 543}`;

describe.skipIf(!hasBrowser)('a survey season run by DGA staff in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await startLiveServer({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://survey.dga.test' });
    browser = await launchBrowser();
    await importFramework(server.db, dgrs2566, { userId: null, email: null, ip: null });
    const agency = await insertAgency(server.db, 'SS01');
    await insertUser(server.db, 'admin@season.test', 'admin');
    await insertUser(server.db, 'resp@season.test', 'respondent', agency.id);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function axeClean(page: Page, where: string) {
    expect(await seriousA11yViolations(page), where).toEqual([]);
  }

  async function dialog(page: Page) {
    const d = page.getByRole('dialog');
    await expect.poll(() => d.count(), { timeout: 15_000 }).toBe(1);
    return d;
  }

  async function closed(page: Page) {
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);
  }

  it('creates a cycle, invites a coordinator, opens, extends, reminds non-submitters, closes and publishes, exports charts and reads the audit log', {
    timeout: 400_000,
  }, async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('admin@season.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 20_000 }).toBe(1);

    // 1. Create the cycle of B.E. 2570 (C.E. 2027) from the 2566 framework.
    await page.goto(`${server.baseUrl}/admin/cycles`);
    await page.getByRole('button', { name: 'สร้างรอบการสำรวจ' }).click();
    let d = await dialog(page);
    await d.getByLabel('ปีงบประมาณ (พ.ศ.)').fill('2570');
    await d.getByRole('combobox', { name: 'กรอบการประเมิน' }).click();
    await page.getByRole('option', { name: /DGRS-2566/ }).click();
    const opens = d.getByLabel('วันเปิดรับคำตอบ');
    await opens.focus();
    await opens.pressSequentially(typedBE(bangkokDay(0)));
    await opens.press('Tab');
    const closes = d.getByLabel('วันปิดรับคำตอบ');
    await closes.focus();
    await closes.pressSequentially(typedBE(bangkokDay(30)));
    await closes.press('Tab');
    await d.getByLabel('ให้ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ลงนามก่อนส่ง').uncheck();
    // The consequence is stated before the button is pressed.
    await expect
      .poll(() => d.getByTestId('create-consequence').textContent(), { timeout: 15_000 })
      .toContain('เชิญหน่วยงานที่ใช้งานอยู่ 1 แห่ง');
    await axeClean(page, 'create cycle dialog');
    await screenshot(page, 'season-create-cycle-1366');
    await d.getByRole('button', { name: 'สร้างรอบ (ร่าง)' }).click();
    await closed(page);
    const row = page.locator('tr[data-cycle="2027"]');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('ร่าง');
    const cycle = await server.db
      .selectFrom('cycles')
      .selectAll()
      .where('fiscal_year', '=', 2027)
      .executeTakeFirstOrThrow();
    expect(cycle.signoff_required).toBe(false);
    await axeClean(page, 'cycles page');

    // 2. Invite a coordinator: the agency by name, the invitation pending, resent; a wrong one revoked.
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByLabel('อีเมล').fill('coord@season.test');
    await page.getByRole('combobox', { name: 'หน่วยงาน' }).click();
    const option = page.getByRole('option', { name: /SS01/ });
    expect(await option.textContent()).toBe('SS01 หน่วยงาน SS01');
    await option.click();
    await page.getByRole('button', { name: 'สร้างลิงก์เชิญ' }).click();
    const linkBox = page.getByRole('textbox', { name: /ลิงก์เชิญ/ });
    await expect
      .poll(() => linkBox.inputValue(), { timeout: 15_000 })
      .toMatch(/^https:\/\/survey\.dga\.test\/invite\//);
    const firstLink = await linkBox.inputValue();
    const pending = page.locator('[data-testid="pending-invitations"] tr[data-email="coord@season.test"]');
    await expect.poll(() => pending.textContent(), { timeout: 15_000 }).toContain('หน่วยงาน SS01');
    await pending.getByRole('button', { name: 'ส่งใหม่ coord@season.test' }).click();
    await expect.poll(() => linkBox.inputValue(), { timeout: 15_000 }).not.toBe(firstLink);

    await page.getByLabel('อีเมล').fill('wrong@season.test');
    await page.getByRole('button', { name: 'สร้างลิงก์เชิญ' }).click();
    const wrong = page.locator('[data-testid="pending-invitations"] tr[data-email="wrong@season.test"]');
    await expect.poll(() => wrong.count(), { timeout: 15_000 }).toBe(1);
    await axeClean(page, 'users page');
    await screenshot(page, 'season-users-1366');
    await wrong.getByRole('button', { name: 'เพิกถอน wrong@season.test' }).click();
    d = await dialog(page);
    expect(await d.textContent()).toContain('wrong@season.test');
    await d.getByRole('button', { name: 'เพิกถอน' }).click();
    await closed(page);
    await expect.poll(() => wrong.count(), { timeout: 15_000 }).toBe(0);
    expect(await pending.count()).toBe(1);
    const revoked = await server.db
      .selectFrom('invitations')
      .select('revoked_at')
      .where('email', '=', 'wrong@season.test')
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();

    // 3. Open the cycle: what opening does is said first.
    await page.goto(`${server.baseUrl}/admin/cycles`);
    await row.getByRole('button', { name: 'เปิดรอบ 2570' }).click();
    d = await dialog(page);
    expect(await d.getByTestId('transition-consequence').textContent()).toContain('หน่วยงานที่ได้รับเชิญ 1 แห่ง');
    await axeClean(page, 'open cycle dialog');
    await d.getByRole('button', { name: 'เปิดรอบ' }).click();
    await closed(page);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('เปิดรับคำตอบ');

    // 4. Extend the whole cycle by two weeks.
    await row.getByRole('button', { name: 'เลื่อนวันปิด 2570' }).click();
    d = await dialog(page);
    const newCloses = d.getByLabel('วันปิดรับคำตอบใหม่');
    await newCloses.focus();
    await newCloses.press('ControlOrMeta+a');
    await newCloses.pressSequentially(typedBE(bangkokDay(44)));
    await newCloses.press('Tab');
    await expect
      .poll(() => d.getByTestId('extend-consequence').textContent(), { timeout: 15_000 })
      .toContain('ยังไม่ส่ง 1 แห่ง');
    await axeClean(page, 'extend dialog');
    await d.getByRole('button', { name: 'เลื่อนวันปิด' }).click();
    await closed(page);
    await expect
      .poll(
        async () =>
          (
            await server.db
              .selectFrom('cycles')
              .select('closes_at')
              .where('id', '=', cycle.id)
              .executeTakeFirstOrThrow()
          ).closes_at?.toISOString(),
        { timeout: 15_000 },
      )
      .toBe(new Date(`${bangkokDay(44)}T23:59:59+07:00`).toISOString());

    // 4b. Remind the agency that has not submitted: the mail reaches the test's SMTP server.
    await page.goto(`${server.baseUrl}/monitoring`);
    await expect.poll(() => page.getByTestId('not-submitted-SS01').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('remind-all').click();
    d = page.getByRole('dialog', { name: 'แจ้งเตือนหน่วยงานที่ยังไม่ส่งแบบสำรวจ' });
    await expect
      .poll(() => d.getByTestId('reminder-counts').textContent(), { timeout: 60_000 })
      .toBe('จะส่งอีเมลถึง 1 หน่วยงาน · ข้าม 0 หน่วยงาน');
    expect(await d.getByTestId('reminder-text').textContent()).toContain('เรียน หน่วยงาน SS01');
    await axeClean(page, 'reminder dialog');
    await screenshot(page, 'season-remind-1366');
    await d.getByRole('button', { name: 'ส่งอีเมลแจ้งเตือน (1)' }).click();
    await closed(page);
    // (The invitations above went to the same SMTP server; the reminder is the agency's mail.)
    const reminderMails = () => smtp.mails.filter((m) => m.to.includes('resp@season.test'));
    await expect.poll(() => reminderMails().length, { timeout: 60_000 }).toBe(1);
    expect(reminderMails()[0]?.text).toContain('Dear Agency SS01');
    expect(reminderMails()[0]?.text).toContain('https://survey.dga.test/questionnaire');
    await expect
      .poll(() => page.getByTestId('last-reminded-SS01').textContent(), { timeout: 60_000 })
      .toContain('ส่งแล้ว');
    await axeClean(page, 'monitoring board');

    // The agency answers and submits (through the API: the questionnaire has its own browser tests).
    const resp = await signIn(server.app, 'resp@season.test');
    const mine = await server.app.inject({
      method: 'GET',
      url: `/api/cycles/${cycle.id}/my-response`,
      headers: resp.headers,
    });
    expect(mine.statusCode).toBe(200);
    const responseId = mine.json().response.id as number;
    await storeCompleteResponse(server.db, (await loadFramework(server.db, cycle.framework_id)).framework, responseId);
    const submitted = await server.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: resp.headers,
    });
    expect(submitted.statusCode).toBe(200);

    // 5. Close, then publish, each with its consequence.
    await page.goto(`${server.baseUrl}/admin/cycles`);
    await row.getByRole('button', { name: 'ปิดรับคำตอบ 2570' }).click();
    d = await dialog(page);
    expect(await d.getByTestId('transition-consequence').textContent()).toContain('ส่งแล้ว 1 จาก 1 แห่ง');
    await d.getByRole('button', { name: 'ปิดรับคำตอบ' }).click();
    await closed(page);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('ปิดรับแล้ว');
    await row.getByRole('button', { name: 'เผยแพร่ผล 2570' }).click();
    d = await dialog(page);
    expect(await d.getByTestId('transition-consequence').textContent()).toContain('ที่ส่งแล้ว 1 แห่ง');
    await axeClean(page, 'publish dialog');
    await d.getByRole('button', { name: 'เผยแพร่ผล' }).click();
    await closed(page);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('เผยแพร่ผลแล้ว');
    await screenshot(page, 'season-cycles-1366');

    // 6. Charts: the PNG is a real PNG (under the CSP), the SVG an SVG.
    await page.goto(`${server.baseUrl}/analytics`);
    const chart = page.getByTestId('pillar-levels');
    await expect.poll(() => chart.count(), { timeout: 60_000 }).toBe(1);
    const [png] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      chart.getByRole('button', { name: /^ส่งออกภาพ PNG/ }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/2570\.png$/);
    const pngBytes = fs.readFileSync((await png.path()) as string);
    expect([...pngBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngBytes.length).toBeGreaterThan(5_000);
    const [svg] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      chart.getByRole('button', { name: /^ส่งออกภาพ SVG/ }).click(),
    ]);
    expect(svg.suggestedFilename()).toMatch(/2570\.svg$/);
    const svgText = fs.readFileSync((await svg.path()) as string, 'utf8');
    expect(svgText.trimStart()).toMatch(/^<svg/);
    expect(svgText).toContain('</svg>');
    await screenshot(page, 'season-analytics-1366');

    // 7. The audit log in Thai, with names.
    await page.goto(`${server.baseUrl}/audit`);
    const created = page.locator('tr[data-action="cycle.create"]');
    await expect.poll(() => created.count(), { timeout: 20_000 }).toBe(1);
    expect(await created.getByTestId('audit-action-label').textContent()).toBe('สร้างรอบการสำรวจ');
    const revokedRow = page.locator('tr[data-action="invitation.revoke"]');
    expect(await revokedRow.getByTestId('audit-action-label').textContent()).toBe('เพิกถอนคำเชิญ');
    expect(await revokedRow.textContent()).toContain('admin@season.test');
    for (const action of [
      'cycle.open',
      'cycle.update',
      'cycle.close',
      'cycle.publish',
      'invitation.resend',
      'reminder.send',
    ]) {
      expect(await page.locator(`tr[data-action="${action}"]`).count(), action).toBe(1);
    }
    await axeClean(page, 'audit log');
    await screenshot(page, 'season-audit-1366');
    await created.getByRole('button', { name: /รายละเอียด/ }).click();
    d = await dialog(page);
    expect(await d.textContent()).toContain('admin@season.test');
    await axeClean(page, 'audit drawer');
    await screenshot(page, 'season-audit-drawer-1366');
    await page.keyboard.press('Escape');
    await closed(page);

    // 8. Every changed screen on a phone: axe clean, no sideways scrolling of the page.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['/admin/cycles', 'cycles'],
      ['/admin/users', 'users'],
      ['/audit', 'audit'],
      ['/analytics', 'analytics'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      await axeClean(page, `${name} at 390 px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
      await screenshot(page, `season-${name}-390`);
    }
    await context.close();
  });
});
