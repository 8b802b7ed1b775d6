import type { Framework } from '@dg/shared/schemas/framework';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { strengthAnswers, submitWithSnapshot } from '../support/report-fixtures';

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
  /** Two agencies with results in the 2566 cycle, and a third one to merge into. */
  let agencies: { id: number; code: string; name_en: string }[] = [];
  let cycle2566: { id: number; framework_id: number };
  let original: Framework;

  /** A correction through the administrators' API, as an administrator would send it. */
  async function correct(framework: Framework, note: string) {
    const admin = await signIn(server.app, 'admin@dga.or.th', 'Admin-2566-demo');
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/admin/frameworks/${cycle2566.framework_id}/corrections`,
      headers: admin.headers,
      payload: { framework, note },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().changed).toBe(true);
  }

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
    await row2566.getByRole('button', { name: 'ปิดรับคำตอบ 2566' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.textContent()).toContain('ปิดรับคำตอบ?');
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    // axe looks at the page, not at a dialog caught halfway through its closing transition.
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-cycles-th');
  });

  it('recomputes the cycle after a framework correction and reports the changed levels', async () => {
    cycle2566 = await server.db
      .selectFrom('cycles')
      .select(['id', 'framework_id'])
      .where('fiscal_year', '=', 2023)
      .executeTakeFirstOrThrow();
    const fw = await server.db
      .selectFrom('frameworks')
      .select('document')
      .where('id', '=', cycle2566.framework_id)
      .executeTakeFirstOrThrow();
    original = fw.document as Framework;
    agencies = await server.db
      .selectFrom('agencies')
      .select(['id', 'code', 'name_en'])
      .where('track', '=', 'department')
      .orderBy('code')
      .offset(20)
      .limit(3)
      .execute();
    for (const [i, a] of agencies.slice(0, 2).entries()) {
      await submitWithSnapshot(
        server.db,
        cycle2566.id,
        a.id,
        strengthAnswers(original, 'department', 0.9 - i * 0.2, 31 + i),
      );
    }
    // Pillar 1's cut points were "published wrong": out of reach, so every agency falls to level 1 there.
    const corrected = structuredClone(original);
    const p1 = corrected.pillars[0];
    if (!p1) throw new Error('no pillar 1');
    p1.scoring = { mode: 'score', minOptionalShare: 0, cutPoints: [99.5, 99.6, 99.7, 99.8] };
    await correct(corrected, 'เกณฑ์มิติที่ 1 เผยแพร่ผิด');

    await page.getByRole('link', { name: 'รอบการสำรวจ' }).click();
    const row = page.locator('tr[data-cycle="2023"]');
    await row.getByRole('button', { name: 'คำนวณผลการประเมินรอบ 2566 ใหม่' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.textContent()).toContain('DGRS-2566');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await server.db.selectFrom('result_snapshots').select('id').where('reason', '=', 'recompute').execute(),
    ).toEqual([]);

    await row.getByRole('button', { name: 'คำนวณผลการประเมินรอบ 2566 ใหม่' }).click();
    await dialog.getByRole('button', { name: 'คำนวณใหม่', exact: true }).click();
    const report = page.getByTestId('recompute-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByRole('status').textContent()).toMatch(
      /^ตรวจ 2 ผล · คำนวณใหม่ 2 ผล · ระดับเปลี่ยน [12] หน่วยงาน$/,
    );
    const strong = report.locator(`tr[data-agency="${agencies[0]?.code}"]`);
    expect(await strong.textContent()).toMatch(/1\. [^:]+: [2-5] → 1/);
    expect(await page.getByRole('dialog').locator('h2').textContent()).toBe('รายงานการคำนวณผลใหม่ · 2566');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-recompute-th');
    const current = await server.db
      .selectFrom('result_snapshots')
      .select(['reason', 'agency_id'])
      .where('cycle_id', '=', cycle2566.id)
      .where('is_current', '=', true)
      .execute();
    expect(current.map((c) => c.reason)).toEqual(['recompute', 'recompute']);
    await page.getByRole('dialog').getByRole('button', { name: 'ปิด', exact: true }).last().click();
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

  it('lists the validation errors of an uploaded bad framework by path', async () => {
    const bad = structuredClone(original) as Framework & { code: string };
    bad.code = 'BAD-2566';
    // The first option of the first option question loses its English label; another claims level 6.
    const paths: string[] = [];
    for (const [pi, p] of bad.pillars.entries()) {
      for (const [ii, ind] of p.indicators.entries()) {
        for (const [qi, q] of ind.questions.entries()) {
          const at = `pillars[${pi}].indicators[${ii}].questions[${qi}]`;
          const first = q.options?.[0];
          if (paths.length === 0 && first) {
            delete (first.label as { en?: string }).en;
            paths.push(`${at}.options[0].label.en`);
          } else if (paths.length === 1) {
            const oi = q.options?.findIndex((o) => o.maturity) ?? -1;
            const option = q.options?.[oi];
            if (option?.maturity) {
              (option.maturity as { level: number }).level = 6;
              paths.push(`${at}.options[${oi}].maturity.level`);
            }
          }
        }
      }
    }
    expect(paths).toHaveLength(2);
    await page.getByRole('link', { name: 'กรอบการประเมิน' }).click();
    await page.getByTestId('frameworks-table').waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'bad-framework.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const issues = page.getByTestId('framework-issues');
    await issues.waitFor({ timeout: 30_000 });
    const listed = await issues.locator('tbody tr td:first-child').allTextContents();
    expect(listed).toEqual(expect.arrayContaining(paths));
    const alert = page.getByRole('alert').filter({ has: issues });
    expect(await alert.textContent()).toContain(`กรอบการประเมินมีปัญหา ${listed.length} รายการ`);
    expect(
      await issues
        .locator('tbody tr')
        .filter({ hasText: paths[1] as string })
        .textContent(),
    ).toContain('schema');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-framework-issues-th');
    // Nothing was stored.
    expect(await server.db.selectFrom('frameworks').select('id').where('code', '=', 'BAD-2566').execute()).toEqual([]);
  });

  it('corrects the frozen framework from its page: a forbidden change is listed by path, a text fix is saved', async () => {
    await page.getByRole('link', { name: 'กรอบการประเมิน' }).click();
    await page.getByTestId('frameworks-table').waitFor();
    const current = await server.db
      .selectFrom('frameworks')
      .select(['document', 'revision'])
      .where('id', '=', cycle2566.framework_id)
      .executeTakeFirstOrThrow();
    const doc = current.document as Framework;
    const q = doc.pillars[0]?.indicators[0]?.questions[0];
    if (!q) throw new Error('no first question');
    const upload = async (framework: Framework, name: string) => {
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type="file"]').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(framework)),
      });
      await dialog.getByLabel('เหตุผลของการแก้ไข').fill('ถ้อยคำคำถามข้อแรกพิมพ์ผิด');
      await dialog.getByRole('button', { name: 'บันทึกการแก้ไข' }).click();
      return dialog;
    };

    await page.getByRole('button', { name: 'แก้ไขกรอบ DGRS-2566' }).click();
    // A question code may not change: the dialog lists where, and nothing is stored.
    const renamed = structuredClone(doc);
    const rq = renamed.pillars[0]?.indicators[0]?.questions[0];
    if (rq) rq.code = `${q.code}_X`;
    let dialog = await upload(renamed, 'renamed.json');
    const issues = dialog.getByTestId('framework-issues');
    await issues.waitFor({ timeout: 30_000 });
    expect(await issues.textContent()).toContain('pillars[0].indicators[0]');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-framework-correction-refused-th');
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'แก้ไขกรอบ DGRS-2566' }).click();
    const fixed = structuredClone(doc);
    const fq = fixed.pillars[0]?.indicators[0]?.questions[0];
    if (fq) fq.text = { ...fq.text, th: `${fq.text.th} (แก้ไขถ้อยคำ)` };
    dialog = await upload(fixed, 'fixed.json');
    const saved = dialog.getByRole('status');
    await poll(() => saved.textContent()).toContain(`ฉบับที่ ${current.revision + 1}`);
    expect(await dialog.textContent()).toContain('2566');
    await viewportShot(page, 'admin-framework-correction-saved-th');
    const stored = await server.db
      .selectFrom('frameworks')
      .select(['document', 'revision'])
      .where('id', '=', cycle2566.framework_id)
      .executeTakeFirstOrThrow();
    expect(stored.revision).toBe(current.revision + 1);
    expect((stored.document as Framework).pillars[0]?.indicators[0]?.questions[0]?.text.th).toContain('(แก้ไขถ้อยคำ)');
    const kept = await server.db
      .selectFrom('framework_revisions')
      .select(['note', 'revision'])
      .where('framework_id', '=', cycle2566.framework_id)
      .orderBy('revision', 'desc')
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ note: 'ถ้อยคำคำถามข้อแรกพิมพ์ผิด', revision: current.revision });
    await dialog.getByRole('button', { name: 'ปิด', exact: true }).last().click();
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

  it('merges an agency into another after a confirmation; its past results stay attached', async () => {
    const [from, , into] = agencies;
    if (!from || !into) throw new Error('agencies not set up');
    const snapshotsBefore = await server.db
      .selectFrom('result_snapshots')
      .select(['id', 'agency_id'])
      .where('agency_id', '=', from.id)
      .execute();
    expect(snapshotsBefore.length).toBeGreaterThan(0);
    await page.getByLabel('Search by name or code').fill(from.code);
    const rows = page.getByTestId('agencies-table').locator('tbody tr');
    await poll(async () => (await rows.count()) === 1 && (await rows.textContent())?.includes(from.code)).toBe(true);
    await page
      .getByTestId('agencies-table')
      .getByRole('button', { name: `Edit ${from.name_en}` })
      .click();
    const modal = page.getByRole('dialog', { name: `${from.code} · ${from.name_en}` });
    await modal.getByLabel('Agency it merges into').fill(into.code);
    await page.getByRole('option', { name: new RegExp(`^${into.code} · `) }).click();
    await modal.getByRole('button', { name: 'Merge…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Merge the agencies?' });
    await poll(() => confirm.textContent()).toContain(`${from.code} ${from.name_en} will be merged into ${into.code}`);
    await viewportShot(page, 'admin-merge-confirm-en');
    await confirm.getByRole('button', { name: 'Merge', exact: true }).click();
    const result = modal.getByTestId('merge-result');
    await poll(() => result.textContent()).toContain(`${from.code} ${from.name_en} was merged into ${into.code}`);
    expect(await result.textContent()).toContain('past responses and results stay attached');
    await poll(() => modal.textContent()).toContain('Merged into another agency'); // the history timeline
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-merge-done-en');

    const merged = await server.db
      .selectFrom('agencies')
      .select(['active', 'merged_into_id'])
      .where('id', '=', from.id)
      .executeTakeFirstOrThrow();
    expect(merged).toEqual({ active: false, merged_into_id: into.id });
    const snapshotsAfter = await server.db
      .selectFrom('result_snapshots')
      .select(['id', 'agency_id'])
      .where('agency_id', '=', from.id)
      .execute();
    expect(snapshotsAfter).toEqual(snapshotsBefore);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('agencies-table').locator('tbody tr').textContent()).toContain(
      'Merged into another agency',
    );
  });

  it('reports a second recompute in English', async () => {
    // Undoing the correction is a correction too; the merged agency's result is still recomputed.
    await correct(original, 'Restore the pillar 1 cut points');
    await page.getByRole('link', { name: 'Survey cycles' }).click();
    await page.getByRole('button', { name: 'Recompute the results of 2023' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recompute all results?' });
    await poll(() => dialog.textContent()).toContain('either every result is updated or none is');
    await dialog.getByRole('button', { name: 'Recompute', exact: true }).click();
    const report = page.getByTestId('recompute-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByRole('status').textContent()).toMatch(
      /^2 results examined · 2 recomputed · agencies with changed levels: [12]$/,
    );
    expect(await report.locator(`tr[data-agency="${agencies[0]?.code}"]`).textContent()).toMatch(
      /1\. [^:]+: 1 → [2-5]/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewportShot(page, 'admin-recompute-en');
  });
});
