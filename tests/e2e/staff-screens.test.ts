import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

/**
 * Staff screens checked where they used to fail (issue 23): axe at 390 px (wide tables scroll in a
 * focusable, named region; readable greys), the monitoring breakdowns one per row at 1366 px, an
 * honest basis label while nothing is verified, and the review page's cycle and tab both kept
 * when changed in quick succession on a slow machine.
 */
const DAY = 86_400_000;
const WAIT = { timeout: 30_000 };

describe.skipIf(!hasBrowser)('staff screens in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let openCycle: number;
  let closedCycle: number;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const db = server.db;
    const { row } = await importFramework(db, dgrs2566, { userId: null, email: null, ip: null });
    const mk = async (fiscal: number, status: 'open' | 'closed') =>
      (
        await db
          .insertInto('cycles')
          .values({
            fiscal_year: fiscal,
            name_th: `การสำรวจ ${fiscal + 543}`,
            name_en: `Survey ${fiscal}`,
            framework_id: row.id,
            status,
            opens_at: new Date(Date.now() - 30 * DAY),
            closes_at: new Date(Date.now() + (status === 'open' ? 20 : -5) * DAY),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    closedCycle = await mk(2022, 'closed');
    openCycle = await mk(2023, 'open');
    for (const [i, code] of ['SC01', 'SC02', 'SC03', 'SC04'].entries()) {
      const a = await insertAgency(db, code, i === 3 ? 'province' : 'department');
      for (const c of [openCycle, closedCycle])
        await db.insertInto('cycle_agencies').values({ cycle_id: c, agency_id: a.id }).execute();
      // Two submitted, none verified.
      if (i < 2)
        await db
          .insertInto('responses')
          .values({
            cycle_id: openCycle,
            agency_id: a.id,
            status: 'submitted',
            started_at: new Date(Date.now() - 5 * DAY),
            submitted_at: new Date(Date.now() - 2 * DAY),
          })
          .execute();
    }
    await insertUser(db, 'admin.screens@test.dga.or.th', 'admin', null);
    const admin = await signIn(server.app, 'admin.screens@test.dga.or.th');
    const target = await server.app.inject({
      method: 'PUT',
      url: `/api/admin/cycles/${openCycle}/targets/NS_DEPT_LEVEL4`,
      headers: admin.headers,
      payload: {
        label: { th: 'สัดส่วนหน่วยงานระดับกรมที่มีระดับตั้งแต่ 4 ขึ้นไป', en: 'Department agencies at level 4 or above' },
        indicator: { kind: 'level_at_least', level: 4, track: 'department' },
        comparison: 'gte',
        targetPercent: 20,
        targetYear: 2027,
        source: { th: 'ยุทธศาสตร์ชาติ', en: 'National strategy' },
      },
    });
    expect(target.statusCode, target.body).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(width: number, height = 900): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill('admin.screens@test.dga.or.th');
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor({ state: 'attached', ...WAIT });
    return page;
  }

  const sideways = (page: Page) =>
    page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

  it('is axe clean and does not scroll sideways at 390 px: monitoring, analytics, targets, import, review queue, registry', async () => {
    const page = await signedIn(390, 844);
    await page.goto(`${server.baseUrl}/monitoring`);
    await page.getByTestId('by-track').waitFor(WAIT);
    // The breakdown tables scroll sideways in a region named by the table's title.
    const region = page.getByRole('region', { name: 'ตามกลุ่มผู้ตอบ' }).or(page.locator('[role="region"][tabindex="0"]'));
    await expect.poll(() => region.count(), WAIT).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.goto(`${server.baseUrl}/analytics`);
    await page.getByRole('heading', { level: 2 }).first().waitFor(WAIT);
    await page.getByTestId('national-targets').waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.goto(`${server.baseUrl}/admin/targets`);
    await page.getByTestId('targets-table').waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.goto(`${server.baseUrl}/admin/import`);
    await page.getByRole('heading', { level: 2 }).first().waitFor(WAIT);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    // The data grids: a wide table scrolls in its own region, never the page (an absolutely placed
    // part of a table once escaped its scroller and widened the page to 937 px).
    for (const path of ['/review', '/admin/agencies']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('[role="region"][tabindex="0"] table tbody tr').first().waitFor(WAIT);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(await sideways(page), path).toBe(0);
    }
    await page.context().close();
  });

  it('monitoring at 1366 px puts one breakdown table per row', async () => {
    const page = await signedIn(1366);
    await page.goto(`${server.baseUrl}/monitoring`);
    const track = page.getByTestId('by-track');
    const type = page.getByTestId('by-type');
    await track.waitFor(WAIT);
    await type.waitFor(WAIT);
    const a = await track.boundingBox();
    const b = await type.boundingBox();
    expect(a && b && b.y >= a.y + a.height).toBe(true);
    // Room for the five columns: no sideways scrolling inside the table's region.
    const cramped = await track.evaluate((t) => {
      const scroller = t.closest('[role="region"]');
      return scroller ? scroller.scrollWidth > scroller.clientWidth : true;
    });
    expect(cramped).toBe(false);
    await screenshot(page, 'staff-monitoring-1366');
    await page.context().close();
  });

  it('does not call self-assessed figures verified; the targets show their target year', async () => {
    const page = await signedIn(1366);
    await page.goto(`${server.baseUrl}/analytics?cycle=${openCycle}`);
    const basis = page.getByRole('radiogroup', { name: 'ฐานข้อมูล' }).or(page.getByText(/ตรวจสอบแล้ว \d+ จาก/));
    await expect.poll(() => basis.first().textContent(), WAIT).toContain('ตรวจสอบแล้ว 0 จาก 2 แห่ง');
    expect(await basis.first().textContent()).not.toContain('ผลที่ตรวจสอบแล้ว');
    await expect.poll(() => page.getByText(/ปีเป้าหมาย 2570/).count(), WAIT).toBeGreaterThan(0);
    await page.context().close();
  });

  it('keeps both the cycle and the tab when they are changed in quick succession', async () => {
    const page = await signedIn(1366);
    await page.goto(`${server.baseUrl}/review`);
    const picker = page.getByRole('combobox', { name: 'รอบการสำรวจ' });
    await picker.waitFor(WAIT);
    await expect.poll(() => picker.inputValue(), WAIT).toContain('2566');
    // A slowed CPU makes the tab click land before the router renders the cycle change.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await picker.click();
    await page.getByRole('option', { name: /2565/ }).click();
    await page.getByRole('tab', { name: /จัดกลุ่มเหตุผล/ }).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect.poll(() => new URL(page.url()).searchParams.get('tab'), WAIT).toBe('coding');
    expect(new URL(page.url()).searchParams.get('cycle')).toBe(String(closedCycle));
    await page.context().close();
  });
});
