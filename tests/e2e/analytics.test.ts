import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn, startDemoInBrowser, stopDemoInBrowser } from '../support/demo-browser';
import type { LiveServer } from '../support/live-server';

describe.skipIf(!hasBrowser)('national analytics in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    // Registry, both frameworks, a published 2565 and an open 2566 cycle with synthetic answers.
    ({ server, browser } = await startDemoInBrowser());
  }, 300_000);
  afterAll(() => stopDemoInBrowser(server, browser));

  it('shows an analyst the overview, its charts and tables, the agencies behind a bar and the explorer', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server, 'analyst@dga.or.th', 'Analyst-2566-demo');
    await page.goto(`${server.baseUrl}/analytics`);

    // Response rate, written the way the findings write it.
    await expect
      .poll(() => page.getByTestId('rate-all').textContent(), { timeout: 60_000 })
      .toMatch(/ตอบกลับ \d+ จาก 376 หน่วยงาน ร้อยละ \d+\.\d{2}/);
    expect(await page.getByTestId('rate-department').textContent()).toMatch(/จาก 300 หน่วยงาน/);

    // The 100% stacked bars by pillar: a canvas, and its data table (overall + 7 pillars).
    const chart = page.getByTestId('pillar-levels-chart');
    await expect.poll(() => chart.locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const table = page.getByTestId('pillar-levels-table');
    expect(await table.locator('tbody tr').count()).toBe(8);
    expect(await table.textContent()).toContain('ระดับขั้นริเริ่ม');
    expect(await table.textContent()).toContain('ระดับขั้นสูงสุด');
    expect(await page.getByTestId('narrative').textContent()).toMatch(/ร้อยละ \d+\.\d{2}/);
    // Year over year with the note on the split pillars 6 and 7; breakdowns by type and role.
    await expect.poll(() => page.getByTestId('changed-note').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('by-orgType-table').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('by-role-table').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('pillar-radar-chart').locator('canvas').count()).toBe(1);
    await page.waitForTimeout(500);
    await screenshot(page, 'analytics-overview-th');
    if (process.env.SCREENSHOT_DIR) {
      await page
        .getByTestId('pillar-levels')
        .screenshot({ path: `${process.env.SCREENSHOT_DIR}/analytics-pillar-card.png` });
    }
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The open-data package for data.go.th downloads as a ZIP.
    const [pkg] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'ชุดข้อมูลเปิดสำหรับ data.go.th (ZIP)' }).click(),
    ]);
    expect(pkg.suggestedFilename()).toBe('open-data-2566.zip');

    // A raw export is built by a background job the button follows, then saved.
    const [raw] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      page.getByRole('button', { name: 'ข้อมูลดิบแบบยาว (CSV)' }).click(),
    ]);
    expect(raw.suggestedFilename()).toBe('raw-long-2566.csv');
    const built = await server.db
      .selectFrom('background_jobs')
      .select(['id', 'result_key', 'created_by', 'params'])
      .where('kind', '=', 'raw-export-long')
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
    // A build still running when the page is left is found again after a reload, its progress shown,
    // and its file saved when it ends (a row stands in for a long build on another worker).
    const pending = crypto.randomUUID();
    await server.db
      .insertInto('background_jobs')
      .values({
        id: pending,
        kind: 'raw-export-wide',
        created_by: built.created_by,
        params: JSON.stringify({ cycleId: (built.params as { cycleId: number }).cycleId, format: 'wide' }),
        status: 'running',
        done: 3,
        total: 10,
      })
      .execute();
    await page.reload();
    await expect.poll(() => page.getByText('กำลังสร้างไฟล์ข้อมูลดิบ 3 จาก 10 หน่วยงาน').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'ความคืบหน้าการสร้างไฟล์ข้อมูลดิบ' }).count()).toBe(1);
    const [resumed] = await Promise.all([
      page.waitForEvent('download', { timeout: 180_000 }),
      server.db
        .updateTable('background_jobs')
        .set({
          status: 'done',
          done: 10,
          result_key: built.result_key,
          file_name: 'raw-wide.csv',
          finished_at: new Date(),
        })
        .where('id', '=', pending)
        .execute(),
    ]);
    expect(resumed.suggestedFilename()).toBe('raw-wide-2566.csv');

    // Click-through from the data table (the keyboard route to the same drill-down as a bar click):
    // the overall row's most populated level.
    const cells = table.locator('tbody tr').first().getByTestId('drill-cell');
    expect(await cells.count()).toBe(5);
    const counts = await cells.evaluateAll((els) => els.map((e) => Number.parseInt(e.textContent ?? '0', 10)));
    await cells.nth(counts.indexOf(Math.max(...counts))).click();
    const drawer = page.getByTestId('agency-drawer');
    await expect.poll(() => drawer.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => drawer.locator('a[href^="/results/"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await drawer.locator('a').first().getAttribute('href')).toMatch(/^\/results\/\d+\/\d+$/);
    await screenshot(page, 'analytics-drawer-th');
    await page.keyboard.press('Escape');

    // Explorer: the open-data user-survey reasons, over their own population.
    await page.goto(`${server.baseUrl}/analytics/items`);
    const picker = page.getByRole('combobox', { name: 'ข้อคำถาม' });
    await expect.poll(() => picker.count(), { timeout: 30_000 }).toBe(1);
    await picker.click();
    await picker.fill('OD_USER_SURVEY_REASON');
    await page.getByRole('option', { name: /^OD_USER_SURVEY_REASON/ }).click();
    const denominator = page.getByTestId('denominator');
    await expect.poll(() => denominator.textContent(), { timeout: 60_000 }).toMatch(/^จากผู้ตอบ \d+ หน่วยงาน$/);
    const n = Number((await denominator.textContent())?.match(/\d+/)?.[0]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(300); // asked only of agencies that did not survey users
    await expect.poll(() => page.getByTestId('item-options-chart').locator('canvas').count()).toBe(1);
    const itemTable = await page.getByTestId('item-options-table').textContent();
    expect(itemTable).toMatch(/\d+\.\d{2}/);
    await page.waitForTimeout(300);
    await screenshot(page, 'analytics-explorer-th');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // English follows the global switch.
    await page.getByText('EN', { exact: true }).click();
    await page.goto(`${server.baseUrl}/analytics`);
    await expect
      .poll(() => page.getByTestId('rate-all').textContent(), { timeout: 60_000 })
      .toMatch(/of 376 agencies responded/);
    await expect.poll(() => page.getByTestId('pillar-levels-table').count(), { timeout: 60_000 }).toBe(1);
    await page.waitForTimeout(500);
    await screenshot(page, 'analytics-overview-en');
    await page.getByText('ไทย', { exact: true }).click();
    await context.close();
  }, 240_000);

  it('tells a respondent that the open cycle is not yet published', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server, 'respondent1@demo.go.th', 'Respond-2566-demo');
    await page.goto(`${server.baseUrl}/analytics`);
    // Agencies start on the newest published cycle (2565).
    await expect
      .poll(() => page.getByTestId('rate-all').textContent(), { timeout: 60_000 })
      .toMatch(/ตอบกลับ \d+ จาก \d+ หน่วยงาน/);
    await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).click();
    await page.getByRole('option', { name: /2566/ }).click();
    await expect.poll(() => page.getByTestId('not-published').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('not-published').textContent()).toContain('ยังไม่เผยแพร่');
    await screenshot(page, 'analytics-not-published-th');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
