import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('sign-in in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    // A 10-second access token, so the test crosses an expiry in reasonable time.
    server = await startLiveServer({ ACCESS_TOKEN_TTL_SECONDS: '10' });
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'E2E1');
    await insertUser(server.db, 'admin@e2e.test', 'admin');
    await insertUser(server.db, 'staff@e2e.test', 'respondent', agency.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, keeps working across an access-token expiry, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('อีเมล').fill('admin@e2e.test');
    await page.getByLabel('รหัสผ่าน').fill('wrong-password-1');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ไม่ถูกต้อง');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toContain('admin');

    await page.goto(`${server.baseUrl}/admin/users`);
    const row = page.getByRole('row', { name: /staff@e2e.test/ });
    await expect.poll(() => row.textContent()).toContain('ใช้งาน');
    await screenshot(page, 'admin-users');
    // Let the access token expire, then edit: the client refreshes silently and the change lands.
    await page.waitForTimeout(11_500);
    await row.getByRole('button', { name: 'ระงับบัญชี' }).click();
    // The button's own label contains 'ระงับ', so wait for the stored change, then for the row's button to flip.
    const disabledAt = async () =>
      (
        await server.db
          .selectFrom('users')
          .select('disabled_at')
          .where('email', '=', 'staff@e2e.test')
          .executeTakeFirstOrThrow()
      ).disabled_at;
    await expect.poll(disabledAt, { timeout: 10_000 }).not.toBeNull();
    await expect.poll(() => row.getByRole('button', { name: 'ระงับบัญชี' }).count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count()).toBe(1);
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await context.close();
  });
});
