import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { layoutProblems } from '../support/layout-checks';
import { type LiveServer, startLiveServer } from '../support/live-server';

const ARTIFACTS = path.resolve('test-artifacts/agency-messages');
/** Server English that must never reach the Thai UI on these screens. */
const ENGLISH = /has expired|already been used|already exists|common passwords|If this email|Invalid|must contain/i;

/**
 * The invitation, forgot-password and agency-people screens say every refusal in Thai (the
 * server's reason code, worded by the client), and an administrator resets a user's second
 * factor after a confirmation, which the audit log shows.
 */
describe.skipIf(!hasBrowser)('Thai messages on the agency screens, and the second-factor reset', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    const agency = await insertAgency(server.db, 'MS01');
    await insertUser(server.db, 'cio@ms.go.th', 'cio', agency.id);
    await insertUser(server.db, 'coord@ms.go.th', 'respondent', agency.id);
    await insertUser(server.db, 'admin@ms.test', 'admin');
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fresh(width = 1366, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    return context.newPage();
  }

  async function signInAs(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor({ timeout: 30_000 });
  }

  async function inviteToken(email: string): Promise<string> {
    const cio = await signIn(server.app, 'cio@ms.go.th');
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/agency/invitations',
      headers: cio.headers,
      payload: { email, role: 'respondent' },
    });
    expect(res.statusCode).toBe(201);
    return res.json().link.split('/invite/')[1] as string;
  }

  it('forgot password: a wrong email and the answer are in Thai, never the server English', async () => {
    const page = await fresh(390, 844);
    await page.goto(`${server.baseUrl}/forgot-password`);
    await page.getByLabel('อีเมล').fill('not-an-email');
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    await expect.poll(() => page.getByText('กรุณากรอกอีเมลให้ถูกต้อง').count(), { timeout: 20_000 }).toBe(1);
    await page.getByLabel('อีเมล').fill('nobody@ms.go.th');
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    const answer = page.getByTestId('forgot-answer');
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.textContent()).toContain('หากอีเมลนี้มีบัญชีในระบบ');
    expect(await page.locator('main').textContent()).not.toMatch(ENGLISH);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/forgot-390.png`, fullPage: true });

    // The sign-in form's own checks are Thai too (zod's messages are English).
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByText('กรุณากรอกรหัสผ่าน').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByText('กรุณากรอกอีเมลให้ถูกต้อง').count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(/Invalid|Too small|at least/i);
    await page.context().close();
  }, 120_000);

  it('invitation: an expired link, mismatched and common passwords are refused in Thai', async () => {
    const expired = await inviteToken('late@ms.go.th');
    await server.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'late@ms.go.th')
      .execute();
    const page = await fresh(390, 844);
    await page.goto(`${server.baseUrl}/invite/${expired}`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('ลิงก์นี้หมดอายุแล้ว');
    expect(await alert.textContent()).not.toMatch(ENGLISH);
    await page.screenshot({ path: `${ARTIFACTS}/invite-expired-390.png`, fullPage: true });

    const token = await inviteToken('new.coord@ms.go.th');
    await page.goto(`${server.baseUrl}/invite/${token}`);
    const password = page.getByLabel('รหัสผ่าน', { exact: true });
    await password.waitFor({ timeout: 30_000 });
    await password.fill('short1');
    await page.getByLabel('ยืนยันรหัสผ่าน').fill('other');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
    await expect.poll(() => page.getByText('รหัสผ่านต้องยาวอย่างน้อย 10 ตัวอักษร').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByText('รหัสผ่านทั้งสองช่องไม่ตรงกัน').count()).toBe(1);
    await password.fill('qwerty12345');
    await page.getByLabel('ยืนยันรหัสผ่าน').fill('qwerty12345');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 })
      .toContain('รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไป');
    expect(await page.locator('main').textContent()).not.toMatch(ENGLISH);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/invite-common-390.png`, fullPage: true });
    await page.context().close();
  }, 120_000);

  it('agency people: inviting someone who already has an account is refused in Thai', async () => {
    const page = await fresh();
    await signInAs(page, 'cio@ms.go.th');
    await page.goto(`${server.baseUrl}/agency/people`);
    await page.getByLabel('อีเมล').fill('coord@ms.go.th');
    await page.getByRole('button', { name: 'เชิญ', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว');
    expect(await alert.textContent()).not.toMatch(ENGLISH);
    const fits = await page.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    );
    expect(fits).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/people-exists-1366.png`, fullPage: true });
    await page.context().close();
  }, 120_000);

  it("administrator resets a user's second factor after confirming; the audit log shows it", async () => {
    const coord = await server.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'coord@ms.go.th')
      .executeTakeFirstOrThrow();
    await server.db
      .insertInto('user_mfa')
      .values({ user_id: coord.id, secret_enc: 'test-secret', confirmed_at: new Date() })
      .execute();
    const page = await fresh();
    await signInAs(page, 'admin@ms.test');
    const cio = await server.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'cio@ms.go.th')
      .executeTakeFirstOrThrow();
    // An enrolment started but never confirmed does not count as a second factor.
    await server.db.insertInto('user_mfa').values({ user_id: cio.id, secret_enc: 'pending-secret' }).execute();
    await page.goto(`${server.baseUrl}/admin/users`);
    const button = page.getByRole('button', { name: 'ล้างการยืนยันสองขั้นตอนของ coord@ms.go.th' });
    await button.waitFor({ timeout: 30_000 });
    // Each account says whether it has a second factor; only one that has can be cleared.
    expect(await page.getByTestId(`mfa-state-${coord.id}`).textContent()).toBe('เปิดใช้อยู่');
    expect(await page.getByTestId(`mfa-state-${cio.id}`).textContent()).toBe('ยังไม่ได้ตั้งค่า');
    expect(await page.getByRole('button', { name: 'ล้างการยืนยันสองขั้นตอนของ cio@ms.go.th' }).count()).toBe(0);
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).toContain('coord@ms.go.th');
    // The confirmation says what follows: the user is signed out everywhere, every session ends.
    expect(await dialog.textContent()).toContain('ออกจากระบบทันทีในทุกอุปกรณ์');
    expect(await dialog.textContent()).toContain('ทุกเซสชันสิ้นสุด');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/mfa-reset-dialog-1366.png` });
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 20_000 }).toBe(0);
    expect(
      await server.db.selectFrom('user_mfa').select('user_id').where('user_id', '=', coord.id).execute(),
    ).toHaveLength(1);

    await button.click();
    await page.getByTestId('mfa-reset-confirm').click();
    await expect
      .poll(() => server.db.selectFrom('user_mfa').select('user_id').where('user_id', '=', coord.id).execute(), {
        timeout: 30_000,
      })
      .toHaveLength(0);
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 20_000 }).toBe(0);
    // The list follows: no second factor any more, so nothing left to clear.
    await expect
      .poll(() => page.getByTestId(`mfa-state-${coord.id}`).textContent(), { timeout: 30_000 })
      .toBe('ยังไม่ได้ตั้งค่า');
    expect(await button.count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/users-mfa-1366.png`, fullPage: true });
    // On a phone the accounts table scrolls inside its own box, never the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/users-mfa-390.png`, fullPage: true });
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'user.mfa_reset')
      .execute();
    expect(audit).toEqual([{ action: 'user.mfa_reset', entity_id: String(coord.id) }]);

    await page.goto(`${server.baseUrl}/audit`);
    await expect.poll(() => page.getByText('ล้างการยืนยันสองขั้นตอนของผู้ใช้').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.context().close();
  }, 180_000);
});
