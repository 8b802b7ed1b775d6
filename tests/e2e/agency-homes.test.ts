import fs from 'node:fs';
import path from 'node:path';
import type { Framework } from '@dg/shared/schemas/framework';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, seriousA11yViolations } from '../support/browser';
import { insertUser, PASSWORD } from '../support/fixtures';
import { layoutProblems } from '../support/layout-checks';
import { type LiveServer, startLiveServer } from '../support/live-server';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';

const DAY = 86_400_000;
/** Screenshots are kept as test artifacts (gitignored) and looked at. */
const ARTIFACTS = path.resolve('test-artifacts/agency-homes');
const VIEWPORTS = [
  { name: '1366', width: 1366, height: 900 },
  { name: '1024', width: 1024, height: 768 },
  { name: '390', width: 390, height: 844 },
] as const;

/**
 * What each agency role sees first: a CIO the open cycle, its deadline, progress by pillar, the
 * items DGA returned (by question text, with a jump) and the coordinators; an agency executive
 * (viewer) the latest published result and its change since the year before. Both without
 * sideways scrolling on a laptop and a phone, and axe clean.
 */
describe.skipIf(!hasBrowser)('agency home pages for a CIO and an executive, on a laptop and a phone', () => {
  let server: LiveServer;
  let browser: Browser;
  let fw: Framework;
  let returnedQuestion: { code: string; text: string; pillarKey: string };

  beforeAll(async () => {
    server = await startLiveServer();
    const db = server.db;
    const f = await importTestFramework(db);
    fw = f.framework;
    const agency = await insertNamedAgency(db, 'H300', 'กรมทดสอบหน้าหลัก', 'Department of Home Tests');
    const y2022 = await insertCycle(db, f.id, 2022, 'published');
    const y2023 = await insertCycle(db, f.id, 2023, 'published');
    // The previous year weaker, the latest stronger: the home says the level went up.
    await submitWithSnapshot(db, y2022.id, agency.id, strengthAnswers(fw, 'department', 0.2, 7));
    await submitWithSnapshot(db, y2023.id, agency.id, strengthAnswers(fw, 'department', 0.9, 8));
    const open = await db
      .insertInto('cycles')
      .values({
        fiscal_year: 2024,
        name_th: 'การสำรวจความพร้อมรัฐบาลดิจิทัล ประจำปี 2567',
        name_en: 'Digital Government Readiness Survey 2024',
        framework_id: f.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cio = await insertUser(db, 'cio@home.test', 'cio', agency.id);
    await insertUser(db, 'coord@home.test', 'respondent', agency.id);
    await insertUser(db, 'exec@home.test', 'viewer', agency.id);
    await db
      .updateTable('users')
      .set({ display_name: 'สมศรี ผู้ประสานงาน' })
      .where('email', '=', 'coord@home.test')
      .execute();
    // DGA returned the open cycle's questionnaire with one item to fix.
    const pillar = fw.pillars[0];
    const question = pillar?.indicators
      .flatMap((i) => i.questions)
      .find((q) => q.tracks.includes('department') && !q.showIf);
    if (!pillar || !question) throw new Error('test framework has no question');
    returnedQuestion = { code: question.code, text: question.text.th, pillarKey: pillar.key };
    const resp = await db
      .insertInto('responses')
      .values({ cycle_id: open.id, agency_id: agency.id, status: 'returned', round: 2, submitted_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('review_comments')
      .values({
        response_id: resp.id,
        round: 1,
        question_code: question.code,
        comment: 'แนบแผนที่ได้รับความเห็นชอบแล้ว',
        created_by: cio.id,
      })
      .execute();
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function home(email: string, vp: (typeof VIEWPORTS)[number]): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor({ timeout: 30_000 });
    // The login page's own session probe answers 401 before signing in: only the home's errors count.
    errors.length = 0;
    await page.goto(`${server.baseUrl}/`);
    return { page, errors };
  }

  /** No sideways scroll, the header at its fixed height, its title whole (not cut mid-word). */
  async function checkFits(page: Page, label: string) {
    expect(await layoutProblems(page), label).toEqual([]);
  }

  for (const vp of VIEWPORTS) {
    it(`CIO home at ${vp.width}x${vp.height}: cycle, deadline, progress by pillar, returned items, coordinators`, async () => {
      const { page, errors } = await home('cio@home.test', vp);
      const main = page.getByTestId('home-respondent');
      await main.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('home-viewer').count()).toBe(0);
      await expect
        .poll(() => main.getByRole('heading', { level: 2 }).textContent(), { timeout: 30_000 })
        .toContain('2567');
      expect(await page.getByTestId('home-status').textContent()).toBe('ส่งกลับให้แก้ไข');
      expect(await page.getByTestId('home-deadline').textContent()).toMatch(/25\d\d/);
      // One progress card per pillar, each a link into the questionnaire.
      expect(await main.locator('a[href^="/questionnaire?pillar="]:not([href*="&q="])').count()).toBe(
        fw.pillars.length,
      );
      // The returned item is named by its question (not its code) and jumps to it.
      const item = page.getByTestId('home-returned-item');
      expect(await item.count()).toBe(1);
      expect(await item.textContent()).toContain('แนบแผนที่ได้รับความเห็นชอบแล้ว');
      const jump = item.getByRole('link', { name: returnedQuestion.text });
      expect(await jump.getAttribute('href')).toBe(
        `/questionnaire?pillar=${returnedQuestion.pillarKey}&q=${returnedQuestion.code}`,
      );
      expect(await main.textContent()).not.toContain(returnedQuestion.code);
      // A CIO sees the coordinators who answer with it.
      await expect
        .poll(() => page.locator('section[aria-labelledby="home-people"]').textContent(), { timeout: 30_000 })
        .toContain('สมศรี ผู้ประสานงาน');
      await checkFits(page, `cio ${vp.name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/cio-home-${vp.name}.png`, fullPage: true });
      expect(errors).toEqual([]);

      await jump.click();
      await page.locator(`#q-${returnedQuestion.code}`).waitFor({ timeout: 60_000 });
      await page.context().close();
    }, 180_000);

    it(`executive (viewer) home at ${vp.width}x${vp.height}: latest published result and its change since the year before`, async () => {
      const { page, errors } = await home('exec@home.test', vp);
      const main = page.getByTestId('home-viewer');
      await main.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('home-respondent').count()).toBe(0);
      // The latest published cycle (2566), not the open 2567 one.
      await expect.poll(() => main.textContent(), { timeout: 30_000 }).toContain('2566');
      // Compared with the 2565 result, in words.
      await expect
        .poll(() => page.getByTestId('home-change').textContent(), { timeout: 30_000 })
        .toMatch(/เทียบกับปี 2565: ▲ สูงขึ้น \d ระดับ/);
      expect(await main.locator('[data-testid^="home-pillar-"]').count()).toBe(fw.pillars.length);
      // Nothing to answer for an executive: no co-editors, no progress, no questionnaire button.
      expect(await page.locator('section[aria-labelledby="home-people"]').count()).toBe(0);
      expect(await main.getByRole('link', { name: 'ดูผลการประเมินทั้งหมด' }).count()).toBe(1);
      await checkFits(page, `viewer ${vp.name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/viewer-home-${vp.name}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
