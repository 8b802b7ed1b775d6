import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../support/browser';
import { signIn, startDemoInBrowser, stopDemoInBrowser } from '../support/demo-browser';
import type { LiveServer } from '../support/live-server';

/**
 * The national report from the cycle screen: an administrator starts the build, sees its progress,
 * leaves the page and comes back to the finished files, and downloads one. An analyst then finds the
 * same control on the analytics overview (not in the admin-only cycles page), downloads and rebuilds.
 */
describe.skipIf(!hasBrowser)('national report in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startDemoInBrowser());
  }, 300_000);
  afterAll(() => stopDemoInBrowser(server, browser));

  it('builds in the background with progress, survives leaving the page and downloads', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server, 'admin@dga.or.th', 'Admin-2566-demo');
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

  it('an analyst builds and downloads it from the analytics overview of a closed cycle', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server, 'analyst@dga.or.th', 'Analyst-2566-demo');
    const closed = await server.db
      .selectFrom('cycles')
      .select('id')
      .where('fiscal_year', '=', 2022)
      .executeTakeFirstOrThrow();
    // The newest cycle (2566) is still open: the overview offers no report for it.
    await page.goto(`${server.baseUrl}/analytics`);
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: /2566/ }).count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'รายงานระดับประเทศ ปี 2566' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/analytics?cycle=${closed.id}`);
    const open = page.getByRole('button', { name: 'รายงานระดับประเทศ ปี 2565' });
    await expect.poll(() => open.count(), { timeout: 60_000 }).toBe(1);
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'รายงานระดับประเทศ ปี 2565' });
    await expect.poll(() => dialog.getByTestId('national-report-files').count(), { timeout: 60_000 }).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      dialog.getByRole('button', { name: 'ดาวน์โหลด DOCX (ภาษาอังกฤษ)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dg-national-report-2565-en.docx');
    const rebuild = dialog.getByRole('button', { name: 'สร้างรายงานใหม่' });
    expect(await rebuild.isEnabled()).toBe(true);
    await rebuild.click();
    // The analyst's own build is queued and its progress shown (the server accepted an analyst's start).
    await expect.poll(() => dialog.getByTestId('national-report-progress').count(), { timeout: 60_000 }).toBe(1);
    const jobs = await server.db
      .selectFrom('background_jobs')
      .innerJoin('users', 'users.id', 'background_jobs.created_by')
      .select('users.email')
      .where('kind', '=', 'national-report')
      .execute();
    expect(jobs.map((j) => j.email)).toContain('analyst@dga.or.th');
    await context.close();
  }, 300_000);
});
