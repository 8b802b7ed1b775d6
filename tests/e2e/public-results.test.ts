import type { Browser, Page, Request, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { startDemoInBrowser, stopDemoInBrowser } from '../support/demo-browser';
import type { LiveServer } from '../support/live-server';

/**
 * Public results in a real browser (issue 21): the demo's published 2565 cycle at /public/2565
 * without signing in (overview tables, explorer, downloads, QR code), Thai first with English,
 * on a desktop and a phone; the open 2566 cycle's address is "not found" (its API answers 404).
 */
describe.skipIf(!hasBrowser)('public results in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startDemoInBrowser());
  }, 300_000);
  afterAll(() => stopDemoInBrowser(server, browser));

  /** A fresh visitor: no stored session, and every API request it makes recorded. */
  async function visitor(width: number) {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
    const page = await context.newPage();
    const requests: Request[] = [];
    const responses: Response[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests.push(r);
    });
    page.on('response', (r) => responses.push(r));
    return { context, page, requests, responses };
  }

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  it('shows a published cycle without signing in: overview, explorer, downloads and QR code', async () => {
    const { context, page, requests, responses } = await visitor(1366);
    await page.goto(`${server.baseUrl}/public/2565`);
    await expect.poll(async () => (await h1(page).textContent()) ?? '', { timeout: 60_000 }).toContain('2565');
    // The overview's tables, with captions, before any chart.
    const rates = page.getByRole('table', { name: /อัตราการตอบแบบสำรวจ/ });
    await expect.poll(() => rates.count(), { timeout: 30_000 }).toBe(1);
    expect(await rates.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('heading', { level: 2, name: 'ภาพรวมระดับประเทศ' }).count()).toBe(1);
    const pillars = page.getByRole('table', { name: /ระดับราย/ });
    expect(await pillars.getByRole('row').count()).toBeGreaterThanOrEqual(6);
    // The explorer's first item, with its own denominator.
    await expect
      .poll(() => page.getByText(/ตัวหาร: \d+ หน่วยงาน/).count(), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(1);
    // The explorer names questions by their text: the codes are staff's working names.
    await page.getByRole('combobox', { name: 'ข้อคำถามหรือตัวชี้วัด' }).click();
    const options = page.getByRole('option');
    await expect.poll(() => options.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const labels = await options.allTextContents();
    expect(labels.filter((l) => / · /.test(l))).toEqual([]);
    expect(labels.filter((l) => /^Q\d/.test(l))).toEqual([]);
    await page.keyboard.press('Escape');
    // The chart arrives after the tables, and the QR code of the stable address.
    await expect.poll(() => page.locator('[role="img"] svg').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('public-qr').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText(`${server.baseUrl}/public/2565`).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('link', { name: /ชุดข้อมูลเปิด/ }).getAttribute('href')).toBe(
      '/api/public/cycles/2565/open-data.zip',
    );
    // Nobody signed in: no navigation of the app, no token on any public call.
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    const publicCalls = requests.filter((r) => r.url().includes('/api/public/'));
    expect(publicCalls.length).toBeGreaterThanOrEqual(3);
    for (const r of publicCalls) expect(await r.headerValue('authorization')).toBeNull();
    // The page's own chunk holds no charts (they are a separate, later chunk; ECharts alone is about
    // 490 KB minified). It carries copies of the small modules it shares with other pages
    // (client/vite.config.ts inlines common chunks), hence not tiny.
    const chunk = responses.find((r) => /public-results-page-[\w-]+\.js$/.test(r.url()));
    expect(chunk).toBeDefined();
    expect((await chunk?.body())?.length ?? 0).toBeLessThan(300_000);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-results-1366');

    // English, with the C.E. year.
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(async () => (await h1(page).textContent()) ?? '', { timeout: 30_000 }).toContain('2022');
    expect(await page.getByRole('table', { name: /Response rates/ }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByText('ไทย', { exact: true }).click();
    await context.close();
  });

  it('fits a phone without sideways scrolling', async () => {
    const { context, page } = await visitor(390);
    await page.goto(`${server.baseUrl}/public/2565`);
    await expect
      .poll(() => page.getByRole('table', { name: /อัตราการตอบแบบสำรวจ/ }).count(), { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => page.getByTestId('public-qr').count(), { timeout: 60_000 }).toBe(1);
    const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
    expect(sw).toBeLessThanOrEqual(w);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-results-390');
    await context.close();
  });

  it("answers not found at an open cycle's public address (its API answers 404)", async () => {
    const status = await server.db
      .selectFrom('cycles')
      .select('status')
      .where('fiscal_year', '=', 2023)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('open');
    const { context, page } = await visitor(1366);
    const api = page.waitForResponse((r) => r.url().endsWith('/api/public/cycles/2566'), { timeout: 60_000 });
    await page.goto(`${server.baseUrl}/public/2566`);
    expect((await api).status()).toBe(404);
    await expect.poll(() => page.getByTestId('public-not-found').count(), { timeout: 60_000 }).toBe(1);
    expect(await h1(page).textContent()).toContain('2566');
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-results-not-found');
    // The index lists the published year only.
    await page.goto(`${server.baseUrl}/public`);
    const link = page.getByRole('link', { name: /2565/ });
    await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByRole('link', { name: /2566/ }).count()).toBe(0);
    await context.close();
  });
});
