import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn, startDemoInBrowser, stopDemoInBrowser } from '../support/demo-browser';
import type { LiveServer } from '../support/live-server';

/**
 * Disclosure control in the browser: an administrator sets a cycle's minimum segment size on the
 * cycle settings screen; an agency viewer narrows by one dimension at a time and a small ministry
 * shows the withheld message instead of numbers.
 */
describe.skipIf(!hasBrowser)('disclosure control in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let cycle2565: number;
  /** A ministry with 1 to 4 agencies behind the 2565 figures, and its Thai name. */
  let small: { code: string; name: string; n: number };

  beforeAll(async () => {
    ({ server, browser } = await startDemoInBrowser());
    cycle2565 = (
      await server.db.selectFrom('cycles').select('id').where('fiscal_year', '=', 2022).executeTakeFirstOrThrow()
    ).id;
    const rows = await sql<{ code: string; name: string; n: number }>`
      select m.code, m.name_th as name, count(*)::int as n
      from result_snapshots s
      join responses r on r.id = s.response_id
      join agencies a on a.id = s.agency_id
      join ministries m on m.code = a.ministry_code
      where s.cycle_id = ${cycle2565} and s.is_current and r.status in ('submitted', 'verified')
        and a.track = 'department'
      group by m.code, m.name_th
      having count(*) between 1 and 4
      order by count(*), m.code
      limit 1`.execute(server.db);
    const row = rows.rows[0];
    if (!row) throw new Error('the demo data has no ministry of fewer than 5 agencies in 2565');
    small = row;
  }, 300_000);
  afterAll(() => stopDemoInBrowser(server, browser));

  it('lets an administrator set the minimum on the cycle settings screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server, 'admin@dga.or.th', 'Admin-2566-demo');
    await page.goto(`${server.baseUrl}/admin/cycles`);
    const open = page.getByRole('button', { name: 'ตั้งค่าการเปิดเผยข้อมูลรอบ 2565' });
    await expect.poll(() => open.count(), { timeout: 60_000 }).toBe(1);
    await open.click();
    const input = page.getByLabel('จำนวนหน่วยงานขั้นต่ำต่อกลุ่ม');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe('5');
    expect(await page.getByRole('dialog').textContent()).toContain('ใช้ค่าเริ่มต้น');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await input.fill('2');
    expect(await page.getByRole('button', { name: 'บันทึก' }).isDisabled()).toBe(true);
    await input.fill('6');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect.poll(() => page.getByRole('dialog').count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(
        async () =>
          (
            await server.db
              .selectFrom('cycle_disclosure_policies')
              .select('min_segment_size')
              .where('cycle_id', '=', cycle2565)
              .executeTakeFirst()
          )?.min_segment_size,
        { timeout: 30_000 },
      )
      .toBe(6);
    const audit = await server.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'cycle.disclosure_policy')
      .execute();
    expect(audit).toHaveLength(1);
    await context.close();
  }, 180_000);

  it('offers an agency viewer one dimension at a time and withholds a small ministry', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server, 'viewer1@demo.go.th', 'Viewer-2566-demo');
    await page.goto(`${server.baseUrl}/analytics?cycle=${cycle2565}&track=department`);
    await expect.poll(() => page.getByTestId('pillar-levels-table').count(), { timeout: 60_000 }).toBe(1);
    // One dimension at a time: no separate organisation-type, role and ministry pickers.
    expect(await page.getByRole('combobox', { name: 'ประเภทหน่วยงาน' }).count()).toBe(0);
    const narrow = page.getByRole('combobox', { name: 'จำแนกตาม' });
    await narrow.click();
    await page.getByRole('option', { name: 'กระทรวง' }).click();
    const ministry = page.getByRole('combobox', { name: 'กระทรวง' });
    await expect.poll(() => ministry.count(), { timeout: 30_000 }).toBe(1);
    await ministry.click();
    await ministry.fill(small.name);
    await page.getByRole('option', { name: small.name, exact: true }).click();
    const withheld = page.getByTestId('withheld');
    await expect.poll(() => withheld.count(), { timeout: 60_000 }).toBe(1);
    // The administrator set 6 in the test before: the message carries the cycle's minimum.
    expect(await withheld.textContent()).toContain('กลุ่มนี้มีหน่วยงานน้อยกว่า 6 แห่ง จึงไม่แสดงผล');
    expect(await page.getByTestId('pillar-levels-table').count()).toBe(0);
    await screenshot(page, 'analytics-withheld-th');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Switching the dimension clears the ministry: never two at once.
    await narrow.click();
    await page.getByRole('option', { name: 'บทบาทหลัก' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ministry'), { timeout: 30_000 }).toBeNull();
    await context.close();
  }, 180_000);

  it("shows an agency viewer a number's summary without its minimum and maximum, and says why", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server, 'viewer1@demo.go.th', 'Viewer-2566-demo');
    await page.goto(`${server.baseUrl}/analytics/items?cycle=${cycle2565}&track=department&q=BO_WFH_SHARE`);
    const summary = page.getByTestId('item-summary');
    await expect.poll(() => summary.count(), { timeout: 60_000 }).toBe(1);
    const text = (await summary.textContent()) ?? '';
    // Each extreme is one agency's own answer: both cells say so; the median is still shown.
    expect(text.split('ไม่เปิดเผย (เป็นค่าของหน่วยงานเดียว)')).toHaveLength(3);
    expect(text).toContain('มัธยฐาน');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
