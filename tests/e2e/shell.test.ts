import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('app shell in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the Thai shell first, switches to English, and has no serious a11y violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await expect.poll(() => page.locator('h1').textContent()).toContain('สำรวจความพร้อมรัฐบาลดิจิทัล');
    expect(await page.getAttribute('html', 'lang')).toBe('th');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'shell-th');
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toContain('DG Readiness Survey');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The language choice survives a reload.
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toContain('DG Readiness Survey');
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Sarabun');
    await context.close();
  });

  it('keeps English when the reader reloads before the English texts have loaded', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toContain('สำรวจ');
    // English is fetched on demand: hold it back, pick English, and reload straight away.
    let held = true;
    await page.route(/\/assets\/en-bundle-[^/]+\.js$/, async (route) => {
      while (held) await new Promise((r) => setTimeout(r, 100));
      await route.continue();
    });
    await page.getByText('EN', { exact: true }).click();
    expect(await page.evaluate(() => localStorage.getItem('dg.lang'))).toBe('en');
    held = false;
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toContain('DG Readiness Survey');
    await context.close();
  });

  it('serves deep links through the client and API 404s as JSON', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const res = await page.goto(`${server.baseUrl}/some/deep/link`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toMatch(/ไม่พบหน้า|not found/i);
    const asset = await page.request.get(`${server.baseUrl}/assets/missing-0000.js`);
    expect(asset.status()).toBe(404);
    const api = await page.request.get(`${server.baseUrl}/api/nope`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
    await context.close();
  });
});
