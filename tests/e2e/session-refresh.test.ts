import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('silent refresh when the network or server fails', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    // A 10-second access token, so the test crosses expiries in reasonable time.
    server = await startLiveServer({ ACCESS_TOKEN_TTL_SECONDS: '10' });
    browser = await launchBrowser();
    await insertAgency(server.db, 'SR01');
    await insertUser(server.db, 'admin@refresh.test', 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the user through offline and 503 refreshes, retries, and signs out only on 401', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('admin@refresh.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count()).toBe(1);
    const signedIn = () => page.getByTestId('signed-in-user').count();

    // Offline: the refresh request fails at the network level, then the server answers 503.
    let attempts = 0;
    await page.route('**/api/auth/refresh', async (route) => {
      attempts += 1;
      if (attempts === 1) await route.abort('internetdisconnected');
      else
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          headers: { 'retry-after': '1' },
          body: '{"error":{"code":"SERVICE_UNAVAILABLE","message":"busy","requestId":"x"}}',
        });
    });
    await page.waitForTimeout(11_000);
    // Any API call now meets an expired token and tries to refresh.
    await page.getByRole('link', { name: 'ทะเบียนหน่วยงาน' }).click();
    await expect.poll(() => attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await signedIn()).toBe(1);
    // It tries again by itself (after the 503 too), still signed in.
    await expect.poll(() => attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await signedIn()).toBe(1);

    // Back to normal: the next retry succeeds and the session works without signing in again.
    await page.unroute('**/api/auth/refresh');
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200, {
      timeout: 30_000,
    });
    await refreshed;
    await page.getByRole('link', { name: 'บัญชีผู้ใช้' }).click();
    await expect.poll(() => page.getByRole('row', { name: /admin@refresh.test/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await signedIn()).toBe(1);

    // Only the server saying the session is gone signs the user out.
    await page.route('**/api/auth/refresh', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: '{"error":{"code":"UNAUTHENTICATED","message":"Session expired","requestId":"x"}}',
      }),
    );
    await page.waitForTimeout(11_000);
    await page.getByRole('link', { name: 'ทะเบียนหน่วยงาน' }).click();
    await expect.poll(signedIn, { timeout: 10_000 }).toBe(0);
    expect(await page.getByRole('link', { name: 'เข้าสู่ระบบ' }).count()).toBe(1);
    await context.close();
  });
});
