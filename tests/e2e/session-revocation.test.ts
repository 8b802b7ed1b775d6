import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../support/browser';
import { insertUser, PASSWORD, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('a session the server ends signs the browser out', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    // The default 15-minute access token: only the revocation can sign the page out in this test.
    server = await startLiveServer();
    browser = await launchBrowser();
    await insertUser(server.db, 'revoked@revoke.test', 'admin');
    await insertUser(server.db, 'chief@revoke.test', 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs out cleanly on the next request after an administrator disables the account', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('revoked@revoke.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('link', { name: 'บัญชีผู้ใช้' }).click();
    await expect.poll(() => page.getByRole('row', { name: /chief@revoke.test/ }).count(), { timeout: 15_000 }).toBe(1);

    const chief = await signIn(server.app, 'chief@revoke.test');
    const users = await server.app.inject({ method: 'GET', url: '/api/admin/users', headers: chief.headers });
    const target = users.json().find((u: { email: string }) => u.email === 'revoked@revoke.test');
    const disabled = await server.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${target.id}`,
      headers: chief.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);

    // The next API call meets 401; the refresh is refused too (its session was revoked), so the
    // page signs out, and what the administrator saw is gone with the session.
    await page.getByRole('link', { name: 'ทะเบียนหน่วยงาน' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count()).toBe(1);
    await page.goto(`${server.baseUrl}/admin/users`);
    await expect.poll(() => page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('row', { name: /chief@revoke.test/ }).count()).toBe(0);
    await context.close();
  });
});
