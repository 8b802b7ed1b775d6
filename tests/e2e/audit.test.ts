import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('audit log page in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'AUD1');
    await insertUser(server.db, 'admin@audit.test', 'admin');
    await insertUser(server.db, 'cio@audit.test', 'respondent', agency.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an administrator’s change with before and after, filtered, and exports that filter', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('admin@audit.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count()).toBe(1);

    // An audited change: disable the CIO's account.
    await page.goto(`${server.baseUrl}/admin/users`);
    const row = page.getByRole('row', { name: /cio@audit.test/ });
    await row.getByRole('button', { name: 'ระงับบัญชี' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'ระงับบัญชี' }).count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('link', { name: 'บันทึกการตรวจสอบ' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'บันทึกการตรวจสอบย้อนหลัง' }).count()).toBe(1);
    // Unfiltered, the sign-in is there too, labelled in Thai (its code beside it).
    const signIns = page.locator('tr[data-action="auth.login"]');
    await expect.poll(() => signIns.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await signIns.first().getByTestId('audit-action-label').textContent()).toBe('เข้าสู่ระบบ');

    const action = page.getByRole('combobox', { name: 'การกระทำ' });
    await action.click();
    await action.fill('แก้ไขบัญชีผู้ใช้');
    await page.getByRole('option', { name: 'แก้ไขบัญชีผู้ใช้' }).click();
    await page.getByRole('combobox', { name: 'หน่วยงาน' }).click();
    await page.getByRole('option', { name: /AUD1/ }).click();
    await expect.poll(() => signIns.count(), { timeout: 15_000 }).toBe(0);
    // Days are Thailand's days, whatever the browser's time zone: from tomorrow nothing is left;
    // from today the change is back. The day is typed as a Thai reader writes it (B.E.) and shown in B.E.
    const bangkokDay = (offsetDays: number) =>
      new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const typedBE = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${Number(iso.slice(0, 4)) + 543}`;
    const today = bangkokDay(0);
    const todayBE = String(Number(today.slice(0, 4)) + 543);
    const from = page.getByLabel('ตั้งแต่วันที่');
    await from.focus();
    await from.pressSequentially(typedBE(bangkokDay(1)));
    await from.press('Escape');
    await expect.poll(() => page.getByText('ไม่พบรายการที่ตรงกับตัวกรอง').count()).toBe(1);
    // The server is asked from the start of that day in Bangkok.
    const fromToday = page.waitForRequest(
      (r) =>
        new URL(r.url()).pathname === '/api/audit' &&
        new URL(r.url()).searchParams.get('from') === new Date(Date.parse(`${today}T00:00:00+07:00`)).toISOString(),
    );
    await from.press('ControlOrMeta+a');
    await from.pressSequentially(typedBE(today));
    await fromToday;
    // The calendar opened by typing heads its month with the B.E. year too.
    const calendar = page.locator('[data-dates-dropdown]');
    await expect.poll(() => calendar.textContent()).toContain(todayBE);
    await screenshot(page, 'audit-date-calendar');
    await from.press('Tab');
    await expect.poll(() => from.inputValue()).toMatch(new RegExp(`^${Number(today.slice(8, 10))} \\S+ ${todayBE}$`));
    await page.keyboard.press('Escape');
    const entry = page.locator('tr[data-action="user.update"]');
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    // The actor by name (the display name) and email, the user concerned by name, not "user #2".
    expect(await entry.textContent()).toContain('admin@audit.test');
    expect(await entry.textContent()).toContain('ผู้ใช้ cio');
    expect(await entry.textContent()).toContain('AUD1');

    await entry.getByRole('button', { name: /รายละเอียด/ }).click();
    const drawer = page.getByTestId('audit-drawer');
    await expect.poll(() => drawer.count(), { timeout: 10_000 }).toBe(1);
    const changes = drawer.getByRole('table', { name: /ค่าก่อนและหลังของ แก้ไขบัญชีผู้ใช้/ });
    const disabled = changes.getByRole('row', { name: /disabled/ });
    await expect.poll(() => disabled.textContent()).toMatch(/disabled.*false.*true/);
    expect(await changes.locator('[data-changed="true"]').count()).toBe(1);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count(), { timeout: 10_000 }).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'ส่งออก CSV ตามตัวกรอง' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain('user.update');
    expect(lines[1]).toContain('""disabled"":true');
    await context.close();
  });
});
