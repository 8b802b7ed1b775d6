import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

const DAY = 86_400_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** What a respondent sees when the server refuses or renames an upload: Thai first, the server's English under it. */
describe.skipIf(!hasBrowser)('evidence upload refusals in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const imported = await importFramework(server.db, dgrs2566, { userId: null, email: null, ip: null });
    await server.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'การสำรวจ 2566',
        name_en: 'Survey 2023',
        framework_id: imported.row.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
      })
      .execute();
    const a = await insertAgency(server.db, 'EU01');
    await insertUser(server.db, 'cio.eu@test.go.th', 'respondent', a.id);
    page = await (await browser.newContext()).newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('cio.eu@test.go.th');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}/questionnaire`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a mismatch in Thai with the detected type, then the English words; announces a rename', async () => {
    const cio = page.locator('#q-POL_CIO');
    await cio.waitFor({ timeout: 30_000 });
    await cio.locator('input[value="yes"]').check();
    const panel = page.getByTestId('evidence-POL_CIO');
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'plan.docx', mimeType: 'application/pdf', buffer: PDF });
    // One step: choosing the file uploads it.
    const alert = page.getByTestId('evidence-error-POL_CIO');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('ไม่รับไฟล์นี้');
    expect(text).toContain('เนื้อหาของไฟล์เป็น PDF แต่ชื่อหรือชนิดไฟล์ระบุว่า .docx');
    // The Thai interface shows Thai only; the server's English words belong to the English interface.
    expect(text).not.toContain("The file's content");
    const violations = await seriousA11yViolations(page);
    expect(JSON.stringify(violations)).toBe('[]');
    await screenshot(page, 'evidence-upload-mismatch');

    // A PDF named .hta is kept as a PDF under a .pdf name, and the respondent is told.
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'update.hta', mimeType: 'application/hta', buffer: PDF });
    // One step: choosing the file uploads it.
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('update.pdf');
    await expect.poll(() => page.locator('body').textContent(), { timeout: 30_000 }).toContain('บันทึกไฟล์เป็น update.pdf');
    expect(await page.getByTestId('evidence-error-POL_CIO').count()).toBe(0);
  });
});
