import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

const code = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });

describe.skipIf(!hasBrowser)('two-step verification in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer({ MFA_REQUIRED_ROLES: 'analyst,admin' });
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'MFA1');
    await insertUser(server.db, 'analyst@mfa-e2e.test', 'analyst');
    await insertUser(server.db, 'coord@mfa-e2e.test', 'respondent', agency.id);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const passwordStep = async (page: Page, email: string) => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  };
  const secretShown = async (page: Page) => {
    const block = page.getByTestId('mfa-secret');
    await block.waitFor({ timeout: 20_000 });
    return ((await block.textContent()) ?? '').replace(/\s+/g, '');
  };

  it('makes an analyst set up an authenticator before the first session, then asks for a code', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await passwordStep(page, 'analyst@mfa-e2e.test');
    await page.getByRole('heading', { name: 'ตั้งค่าการยืนยันตัวตนสองขั้นตอน' }).waitFor({ timeout: 20_000 });
    const secret = await secretShown(page);
    await expect.poll(() => page.getByRole('img', { name: /คิวอาร์โค้ด/ }).count(), { timeout: 20_000 }).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'mfa-enrol');

    await page.getByLabel('รหัสยืนยัน').fill('000000');
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await expect.poll(() => page.getByText('รหัสไม่ถูกต้อง').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    await page.getByLabel('รหัสยืนยัน').fill(code(secret));
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor({ timeout: 20_000 });
    expect(((await codes.textContent()) ?? '').match(/[a-z0-9]{5}-[a-z0-9]{5}/g)).toHaveLength(10);
    const go = page.getByRole('button', { name: 'ดำเนินการต่อ' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel('ข้าพเจ้าเก็บรหัสกู้คืนไว้แล้ว').check();
    await go.click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 20_000 }).toContain('analyst');

    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count(), { timeout: 20_000 }).toBe(1);
    await passwordStep(page, 'analyst@mfa-e2e.test');
    await page.getByRole('heading', { name: 'ยืนยันตัวตนขั้นที่สอง' }).waitFor({ timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('รหัสยืนยัน').fill(code(secret, 1));
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 20_000 }).toContain('analyst');

    await page.goto(`${server.baseUrl}/account/security`);
    await expect.poll(() => page.getByText('เปิดใช้อยู่').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'ปิดการยืนยันสองขั้นตอน' }).count()).toBe(0);
    await context.close();
  }, 180_000);

  it('lets a coordinator turn it on from the account security page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await passwordStep(page, 'coord@mfa-e2e.test');
    await page.waitForURL(`${server.baseUrl}/`, { timeout: 20_000 });
    await page.goto(`${server.baseUrl}/account/security`);
    await page.getByRole('button', { name: 'เปิดใช้การยืนยันสองขั้นตอน' }).click();
    const secret = await secretShown(page);
    await page.getByLabel('รหัสยืนยัน').fill(code(secret));
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await page.getByTestId('recovery-codes').waitFor({ timeout: 20_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'mfa-security-phone');
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(scrolls).toBe(false);
    const enabled = await server.db
      .selectFrom('user_mfa')
      .innerJoin('users', 'users.id', 'user_mfa.user_id')
      .select('confirmed_at')
      .where('users.email', '=', 'coord@mfa-e2e.test')
      .executeTakeFirstOrThrow();
    expect(enabled.confirmed_at).not.toBeNull();
    await context.close();
  }, 180_000);
});
