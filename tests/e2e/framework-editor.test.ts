import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

/** The shared CI box is slow: give UI updates time before failing. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 250 });

async function viewportShot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

describe.skipIf(!hasBrowser)("framework editor: next year's draft from 2566, edited, previewed and opened", () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let walkDraftId: number;
  let draftId: number;

  beforeAll(async () => {
    server = await startLiveServer();
    await runSeeds(server.db, { demo: true, answers: false });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
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

  // The issue's "Done when", as one walk: copy 2566 to a 2567 draft, edit a question, an option and a
  // criterion, see them in the preview, run a trial response, and open the cycle. Several screens on
  // a loaded machine: it gets far more than one step's time.
  it('copies 2566 to a 2567 draft, edits a question, an option and a criterion, previews them, runs a trial and opens the cycle', async () => {
    // Copied from the frameworks page and opened in the editor.
    await page.goto(`${server.baseUrl}/admin/frameworks`);
    await page.getByTestId('frameworks-table').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'เริ่มปีถัดไป DGRS-2566' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByLabel('รหัสกรอบใหม่').inputValue()).toBe('DGRS-2567');
    expect(await dialog.getByLabel('ปี (พ.ศ.)').inputValue()).toBe('2567');
    await dialog.getByRole('button', { name: 'สร้างร่าง' }).click();
    await page.waitForURL(/\/admin\/frameworks\/\d+\/edit$/, { timeout: 30_000 });
    walkDraftId = Number(/frameworks\/(\d+)\/edit/.exec(page.url())?.[1]);
    await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
    const preview = page.getByTestId('editor-preview');
    await poll(() => preview.textContent()).toContain('หน่วยงานมีแผนปฏิบัติการด้านดิจิทัล');

    // A question, an option and a criterion edited, shown in the preview and validated as one types.
    const text = page.getByLabel('ข้อความคำถาม (ไทย)');
    // Emptied, the shared validator names the problem at once, on the field and in the summary.
    await text.fill('');
    await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้มีปัญหา 1 รายการ');
    await poll(() => page.getByRole('button', { name: 'บันทึกร่าง' }).isDisabled()).toBe(true);
    await text.fill('หน่วยงานมีแผนดิจิทัลฉบับปี 2567 หรือไม่');
    await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
    await page.getByLabel('ตัวเลือก approved (ไทย)').fill('มีแผนที่ผู้บริหารเห็นชอบแล้ว (ปรับปรุง)');
    await poll(() => preview.textContent()).toContain('หน่วยงานมีแผนดิจิทัลฉบับปี 2567 หรือไม่');
    await poll(() => preview.textContent()).toContain('มีแผนที่ผู้บริหารเห็นชอบแล้ว (ปรับปรุง)');
    // The criterion POL_DG_PLAN.approved: a new label and weight.
    await page.getByLabel('ชื่อเกณฑ์ (ไทย)').first().fill('มีแผนปฏิบัติการดิจิทัลที่ผู้บริหารเห็นชอบ');
    await page.getByLabel('น้ำหนัก').first().fill('2');
    // The track switch shows the province questionnaire of the same pillar.
    await page.getByTestId('editor-preview').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'framework-editor-1366');
    await page.getByRole('button', { name: 'บันทึกร่าง' }).click();
    await poll(() => page.getByText('บันทึกร่างแล้ว').count()).toBeGreaterThan(0);

    const admin = await signIn(server.app, 'admin@dga.or.th', 'Admin-2566-demo');
    const changes = await server.app.inject({
      method: 'GET',
      url: `/api/frameworks/${walkDraftId}/changes`,
      headers: admin.headers,
    });
    expect(changes.statusCode).toBe(200);
    const body = changes.json();
    expect(body.questions.changed).toEqual([
      expect.objectContaining({ code: 'POL_DG_PLAN', fields: ['text', 'options'] }),
    ]);
    expect(body.criteria.changed).toEqual([
      expect.objectContaining({ code: 'POL_DG_PLAN.approved', fields: ['label', 'weight'] }),
    ]);

    // A server-side trial as a department and as a province shows the levels, then is discarded.
    const count = async (table: 'responses' | 'answers' | 'framework_trial_answers' | 'framework_trials') =>
      (await server.db.selectFrom(table).selectAll().execute()).length;
    const [responses, answers] = [await count('responses'), await count('answers')];
    await page.getByLabel('รอบทดลอง', { exact: true }).check({ force: true });
    const trial = page.getByTestId('trial-result');
    await poll(() => trial.textContent()).toContain('ยังไม่ได้เปิดรอบทดลอง');
    await trial.getByRole('button', { name: 'เปิดรอบทดลอง' }).click();
    await poll(() => page.getByTestId('trial-badge').textContent()).toBe('ทดลอง');
    const p1 = trial.locator('tr[data-pillar="P1"]');
    await poll(() => p1.textContent()).toContain('ผ่านเกณฑ์ 0 จาก');
    await preview.getByText('มีแผนที่ผู้บริหารเห็นชอบแล้ว (ปรับปรุง)', { exact: true }).click();
    await poll(() => preview.getByLabel('มีแผนที่ผู้บริหารเห็นชอบแล้ว (ปรับปรุง)').isChecked()).toBe(true);
    await trial.getByRole('button', { name: /บันทึกคำตอบทดลองในฐานะระดับกรม/ }).click();
    // The server's engine scores the test department's answers.
    await poll(() => p1.textContent()).toContain('ผ่านเกณฑ์ 1 จาก');
    expect(await p1.textContent()).toContain('เพื่อยกระดับเป็นระดับ');
    expect(await trial.textContent()).toContain('ระดับกรม');
    expect(await count('framework_trial_answers')).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'framework-trial-1366');
    // As a province: the preview's track switch (the question's own track checkboxes carry the same words).
    const previewPane = page.getByRole('region', { name: 'ตัวอย่างแบบสำรวจ' });
    await previewPane.locator('.mantine-SegmentedControl-label', { hasText: 'ระดับจังหวัด' }).click();
    await poll(() => trial.textContent()).toContain('ระดับจังหวัด');
    await poll(() => p1.textContent()).toContain('ผ่านเกณฑ์ 0 จาก');
    await trial.getByRole('button', { name: /บันทึกคำตอบทดลองในฐานะระดับจังหวัด/ }).click();
    await poll(() => p1.textContent()).toContain('ผ่านเกณฑ์ 1 จาก');
    await poll(() => preview.textContent()).toContain('PV_COMMITTEE');
    await poll(() => count('framework_trial_answers')).toBe(2);
    // Never a response of any agency: no aggregate can count it.
    expect([await count('responses'), await count('answers')]).toEqual([responses, answers]);
    // Discarded before the real cycle opens: every test answer and the trial go.
    await trial.getByRole('button', { name: 'ล้างรอบทดลองและคำตอบทั้งหมด' }).click();
    await poll(() => trial.textContent()).toContain('ยังไม่ได้เปิดรอบทดลอง');
    expect([await count('framework_trial_answers'), await count('framework_trials')]).toEqual([0, 0]);
    await previewPane.locator('.mantine-SegmentedControl-label', { hasText: 'ระดับกรม' }).click();
    await page.getByLabel('รอบทดลอง', { exact: true }).uncheck({ force: true });

    // A cycle opened on the edited draft, which freezes it.
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/admin/cycles',
      headers: admin.headers,
      payload: {
        fiscalYear: 2024,
        frameworkId: walkDraftId,
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await page.goto(`${server.baseUrl}/admin/cycles`);
    await page.getByTestId('cycles-table').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'เปิดรอบ 2567' }).click();
    const openDialog = page.getByRole('dialog');
    await poll(() => openDialog.textContent()).toContain('DGRS-2567');
    await openDialog.getByRole('button', { name: 'เปิดรอบ' }).click();
    await poll(() => page.locator('tr[data-cycle="2024"]').textContent()).toContain('เปิดรับคำตอบ');
    await page.goto(`${server.baseUrl}/admin/frameworks/${walkDraftId}/edit`);
    await poll(() => page.getByText('กรอบนี้ถูกตรึงแล้ว').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'บันทึกร่าง' }).isDisabled()).toBe(true);
  }, 300_000);

  // The walk's cycle froze the 2567 draft: the editor's other features are exercised on a DGRS-2568
  // draft copied from 2566 the same way, holding the same saved edits.
  describe('a second draft with the same edits', () => {
    beforeAll(async () => {
      const admin = await signIn(server.app, 'admin@dga.or.th', 'Admin-2566-demo');
      const source = await server.db
        .selectFrom('frameworks')
        .select('id')
        .where('code', '=', 'DGRS-2566')
        .executeTakeFirst();
      if (!source) throw new Error('DGRS-2566 is not seeded');
      const copied = await server.app.inject({
        method: 'POST',
        url: `/api/frameworks/${source.id}/copy`,
        headers: admin.headers,
        payload: { code: 'DGRS-2568', year: 2025 },
      });
      expect(copied.statusCode, copied.body).toBe(201);
      draftId = copied.json().id;
      const draft = (id: number) =>
        server.app.inject({ method: 'GET', url: `/api/frameworks/${id}/draft`, headers: admin.headers });
      const [edited, fresh] = [await draft(walkDraftId), await draft(draftId)];
      const saved = await server.app.inject({
        method: 'PUT',
        url: `/api/frameworks/${draftId}/draft`,
        headers: { ...admin.headers, 'if-match': String(fresh.headers.etag) },
        payload: { framework: { ...fresh.json().framework, pillars: edited.json().framework.pillars } },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      await page.goto(`${server.baseUrl}/admin/frameworks/${draftId}/edit`);
      // expect.poll belongs to tests: a hook waits on the locator instead.
      const loaded = (testId: string, text: string) =>
        page.getByTestId(testId).filter({ hasText: text }).waitFor({ timeout: 30_000 });
      await loaded('editor-validation', 'ร่างนี้ผ่านการตรวจสอบ');
      await loaded('editor-preview', 'หน่วยงานมีแผนดิจิทัลฉบับปี 2567 หรือไม่');
    }, 120_000);

    it('adds a question with a nested display condition, validates as it goes, and removes it again', async () => {
      await page.getByTestId('add-question').click();
      const preview = page.getByTestId('editor-preview');
      await poll(() => preview.textContent()).toContain('คำถามใหม่');
      await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
      // Display condition built with pickers only: a comparison, grouped, then negated.
      const showIf = page.getByText('เงื่อนไขการแสดงคำถาม', { exact: true }).locator('..');
      await showIf.getByRole('button', { name: 'เพิ่มเงื่อนไข' }).click();
      await showIf.getByRole('button', { name: 'รวมเป็นกลุ่ม' }).first().click();
      await showIf.getByRole('button', { name: 'กลับเป็นไม่เป็นจริง' }).first().click();
      await poll(() => page.getByTestId('condition-text').first().textContent()).toMatch(/^NOT \(POL_DG_PLAN .* AND /);
      await poll(() => showIf.getByText('ไม่เป็นจริง (not)').count()).toBeGreaterThan(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await viewportShot(page, 'framework-editor-nested-condition-1366');
      // Removing the question the next one's condition reads is named at once; removing the new one is clean.
      await page.getByTestId('remove-question').click();
      await poll(() => preview.textContent()).not.toContain('คำถามใหม่');
      await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
      await page.getByTestId('add-pillar').click();
      await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
      await poll(() => preview.textContent()).toContain('คำถามใหม่ (ระดับ 1-5)');
      await page.getByTestId('remove-pillar').click();
      await poll(() => preview.textContent()).toContain('หน่วยงานมีแผนดิจิทัลฉบับปี 2567 หรือไม่');
    });

    it('shows the change list for DGA to review', async () => {
      await page.goto(`${server.baseUrl}/admin/frameworks/${draftId}/changes`);
      await poll(() => page.getByTestId('changes-questions-changed').textContent()).toContain('POL_DG_PLAN');
      expect(await page.getByTestId('changes-questions-changed').textContent()).toContain('text, options');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'framework-changes-1366');
    });

    it('fits a phone: the editor at 390 px has no sideways scrolling', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.baseUrl}/admin/frameworks/${draftId}/edit`);
      await poll(() => page.getByTestId('editor-validation').textContent()).toContain('ร่างนี้ผ่านการตรวจสอบ');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      // Names what sticks out, so a failure says where to look.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className}`.slice(0, 120)),
      );
      expect(overflow, wide.join('\n')).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await viewportShot(page, 'framework-editor-390');
      await page.goto(`${server.baseUrl}/admin/frameworks/${draftId}/changes`);
      await poll(() => page.getByTestId('changes-questions-changed').textContent()).toContain('POL_DG_PLAN');
      await viewportShot(page, 'framework-changes-390');
      await page.setViewportSize({ width: 1366, height: 900 });
    });

    it('imports an edited workbook on the frameworks page and lists a mistake by its cell', async () => {
      const admin = await signIn(server.app, 'admin@dga.or.th', 'Admin-2566-demo');
      const exported = await server.app.inject({
        method: 'GET',
        url: `/api/frameworks/${draftId}/export.xlsx`,
        headers: admin.headers,
      });
      expect(exported.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('questions');
      if (!ws) throw new Error('no questions sheet');
      ws.getRow(3).getCell(3).value = 'singel';
      await page.goto(`${server.baseUrl}/admin/frameworks`);
      await page.getByTestId('frameworks-table').waitFor({ timeout: 30_000 });
      await page.locator('input[type="file"]').setInputFiles({
        name: 'DGRS-2567.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      const issues = page.getByTestId('framework-issues');
      await issues.waitFor({ timeout: 30_000 });
      expect(await issues.locator('tbody tr td:first-child').allTextContents()).toEqual(['questions!C3']);
      expect(await issues.textContent()).toContain('ชีต "questions" แถว 3 คอลัมน์ C');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await viewportShot(page, 'framework-workbook-issues-1366');
    });
  });
});
