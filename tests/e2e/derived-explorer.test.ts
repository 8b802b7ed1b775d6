import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks, seedRegistry } from '../../seeds/seed';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn as apiSignIn, insertUser, PASSWORD } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { multipart } from '../support/multipart';

/**
 * The explorer showing a derived indicator like a question (with the staff drill-down to agencies),
 * and the national targets admin screen, in a real browser. The figures are those of answers this
 * test imports into its own cycle, counted by hand below.
 */

/** digital this year, total this year, digital last year, total last year, and the trend they give. */
const TX: [number, number, number, number, 'rose' | 'fell' | 'same'][] = [
  [60, 100, 40, 100, 'rose'],
  [9, 10, 1, 10, 'rose'],
  [30, 100, 50, 100, 'fell'],
  [50, 100, 50, 100, 'same'],
  [7, 7, 7, 7, 'same'],
  [1, 3, 2, 6, 'same'],
];
const TX_CODES = ['TX_DIGITAL_THIS_YEAR', 'TX_TOTAL_THIS_YEAR', 'TX_DIGITAL_LAST_YEAR', 'TX_TOTAL_LAST_YEAR'];
const BY_HAND = { rose: 2, fell: 1, same: 3, unknown: 0 };

describe.skipIf(!hasBrowser)('derived indicators in the explorer and the targets admin screen', () => {
  let server: LiveServer;
  let browser: Browser;
  let cycleId: number;
  let codes: string[];

  beforeAll(async () => {
    server = await startLiveServer();
    await seedRegistry(server.db);
    const { f2566 } = await seedFrameworks(server.db);
    cycleId = (
      await server.db
        .insertInto('cycles')
        .values({ fiscal_year: 2023, name_th: 'ปี 2566', name_en: '2023', framework_id: f2566.id, status: 'closed' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    codes = (
      await server.db
        .selectFrom('agencies')
        .select('code')
        .where('track', '=', 'department')
        .orderBy('code')
        .limit(TX.length)
        .execute()
    ).map((a) => a.code);
    const rows = [['agency_code', 'question_code', 'value', 'not_applicable_justification', 'verification']];
    TX.forEach((tx, i) => {
      const code = codes[i] as string;
      rows.push([code, 'DG_STATUS', 'list_only', '', '']);
      for (const [j, q] of TX_CODES.entries()) rows.push([code, q, String(tx[j]), '', '']);
    });
    await insertUser(server.db, 'admin@derived-e2e.dga.or.th', 'admin');
    await insertUser(server.db, 'analyst@derived-e2e.dga.or.th', 'analyst');
    const own = await server.db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', codes[0] as string)
      .executeTakeFirstOrThrow();
    await insertUser(server.db, 'resp@derived-e2e.go.th', 'respondent', own.id);
    const admin = await apiSignIn(server.app, 'admin@derived-e2e.dga.or.th');
    const m = multipart(
      {},
      { name: 'tx.csv', content: Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}`) },
    );
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleId}/import`,
      headers: { ...admin.headers, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 30_000 }).toBe(1);
  }

  it('lists a derived indicator beside the questions and shows its hand-counted figures, drilling to agencies', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'analyst@derived-e2e.dga.or.th');
    await page.goto(`${server.baseUrl}/analytics/items?cycle=${cycleId}&track=department`);
    const picker = page.getByRole('combobox', { name: 'ข้อคำถาม' });
    await expect.poll(() => picker.count(), { timeout: 60_000 }).toBe(1);
    await picker.click();
    // The derived indicators have their own group in the picker, beside the questions.
    await expect.poll(() => page.getByText('ตัวชี้วัดที่คำนวณจากหลายข้อ').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await picker.fill('TX_DIGITAL_SHARE_TREND');
    await page.getByRole('option', { name: /^TX_DIGITAL_SHARE_TREND/ }).click();
    const denominator = page.getByTestId('denominator');
    const total = Object.values(BY_HAND).reduce((a, b) => a + b, 0);
    await expect.poll(() => denominator.textContent(), { timeout: 60_000 }).toBe(`จากผู้ตอบ ${total} หน่วยงาน`);
    expect(await page.getByTestId('item-view').textContent()).toContain('ตัวชี้วัดคำนวณ');
    // Rows in the indicator's category order: count, share half up from the count, denominator.
    const rows = page.getByTestId('item-options-table').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
    const half = (n: number) => (Math.round((n / total) * 10000) / 100).toFixed(2);
    expect(cells).toEqual(
      (['rose', 'fell', 'same', 'unknown'] as const).map((k) => [String(BY_HAND[k]), half(BY_HAND[k]), String(total)]),
    );
    // Staff click the count of "rose" to list its agencies by name.
    await rows.first().getByTestId('drill-cell').click();
    const drawer = page.getByTestId('item-agency-drawer');
    await expect.poll(() => drawer.locator('tbody tr').count(), { timeout: 30_000 }).toBe(BY_HAND.rose);
    const rose = TX.map((tx, i) => (tx[4] === 'rose' ? codes[i] : null)).filter((c): c is string => c !== null);
    const names = await server.db.selectFrom('agencies').select('name_th').where('code', 'in', rose).execute();
    const listed = await drawer.locator('tbody tr td:first-child').allTextContents();
    expect(listed.sort()).toEqual(names.map((n) => n.name_th).sort());
    await screenshot(page, 'explorer-derived-drill');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 240_000);

  it('lets an administrator create, correct, edit and delete a national target at 1366 and 390 px', async () => {
    for (const width of [1366, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, 'admin@derived-e2e.dga.or.th');
      await page.goto(`${server.baseUrl}/admin/targets?cycle=${cycleId}`);
      await expect.poll(() => page.getByText('รอบนี้ยังไม่มีเป้าหมายระดับชาติ').count(), { timeout: 60_000 }).toBe(1);
      await page.getByRole('button', { name: 'เพิ่มเป้าหมาย' }).click();
      const form = page.getByTestId('target-form');
      await expect.poll(() => form.count(), { timeout: 30_000 }).toBe(1);
      // An empty form: each field says what it needs, beside it.
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await expect.poll(() => form.getByText('กรุณากรอกข้อมูลนี้').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      expect(await form.getByText(/รหัสต้องเป็นตัวพิมพ์ใหญ่/).count()).toBe(1);
      expect(await form.getByText('ค่าเป้าหมายต้องอยู่ระหว่าง 0 ถึง 100').count()).toBe(1);
      const code = `LEVEL4_W${width}`;
      await form.getByLabel('รหัสเป้าหมาย').fill(code);
      await form.getByLabel('ชื่อเป้าหมาย (ไทย)').fill('หน่วยงานระดับกรมที่ระดับ 4 ขึ้นไป');
      await form.getByLabel('ชื่อเป้าหมาย (อังกฤษ)').fill('Department agencies at level 4 or above');
      await form.getByLabel('ค่าเป้าหมาย (ร้อยละ)').fill('120');
      await form.getByLabel('ปีเป้าหมาย (พ.ศ.)').fill('2570');
      await form.getByLabel('เอกสารอ้างอิง (ไทย)').fill('ยุทธศาสตร์ชาติ');
      await form.getByLabel('เอกสารอ้างอิง (อังกฤษ)').fill('National strategy');
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await expect.poll(() => form.getByText('ค่าเป้าหมายต้องอยู่ระหว่าง 0 ถึง 100').count(), { timeout: 10_000 }).toBe(1);
      expect(await form.getByText('กรุณากรอกข้อมูลนี้').count()).toBe(0);
      await screenshot(page, `targets-admin-form-${width}`);
      if (width === 1366) expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByLabel('ค่าเป้าหมาย (ร้อยละ)').fill('20');
      await form.getByRole('button', { name: 'บันทึก' }).click();
      const row = page.getByTestId(`target-${code}`);
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('ไม่น้อยกว่า 20%');
      expect(await row.textContent()).toContain('2570');
      const saved = await server.db
        .selectFrom('national_targets')
        .select(['target_percent', 'target_year', 'level', 'track'])
        .where('cycle_id', '=', cycleId)
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect({ ...saved, target_percent: Number(saved.target_percent) }).toEqual({
        target_percent: 20,
        target_year: 2027,
        level: 4,
        track: 'department',
      });
      // Nothing spills sideways on a phone: the table scrolls inside its own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(page, `targets-admin-${width}`);

      await page.getByRole('button', { name: `แก้ไข ${code}` }).click();
      await expect.poll(() => form.count(), { timeout: 30_000 }).toBe(1);
      await form.getByLabel('ค่าเป้าหมาย (ร้อยละ)').fill('25');
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('ไม่น้อยกว่า 25%');

      await page.getByRole('button', { name: `ลบ ${code}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'ลบ', exact: true }).click();
      await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
      await context.close();
    }
  }, 300_000);

  it('shows analysts the targets read-only and keeps agency users out', async () => {
    await server.db
      .insertInto('national_targets')
      .values({
        cycle_id: cycleId,
        code: 'NS_DEPT_LEVEL4',
        label_th: 'ระดับ 4 ขึ้นไป',
        label_en: 'Level 4 or above',
        indicator_kind: 'level_at_least',
        level: 4,
        derived_code: null,
        track: 'department',
        comparison: 'gte',
        target_percent: 20,
        source_th: 'ยุทธศาสตร์ชาติ',
        source_en: 'National strategy',
        target_year: null,
        updated_by: null,
      })
      .execute();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'analyst@derived-e2e.dga.or.th');
    await page.goto(`${server.baseUrl}/admin/targets?cycle=${cycleId}`);
    await expect.poll(() => page.getByTestId('target-NS_DEPT_LEVEL4').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'เพิ่มเป้าหมาย' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'แก้ไข NS_DEPT_LEVEL4' }).count()).toBe(0);
    await context.close();

    const agency = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const p2 = await agency.newPage();
    await signIn(p2, 'resp@derived-e2e.go.th');
    await p2.goto(`${server.baseUrl}/admin/targets`);
    await expect.poll(() => p2.getByText('หน้านี้สำหรับเจ้าหน้าที่ สพร. เท่านั้น').count(), { timeout: 30_000 }).toBe(1);
    expect(await p2.getByTestId('targets-table').count()).toBe(0);
    await agency.close();
  }, 180_000);
});
