import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { importTestFramework, insertCycle } from '../support/report-fixtures';

/**
 * Opening the questionnaire costs a slow link as few round trips as possible (issue 25): index.html's
 * inline script restores the session with the questionnaire's first reads and asks for the framework
 * by its hash; the app reads those answers instead of asking again, and a reload takes the framework
 * from the browser's cache. The CSP allows that script by its hash: a violation would be logged.
 */
describe.skipIf(!hasBrowser)('the questionnaire on its first load', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const fw = await importTestFramework(server.db);
    await insertCycle(server.db, fw.id, 2566, 'open');
    const agency = await insertAgency(server.db, 'FL01');
    await insertUser(server.db, 'first.load@test.go.th', 'respondent', agency.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The API calls a page makes, as "METHOD /path?query". */
  const apiCalls = (page: Page) => {
    const calls: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) calls.push(`${r.method()} ${u.pathname}${u.search}`);
    });
    return calls;
  };

  it('restores the session once with its first reads, and takes the framework from the cache on a reload', async () => {
    const context = await browser.newContext();
    // Signed in through the context's own request API, which shares the browser's cookies: no page
    // is opened before the questionnaire (a page without a favicon would log a 404 of its own).
    const signedIn = await context.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { email: 'first.load@test.go.th', password: PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    expect((await context.cookies()).map((c) => c.name)).toContain('dg_refresh');

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    const calls = apiCalls(page);
    await page.goto(`${server.baseUrl}/questionnaire`);
    await page.locator('[id^="q-"]').first().waitFor({ timeout: 60_000 });
    // One refresh (a second would spend the rotated cookie and end the sign-in), carrying the cycles
    // and the response: the app does not ask for them again.
    expect(calls.filter((c) => c.startsWith('POST /api/auth/refresh'))).toHaveLength(1);
    expect(calls.filter((c) => c === 'GET /api/cycles' || c.endsWith('/my-response'))).toEqual([]);
    const framework = calls.filter((c) => /\/framework/.test(c));
    expect(framework).toHaveLength(1);
    expect(framework[0]).toMatch(/^GET \/api\/cycles\/\d+\/framework\?hash=[0-9a-f]+$/);
    // The whole questionnaire is there and answerable, not only its first question.
    await expect.poll(() => page.locator('[id^="q-"]').count(), { timeout: 30_000 }).toBeGreaterThan(3);

    // Reloaded: the framework never leaves the browser, and the session is restored once again.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const cached: boolean[] = [];
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.url.includes('/framework?hash=')) cached.push(e.response.fromDiskCache === true);
    });
    calls.length = 0;
    await page.reload();
    await page.locator('[id^="q-"]').first().waitFor({ timeout: 60_000 });
    expect(calls.filter((c) => c.startsWith('POST /api/auth/refresh'))).toHaveLength(1);
    await expect.poll(() => cached, { timeout: 30_000 }).toEqual([true]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
