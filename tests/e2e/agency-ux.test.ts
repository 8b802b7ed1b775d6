import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD } from '../support/fixtures';
import { layoutProblems } from '../support/layout-checks';
import { type LiveServer, startLiveServer } from '../support/live-server';

const DAY = 86_400_000;
/** Screenshots are kept as test artifacts (gitignored). */
const ARTIFACTS = path.resolve('test-artifacts/agency-ux');
const VIEWPORTS = [
  { name: '1366', width: 1366, height: 900 },
  { name: '1024', width: 1024, height: 768 },
  { name: '390', width: 390, height: 844 },
] as const;
/** A Windows program: refused by content, whatever its name says. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'), Buffer.alloc(512, 0)]);

describe.skipIf(!hasBrowser)("the agency's questionnaire on a laptop, a small laptop and a phone", () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const imported = await importFramework(server.db, dgrs2566, { userId: null, email: null, ip: null });
    await server.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'การสำรวจความพร้อมรัฐบาลดิจิทัล 2566',
        name_en: 'Digital Government Readiness Survey 2023',
        framework_id: imported.row.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
        signoff_required: true,
      })
      .execute();
    const a = await insertAgency(server.db, 'UX01');
    await insertUser(server.db, 'cio.ux@test.go.th', 'cio', a.id);
    await insertUser(server.db, 'viewer.ux@test.go.th', 'viewer', a.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(email: string, vp: (typeof VIEWPORTS)[number], pathName = '/questionnaire'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor({ timeout: 30_000 });
    await page.goto(`${server.baseUrl}${pathName}`);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: false });

  /** No sideways scrolling, and the app header keeps its fixed height (the title does not wrap out of it). */
  async function checkFits(page: Page, label: string) {
    // Measured once the session is back (until then the header holds a wider sign-in button) and in
    // Sarabun, not the wider fallback shown until it swaps in.
    await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor({ timeout: 30_000 });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      header: document.querySelector('header')?.getBoundingClientRect().height ?? 0,
      // The title is cut to one line inside the header, never drawn below it.
      titleOverflow: (() => {
        const h1 = document.querySelector('header h1')?.getBoundingClientRect();
        const header = document.querySelector('header')?.getBoundingClientRect();
        return !h1 || !header || h1.bottom > header.bottom || h1.right > header.right;
      })(),
    }));
    expect(m.scroll, `${label}: page wider than the screen`).toBeLessThanOrEqual(m.client);
    expect(m.header, label).toBe(64);
    expect(m.titleOverflow, `${label}: header title spills`).toBe(false);
    // Nor is the title cut short (an ellipsis, a clipped line, a word split across lines).
    expect(await layoutProblems(page), label).toEqual([]);
  }

  for (const vp of VIEWPORTS) {
    it(`CIO at ${vp.width}x${vp.height}: fits, preview in view while answering, grouped missing list with jumps, Thai upload error, axe clean`, async () => {
      const page = await open('cio.ux@test.go.th', vp);
      const first = page.locator('[data-question]').first();
      await first.waitFor({ timeout: 60_000 });
      await checkFits(page, `cio ${vp.name}`);
      // Codes are for DGA staff: the agency sees question text only.
      expect(await page.getByText('POL_CIO', { exact: true }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `cio-${vp.name}-questionnaire`);

      // Answering a question further down: the preview is still on screen (laptops) or one tap away (phone).
      const far = page.locator('#q-POL_PLAN_REVIEW');
      await far.scrollIntoViewIfNeeded();
      if (vp.width >= 1024) {
        const level = page.getByTestId('preview-level');
        await expect.poll(() => level.isVisible(), { timeout: 30_000 }).toBe(true);
        const box = await level.boundingBox();
        expect(box && box.y >= 0 && box.y + box.height <= vp.height, 'preview in the viewport').toBe(true);
      } else {
        // Questions come first: the first question is above the contents and preview (a bar).
        expect(await page.getByTestId('panel-bar').isVisible()).toBe(true);
        // A matrix is one card per row on a phone, no table scrolled sideways.
        expect(await far.locator('[data-matrix-cards]').count()).toBe(1);
        expect(await far.locator('table').count()).toBe(0);
        await page.getByTestId('open-preview').click();
        await page.getByTestId('preview-level').waitFor({ timeout: 30_000 });
        await expect.poll(() => page.getByTestId('preview-level').isVisible(), { timeout: 30_000 }).toBe(true);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await shot(page, `cio-${vp.name}-preview-drawer`);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('dialog').count(), { timeout: 30_000 }).toBe(0);
        await page.getByTestId('open-contents').click();
        await page.getByTestId('nav-P2').waitFor({ timeout: 30_000 });
        await shot(page, `cio-${vp.name}-contents-drawer`);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('dialog').count(), { timeout: 30_000 }).toBe(0);
      }
      await shot(page, `cio-${vp.name}-answering`);
      await checkFits(page, `cio ${vp.name} scrolled`);

      // A refused upload says why in Thai, with no English server text.
      const cio = page.locator('#q-POL_CIO');
      await cio.locator('input[value="yes"]').check();
      await cio.locator('input[type=file]').setInputFiles({
        name: 'order.pdf',
        mimeType: 'application/pdf',
        buffer: EXE,
      });
      const err = page.getByTestId('evidence-error-POL_CIO');
      await err.waitFor({ timeout: 30_000 });
      const errText = (await err.textContent()) ?? '';
      expect(errText).toMatch(/[\u0E00-\u0E7F]/);
      expect(errText).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{3,}/);
      await err.scrollIntoViewIfNeeded();
      await shot(page, `cio-${vp.name}-upload-refused`);

      // The button says how many required answers remain; it lists them instead of confirming.
      const submit = page.getByTestId('open-submit');
      await expect.poll(() => submit.textContent(), { timeout: 30_000 }).toMatch(/เหลือ \d+ ข้อ/);
      const remaining = Number(await submit.getAttribute('data-remaining'));
      expect(remaining).toBeGreaterThan(0);
      await submit.click();
      const missing = page.getByTestId('missing-list');
      await missing.waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('confirm-submit').count()).toBe(0);
      expect(Number(await missing.getAttribute('data-count'))).toBe(remaining);
      // Grouped by pillar and indicator, every item once, by its question's text.
      expect(await missing.locator('section h3').count()).toBeGreaterThan(1);
      expect(await missing.locator('[data-testid^="missing-ind-"]').count()).toBeGreaterThan(1);
      expect(await missing.locator('li').count()).toBe(remaining);
      expect(await missing.textContent()).toContain('ผู้บริหารติดตามเรื่องต่อไปนี้บ่อยเพียงใด');
      expect(await missing.textContent()).not.toContain('ยังไม่ได้ตอบ: ยังไม่ได้ตอบ');
      await page.waitForTimeout(500); // the drawer's opening transition (axe contrast mid-fade)
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `cio-${vp.name}-missing`);
      // An item in another pillar jumps there and focuses the question.
      const item = missing.locator('section').nth(1).locator('li').first();
      const code = ((await item.getAttribute('data-testid')) ?? '').replace(/^missing-/, '');
      await item.getByRole('button').click();
      await expect
        .poll(() => page.evaluate((c) => Boolean(document.activeElement?.closest(`#q-${c}`)), code), {
          timeout: 30_000,
        })
        .toBe(true);
      await expect.poll(() => page.url()).toContain(`q=${code}`);
      await shot(page, `cio-${vp.name}-jumped`);
      await checkFits(page, `cio ${vp.name} after jump`);
      await page.context().close();
    }, 300_000);
  }

  for (const vp of VIEWPORTS) {
    it(`viewer at ${vp.width}x${vp.height}: read-only questionnaire fits, does not say "saved", axe clean`, async () => {
      const page = await open('viewer.ux@test.go.th', vp);
      await page.locator('[data-question]').first().waitFor({ timeout: 60_000 });
      await checkFits(page, `viewer ${vp.name}`);
      expect(await page.getByTestId('save-state').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain('บันทึกแล้ว');
      expect(await page.getByTestId('open-submit').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `viewer-${vp.name}-questionnaire`);
      await page.goto(`${server.baseUrl}/`);
      await page.locator('main h2').first().waitFor({ timeout: 30_000 });
      await checkFits(page, `viewer ${vp.name} home`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, `viewer-${vp.name}-home`);
      await page.context().close();
    }, 180_000);
  }
});
