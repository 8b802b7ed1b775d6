import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

/**
 * /login arrives with its form as plain HTML (client/login-shell.html): on a slow link it can be
 * filled before the app has loaded, and nothing typed is lost when the app's own form replaces it.
 */
describe.skipIf(!hasBrowser)('the sign-in form before the app has loaded', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    await insertUser(server.db, 'shell.admin@e2e.test', 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a fillable form at once, keeps what was typed and where, then signs in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The app's scripts are held back until the test lets them go: a link too slow to load them yet.
    const held: Route[] = [];
    let release = false;
    await page.route(/\/assets\/.*\.js$/, (route) => (release ? route.continue() : void held.push(route)));
    // Not waiting for the load event: it waits for the held scripts.
    await page.goto(`${server.baseUrl}/login`, { waitUntil: 'commit' });

    const email = page.getByLabel('อีเมล');
    await email.waitFor({ timeout: 30_000 });
    // The plain form: it cannot be sent yet, and says why.
    const button = page.getByRole('button', { name: 'เข้าสู่ระบบ' });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByRole('status').textContent()).toContain('กำลังเตรียมระบบ');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await email.fill('shell.admin@e2e.test');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD.slice(0, 4));
    expect(held.length, 'the app has not loaded').toBeGreaterThan(0);

    release = true;
    for (const r of held.splice(0)) await r.continue();
    // The app's form (its password field has a show/hide control) replaces the plain one with the
    // values and the cursor kept.
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('#boot-email').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByLabel('อีเมล').inputValue()).toBe('shell.admin@e2e.test');
    const password = page.getByLabel('รหัสผ่าน');
    expect(await password.inputValue()).toBe(PASSWORD.slice(0, 4));
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing goes on where it stopped.
    await page.keyboard.type(PASSWORD.slice(4));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 30_000 }).toBe(1);
    await context.close();
  }, 120_000);

  it('is served for /login only: other addresses get the empty app page', async () => {
    const login = await fetch(`${server.baseUrl}/login`, { headers: { 'accept-encoding': 'br' } });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-cache');
    const body = await login.text();
    expect(body).toContain('id="boot-email"');
    // The same scripts as every other page: the shell is not a second app.
    const scripts = (html: string) => [...html.matchAll(/src="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    const other = await (await fetch(`${server.baseUrl}/questionnaire`)).text();
    expect(other).not.toContain('boot-email');
    expect(scripts(body)).toEqual(scripts(other));
    expect(scripts(body).length).toBeGreaterThan(0);
  });
});
