import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser } from '../support/fixtures';
import { freePort, type LiveServer, startLiveServer } from '../support/live-server';

/**
 * Single sign-on against a real OpenID Connect provider (panva's oidc-provider, the certified
 * implementation) on loopback, signing in through its own login and consent pages.
 */
describe.skipIf(!hasBrowser)('single sign-on with OpenID Connect', () => {
  let server: LiveServer;
  let browser: Browser;
  let idp: http.Server;
  beforeAll(async () => {
    const appPort = await freePort();
    const baseUrl = `http://127.0.0.1:${appPort}`;
    idp = http.createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', () => resolve()));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'dg-readiness',
          client_secret: 'a-test-client-secret-0123456789',
          redirect_uris: [`${baseUrl}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The "login" typed on the provider's page is the e-mail; "unverified…" logins are not verified.
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: !id.startsWith('unverified'), name: id }),
      }),
      cookies: { keys: ['test-cookie-key-0123456789'] },
    });
    idp.on('request', provider.callback());
    server = await startLiveServer(
      {
        PUBLIC_URL: baseUrl,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'dg-readiness',
        OIDC_CLIENT_SECRET: 'a-test-client-secret-0123456789',
        OIDC_LABEL: 'บัญชี สพร. (SSO)',
        MFA_REQUIRED_ROLES: 'admin',
      },
      { port: appPort },
    );
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'SSO1');
    await insertUser(server.db, 'coord@sso.test', 'respondent', agency.id);
    await insertUser(server.db, 'boss@sso.test', 'admin');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => idp?.close(() => resolve()));
  });

  async function throughProvider(page: Page, login: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย บัญชี สพร. (SSO)' }).click();
    // The provider's own development login and consent pages.
    await page.locator('input[name=login]').waitFor({ timeout: 20_000 });
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('anything');
    await page.locator('button[type=submit]').click();
    const consent = page.locator('button[type=submit]', { hasText: /continue/i });
    await page.waitForURL((u) => u.href.startsWith(server.baseUrl) || u.pathname.includes('interaction'), {
      timeout: 20_000,
    });
    if (!page.url().startsWith(server.baseUrl) && (await consent.count()) > 0) await consent.click();
    await page.waitForURL((u) => u.href.startsWith(server.baseUrl), { timeout: 20_000 });
  }

  it('signs an invited coordinator in, with no password on this platform', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sso-login');
    await throughProvider(page, 'coord@sso.test');
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 20_000 }).toContain('coord');
    const audit = await server.db
      .selectFrom('audit_log')
      .select('meta')
      .where('action', '=', 'auth.login')
      .where('actor_email', '=', 'coord@sso.test')
      .executeTakeFirstOrThrow();
    expect(audit.meta).toEqual({ via: 'oidc' });
    await context.close();
  }, 120_000);

  it('refuses an e-mail with no account here, and one the provider has not verified', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await throughProvider(page, 'stranger@sso.test');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('ไม่พบบัญชี');
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await context.close();
    // A fresh browser: the provider would otherwise remember the first sign-in.
    const second = await browser.newContext();
    const page2 = await second.newPage();
    await throughProvider(page2, 'unverified-coord@sso.test');
    await expect.poll(() => page2.getByRole('alert').textContent(), { timeout: 20_000 }).toContain('ไม่ได้ยืนยันอีเมล');
    await second.close();
  }, 120_000);

  it('still asks an administrator for the second factor after single sign-on', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await throughProvider(page, 'boss@sso.test');
    await page.getByRole('heading', { name: 'ตั้งค่าการยืนยันตัวตนสองขั้นตอน' }).waitFor({ timeout: 20_000 });
    expect(page.url()).not.toContain('challenge=');
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('refuses a callback without the state it started with', async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/oidc/callback?code=forged&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?sso=expired');
  });
});
