import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { hasBrowser, launchBrowser } from '../support/browser';
import { type LiveServer, startLiveServer } from '../support/live-server';

/**
 * The national report from the cycle screen: an administrator starts the build, sees its progress,
 * leaves the page and comes back to the finished files, and downloads one.
 */
describe.skipIf(!hasBrowser)('national report in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    await runSeeds(server.db, { demo: true });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(password);
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 20_000 }).toBe(1);
  }

  it('builds in the background with progress, survives leaving the page and downloads', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, 'admin@dga.or.th', 'Admin-2566-demo');
    await page.goto(`${server.baseUrl}/admin/cycles`);
    const open = page.getByRole('button', { name: 'รายงานระดับประเทศ ปี 2565' });
    await expect.poll(() => open.count(), { timeout: 60_000 }).toBe(1);
    // The open 2566 cycle has no report button.
    expect(await page.getByRole('button', { name: 'รายงานระดับประเทศ ปี 2566' }).count()).toBe(0);
    await open.click();
    const build = page.getByRole('button', { name: 'สร้างรายงาน' });
    await expect.poll(() => build.count(), { timeout: 30_000 }).toBe(1);
    await build.click();
    // Progress while it builds (queued or running), then the files.
    await expect
      .poll(
        async () =>
          (await page.getByTestId('national-report-progress').count()) +
          (await page.getByTestId('national-report-files').count()),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    // Leaving the page (a full reload) does not stop it: come back and find the finished files.
    await page.goto(`${server.baseUrl}/admin/cycles`);
    await expect.poll(() => open.count(), { timeout: 60_000 }).toBe(1);
    await open.click();
    const files = page.getByTestId('national-report-files');
    await expect
      .poll(
        async () => {
          if (await files.count()) return 'done';
          await page.waitForTimeout(2000);
          return 'waiting';
        },
        { timeout: 400_000, interval: 1000 },
      )
      .toBe('done');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'ดาวน์โหลด PDF (ภาษาไทย)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dg-national-report-2565-th.pdf');
    await context.close();
  }, 600_000);
});
