import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { type LiveServer, startLiveServer } from '../support/live-server';

/** The shared CI box is slow: give UI updates time before failing. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 200 });

/** The visible part only, for looking at the layout (full-page shots of long pages are unreadable). */
async function viewportShot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

describe.skipIf(!hasBrowser)('admin: cycles, frameworks and the questionnaire preview', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startLiveServer();
    await runSeeds(server.db, { demo: true, answers: false });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('input[type="email"]').fill('admin@dga.or.th');
    await page.locator('input[type="password"]').fill('Admin-2566-demo');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).last().click();
    await page.getByTestId('signed-in-user').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the cycles with Buddhist Era years in Thai', async () => {
    await page.getByRole('link', { name: 'รอบการสำรวจ' }).click();
    await page.getByTestId('cycles-table').waitFor();
    const years = await page.locator('[data-testid="cycles-table"] tbody tr th p:first-child').allTextContents();
    expect(years).toEqual(['2566', '2565']);
    const row2566 = page.locator('tr[data-cycle="2023"]');
    await poll(() => row2566.textContent()).toContain('เปิดรับคำตอบ');
    expect(await row2566.textContent()).toContain('DGRS-2566');
    expect(await page.locator('tr[data-cycle="2022"]').textContent()).toContain('เผยแพร่ผลแล้ว');
    // The open cycle offers "close" behind a confirmation dialog; cancelling changes nothing.
    await row2566.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.textContent()).toContain('ปิดรับคำตอบ?');
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-cycles-th');
  });

  it('lists frameworks with export and codebook downloads', async () => {
    await page.getByRole('link', { name: 'กรอบการประเมิน' }).click();
    await page.getByTestId('frameworks-table').waitFor();
    const text = await page.getByTestId('frameworks-table').textContent();
    expect(text).toContain('DGRS-2566');
    expect(text).toContain('DGRS-2565');
    expect(text).toContain('ตรึงแล้ว');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'ดาวน์โหลด DGRS-2566' }).click();
    await page.getByRole('menuitem', { name: 'คู่มือรหัส (Excel)' }).click();
    expect((await download).suggestedFilename()).toBe('codebook-DGRS-2566.xlsx');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-frameworks-th');
  });

  it('previews the 2566 questionnaire and follows the language switch', { timeout: 240_000 }, async () => {
    await page.getByRole('link', { name: 'ดูตัวอย่าง DGRS-2566' }).click();
    await page.getByRole('tablist').waitFor();
    await poll(() => page.locator('h2').textContent()).toContain('ตัวอย่างแบบสำรวจ');
    await page.getByRole('tab', { name: /^2\./ }).click();
    const dg = page.locator('[data-question="DG_STATUS"]');
    await poll(() => dg.textContent()).toContain('สถานะการจัดทำแผนและการดำเนินการธรรมาภิบาลข้อมูลภาครัฐ');
    // Preview inputs are disabled until "try answering" is switched on.
    expect(await dg.locator('input').first().isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-preview-th');

    await page.getByText('EN', { exact: true }).click();
    await poll(() => dg.textContent()).toContain('Status of the agency data governance plan and implementation');
    expect(await page.getByRole('tab', { name: /^2\./ }).textContent()).toContain('Data-driven Practices');

    // Trying answers shows the follow-ups that depend on them.
    await page.getByRole('switch').check();
    const followUps = () => page.locator('[data-question]').count();
    const before = await followUps();
    await dg.getByLabel('Data governance in operation').check();
    await poll(followUps).toBeGreaterThan(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-preview-en');

    // The province questionnaire is a different variant.
    await page.locator('label', { hasText: /^Province$/ }).click();
    await poll(() => page.getByRole('tab', { name: /^1\./ }).textContent()).toMatch(/\d+ questions/);
  });

  it('searches the agency registry', async () => {
    await page.getByRole('link', { name: 'Agency registry' }).click();
    await page.getByTestId('agencies-table').waitFor();
    await page.getByLabel('Search by name or code').fill('D001');
    await poll(() => page.getByTestId('agencies-table').locator('tbody tr').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-agencies-en');
  });
});
