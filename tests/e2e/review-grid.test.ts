import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { insertOpenCycle } from '../support/open-cycle';

/**
 * The review queue at national size: 8,000 generated agencies, G00001..G08000. 7,000 submitted,
 * 500 returned, 500 still answering. The queue shows a page at a time, its filters live in the URL
 * (shared, reloaded), selected rows are returned or accepted together, and an analyst with
 * assigned agencies opens on "mine".
 */
const N = 8000;
const code = (i: number) => `G${String(i).padStart(5, '0')}`;
const WAIT = { timeout: 60_000 };

describe.skipIf(!hasBrowser)('review queue as a data grid in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let cycleId: number;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const { row } = await importFramework(server.db, dgrs2566, { userId: null, email: null, ip: null });
    cycleId = await insertOpenCycle(server.db, row.id);
    await server.db
      .insertInto('ministries')
      .values({ code: 'M01', name_th: 'กระทรวงทดสอบ', name_en: 'Test ministry' })
      .execute();
    const base = Date.now() - 20 * 86_400_000;
    for (let start = 1; start <= N; start += 1000) {
      const batch = Array.from({ length: 1000 }, (_, k) => start + k);
      const agencies = await server.db
        .insertInto('agencies')
        .values(
          batch.map((i) => ({
            code: code(i),
            track: i % 5 === 0 ? ('province' as const) : ('department' as const),
            name_th: `หน่วยงานทดสอบ ${code(i)}`,
            name_en: `Test agency ${code(i)}`,
            ministry_code: i <= 30 ? 'M01' : null,
            org_type: null,
            role: null,
            region: null,
            merged_into_id: null,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      await server.db
        .insertInto('responses')
        .values(
          agencies.map((a) => {
            const i = Number(a.code.slice(1));
            const status = i <= 7000 ? 'submitted' : i <= 7500 ? 'returned' : 'in_progress';
            return {
              cycle_id: cycleId,
              agency_id: a.id,
              status: status as 'submitted',
              round: status === 'returned' ? 2 : 1,
              submitted_at: status === 'in_progress' ? null : new Date(base + i * 60_000),
            };
          }),
        )
        .execute();
    }
    await insertUser(server.db, 'mine@test.dga.or.th', 'analyst');
    await insertUser(server.db, 'all@test.dga.or.th', 'analyst');
    const mine = await server.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'mine@test.dga.or.th')
      .executeTakeFirstOrThrow();
    const m01 = await server.db.selectFrom('agencies').select('id').where('ministry_code', '=', 'M01').execute();
    await server.db
      .insertInto('analyst_assignments')
      .values(m01.map((a) => ({ agency_id: a.id, analyst_id: mine.id, assigned_by: null })))
      .execute();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openAs(email: string, path: string, width = 1366): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor(WAIT);
    // The signed-in name shows only from tablet width up: narrow the window once signed in.
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.baseUrl}${path}`);
    return page;
  }

  async function shot(page: Page, name: string) {
    const dir = process.env.SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
  }

  const range = (page: Page) => page.getByTestId('grid-range').textContent();

  it('pages 7,500 responses 25 at a time; a filter and the page live in the URL and survive a reload', async () => {
    const page = await openAs('all@test.dga.or.th', '/review');
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–25 จาก 7500 รายการ');
    const grid = page.getByTestId('review-queue');
    expect(await grid.getByRole('row').count()).toBe(26);
    await grid.getByRole('row', { name: /G00001/ }).waitFor(WAIT);
    // 7,500 / 25 = 300 pages.
    await page.getByRole('button', { name: 'หน้า 300' }).waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'review-grid-1366');

    await page.getByRole('combobox', { name: 'สถานะ' }).click();
    await page.getByRole('option', { name: 'ส่งกลับให้แก้ไข' }).click();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–25 จาก 500 รายการ');
    await page.getByRole('button', { name: 'หน้าถัดไป' }).click();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 26–50 จาก 500 รายการ');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('returned');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');

    // Sorted by agency code, then the same header again for the highest code first: the URL carries it.
    // On a slow machine the router renders a URL change later than the address bar shows it; a slowed
    // CPU makes the second click land in that gap (it used to turn the sort to ascending again).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await page.getByRole('button', { name: 'หน่วยงาน', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toBe('agencyCode:asc');
    await page.getByRole('button', { name: 'หน่วยงาน', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toBe('agencyCode:desc');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await grid.getByRole('row', { name: /G07500/ }).waitFor(WAIT);
    await expect
      .poll(() => page.getByRole('columnheader', { name: /หน่วยงาน/ }).getAttribute('aria-sort'), WAIT)
      .toBe('descending');

    const shared = page.url();
    await page.reload();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–25 จาก 500 รายการ');
    expect(await page.getByRole('combobox', { name: 'สถานะ' }).inputValue()).toBe('ส่งกลับให้แก้ไข');
    expect(page.url()).toBe(shared);

    // Someone else opening the shared link sees the same view.
    const other = await openAs('all@test.dga.or.th', new URL(shared).pathname + new URL(shared).search, 390);
    await expect.poll(() => range(other), WAIT).toBe('แสดง 1–25 จาก 500 รายการ');
    await other
      .getByTestId('review-queue')
      .getByRole('row', { name: /G07500/ })
      .waitFor(WAIT);
    expect(await seriousA11yViolations(other)).toEqual([]);
    await shot(other, 'review-grid-390');
  }, 300_000);

  it('searches by code and returns, then accepts, the selected responses in bulk', async () => {
    const page = await openAs('all@test.dga.or.th', '/review?status=submitted&search=G0001');
    // "G0001" is in the codes (and names) of G00010..G00019.
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–10 จาก 10 รายการ');
    const grid = page.getByTestId('review-queue');
    await grid.getByRole('checkbox', { name: 'เลือก หน่วยงานทดสอบ G00011' }).check();
    await grid.getByRole('checkbox', { name: 'เลือก หน่วยงานทดสอบ G00012' }).check();
    await expect.poll(() => page.getByTestId('grid-selected').textContent(), WAIT).toBe('เลือกแล้ว 2 รายการ');
    await page.getByRole('button', { name: 'ส่งกลับให้แก้ไข', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ความเห็นถึงหน่วยงาน').fill('โปรดแนบแผนดิจิทัลฉบับที่ผู้บริหารลงนามแล้ว');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'review-grid-bulk-return');
    await dialog.getByRole('button', { name: 'ส่งกลับ 2 แห่ง' }).click();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–8 จาก 8 รายการ');
    const returned = await server.db
      .selectFrom('responses as r')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select(['a.code', 'r.status', 'r.round'])
      .where('a.code', 'in', ['G00011', 'G00012'])
      .execute();
    expect(returned.map((r) => [r.status, r.round])).toEqual([
      ['returned', 2],
      ['returned', 2],
    ]);

    await grid.getByRole('checkbox', { name: 'เลือก หน่วยงานทดสอบ G00013' }).check();
    await page.getByRole('button', { name: 'รับรองผล', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'รับรอง 1 แห่ง' }).click();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–7 จาก 7 รายการ');
    const accepted = await server.db
      .selectFrom('responses as r')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select('r.status')
      .where('a.code', '=', 'G00013')
      .executeTakeFirstOrThrow();
    expect(accepted.status).toBe('verified');
  }, 300_000);

  it('an analyst with assigned agencies opens on "mine"; the others are one choice away', async () => {
    const page = await openAs('mine@test.dga.or.th', '/review');
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–25 จาก 30 รายการ');
    expect(await page.getByRole('combobox', { name: 'ผู้รับผิดชอบ' }).inputValue()).toBe('หน่วยงานที่ฉันรับผิดชอบ');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'review-grid-mine');
    await page.getByRole('combobox', { name: 'ผู้รับผิดชอบ' }).click();
    await page.getByRole('option', { name: 'ทุกหน่วยงาน' }).click();
    await expect.poll(() => range(page), WAIT).toBe('แสดง 1–25 จาก 7500 รายการ');
  }, 300_000);
});
