import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { storeCompleteResponse } from '../support/complete-response';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { openCycleWithResponse } from '../support/open-cycle';

const received: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => {
      body += c;
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});
const linkIn = (body: string) =>
  /(http\S*\/invite\/[A-Za-z0-9_-]{43})/.exec(body.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[1];

describe.skipIf(!hasBrowser)('accounts in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const { port } = smtp.server.address() as AddressInfo;
    server = await startLiveServer({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    browser = await launchBrowser();
    const agency = await insertAgency(server.db, 'AC01');
    await insertUser(server.db, 'cio@ac.go.th', 'cio', agency.id);
    await insertUser(server.db, 'leaving@ac.go.th', 'respondent', agency.id);
    await insertUser(server.db, 'forgot@ac.go.th', 'viewer', agency.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('resets a forgotten password from the sign-in page through the mailed link', { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('link', { name: 'ลืมรหัสผ่าน?' }).click();
    // The sign-in page has an email field too: fill the reset form's only once it is shown.
    await expect
      .poll(() => page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).count(), { timeout: 15_000 })
      .toBe(1);
    await page.getByLabel('อีเมล').fill('forgot@ac.go.th');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    await expect
      .poll(() => page.getByText('หากอีเมลนี้มีบัญชีในระบบ', { exact: false }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => received.find((m) => m.to.includes('forgot@ac.go.th')), { timeout: 20_000 }).toBeDefined();
    const link = linkIn(received.find((m) => m.to.includes('forgot@ac.go.th'))?.body ?? '') ?? '';
    const path = new URL(link).pathname;
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill('password123');
    await page.getByLabel('ยืนยันรหัสผ่าน').fill('password123');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('ใช้กันทั่วไป');
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill('Harbour-lamp-5531');
    await page.getByLabel('ยืนยันรหัสผ่าน').fill('Harbour-lamp-5531');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่าน' }).click();
    await expect.poll(() => page.getByText('ตั้งรหัสผ่านเรียบร้อยแล้ว').count(), { timeout: 15_000 }).toBe(1);

    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('forgot@ac.go.th');
    await page.getByLabel('รหัสผ่าน').fill('Harbour-lamp-5531');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 }).toContain('forgot');
    await context.close();
  });

  it('lets the agency CIO invite a coordinator and remove one who left', { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('cio@ac.go.th');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').textContent(), { timeout: 15_000 }).toContain('cio');
    await page.getByRole('link', { name: 'บุคลากรของหน่วยงาน' }).click();
    await expect.poll(() => page.getByRole('row', { name: /leaving@ac.go.th/ }).count(), { timeout: 15_000 }).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('อีเมล').fill('newcomer@ac.go.th');
    await page.getByRole('button', { name: 'เชิญ', exact: true }).click();
    await expect.poll(() => page.getByTestId('agency-invite-link').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => received.some((m) => m.to.includes('newcomer@ac.go.th')), { timeout: 20_000 }).toBe(true);

    await page.getByRole('button', { name: 'นำออก leaving@ac.go.th' }).click();
    const disabledAt = async () =>
      (
        await server.db
          .selectFrom('users')
          .select('disabled_at')
          .where('email', '=', 'leaving@ac.go.th')
          .executeTakeFirstOrThrow()
      ).disabled_at;
    await expect.poll(disabledAt, { timeout: 15_000 }).not.toBeNull();
    await expect
      .poll(() => page.getByRole('button', { name: 'คืนสิทธิ์ leaving@ac.go.th' }).count(), { timeout: 15_000 })
      .toBe(1);
    await context.close();
  });

  async function signInAs(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 15_000 }).toBe(1);
  }

  it('signs off: the coordinator marks ready, the CIO accepts the declaration and submits', {
    timeout: 120_000,
  }, async () => {
    await insertUser(
      server.db,
      'coord@ac.go.th',
      'respondent',
      (await server.db.selectFrom('agencies').select('id').where('code', '=', 'AC01').executeTakeFirstOrThrow()).id,
    );
    const { cycleId, responseId } = await openCycleWithResponse(server, await signIn(server.app, 'coord@ac.go.th'));
    await server.db.updateTable('cycles').set({ signoff_required: true }).where('id', '=', cycleId).execute();
    const fw = await server.db
      .selectFrom('cycles')
      .select('framework_id')
      .where('id', '=', cycleId)
      .executeTakeFirstOrThrow();
    await storeCompleteResponse(server.db, (await loadFramework(server.db, fw.framework_id)).framework, responseId);

    const coordContext = await browser.newContext();
    const coord = await coordContext.newPage();
    await signInAs(coord, 'coord@ac.go.th');
    await coord.goto(`${server.baseUrl}/questionnaire`);
    await expect.poll(() => coord.getByTestId('signoff-required').count(), { timeout: 30_000 }).toBe(1);
    expect(await coord.getByTestId('open-submit').count()).toBe(0);
    await coord.getByTestId('mark-ready').click();
    await expect.poll(() => coord.getByTestId('signoff-ready').textContent(), { timeout: 15_000 }).toContain('coord');
    await coordContext.close();

    const cioContext = await browser.newContext();
    const cio = await cioContext.newPage();
    await signInAs(cio, 'cio@ac.go.th');
    await cio.goto(`${server.baseUrl}/questionnaire`);
    await expect.poll(() => cio.getByTestId('signoff-ready').count(), { timeout: 30_000 }).toBe(1);
    await cio.getByTestId('open-submit').click();
    await expect.poll(() => cio.getByTestId('confirm-submit').isDisabled(), { timeout: 15_000 }).toBe(true);
    expect(await seriousA11yViolations(cio)).toEqual([]);
    await cio.getByLabel('ข้าพเจ้ายอมรับคำรับรองข้างต้น').check();
    await cio.getByTestId('confirm-submit').click();
    await expect.poll(() => cio.getByTestId('signoff-declared').textContent(), { timeout: 20_000 }).toContain('cio');
    const stored = await server.db
      .selectFrom('responses')
      .select(['status', 'declared_by_name', 'declared_at'])
      .where('id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
    expect(stored.declared_by_name).toBe('cio');
    expect(stored.declared_at).not.toBeNull();
    await cioContext.close();
  });
});
