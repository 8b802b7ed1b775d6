import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../server/src/modules/privacy/privacy-notice';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('privacy notice at first sign-in', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'PN01');
    await insertUser(server.db, 'first@privacy.go.th', 'respondent', agency.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('first@privacy.go.th');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 15_000 }).toBe(1);
    return { context, page };
  };

  it('shows the notice in Thai and English, records the acknowledgement, and shows it again for a new version', async () => {
    const { context, page } = await signIn();
    const notice = page.getByRole('region', { name: /ประกาศความเป็นส่วนตัว/ });
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    expect(await notice.textContent()).toContain('Privacy notice');
    // Its version is a date: in B.E. for a Thai reader, never the stored C.E. "YYYY-MM-DD".
    expect(await notice.textContent()).toMatch(/ฉบับ \d{1,2} \S+ 25\d\d/);
    expect(await notice.textContent()).not.toContain(PRIVACY_NOTICE_VERSION);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A short summary first; the full notice opens on request.
    const rights = notice.getByText('Your rights');
    expect(await rights.isVisible()).toBe(false);
    await notice.getByRole('button', { name: /อ่านรายละเอียด/ }).click();
    await expect.poll(() => rights.isVisible(), { timeout: 15_000 }).toBe(true);
    await notice.getByRole('button', { name: /รับทราบ/ }).click();
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(0);
    const row = await server.db
      .selectFrom('users')
      .select(['privacy_ack_version', 'privacy_ack_at'])
      .where('email', '=', 'first@privacy.go.th')
      .executeTakeFirstOrThrow();
    expect(row.privacy_ack_version).toBe(PRIVACY_NOTICE_VERSION);
    expect(row.privacy_ack_at).not.toBeNull();
    await context.close();

    // Signing in again: acknowledged, so not shown.
    const again = await signIn();
    await again.page.waitForTimeout(1000);
    expect(await again.page.getByTestId('privacy-notice').count()).toBe(0);
    await again.context.close();

    // The notice changed since: shown again at the next sign-in.
    await server.db
      .updateTable('users')
      .set({ privacy_ack_version: '2020-01-01' })
      .where('email', '=', 'first@privacy.go.th')
      .execute();
    const changed = await signIn();
    await expect.poll(() => changed.page.getByTestId('privacy-notice').count(), { timeout: 15_000 }).toBe(1);
    await changed.context.close();
  }, 90_000);
});
