import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../server/src/modules/privacy/privacy-notice';
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
const ARTIFACTS = path.resolve('test-artifacts/agency-screens');
const VIEWPORTS = [
  { name: '1366', width: 1366, height: 900 },
  { name: '1024', width: 1024, height: 768 },
  { name: '390', width: 390, height: 844 },
] as const;

/**
 * The CIO's and the executive's (viewer's) screens that the questionnaire, results and home tests
 * do not already walk through, on a laptop, a small laptop and a phone: each fits the screen (no
 * sideways scroll), keeps the header at its height with the title whole, and is axe clean.
 */
const SCREENS: Record<'cio' | 'viewer', { path: string; ready: string; name: string }[]> = {
  cio: [
    { path: '/agency/people', ready: 'main table', name: 'people' },
    { path: '/account/security', ready: 'main h2', name: 'security' },
    { path: '/questionnaire/print', ready: '[data-testid="print-agency"]', name: 'print' },
    { path: '/analytics', ready: 'main h2', name: 'analytics' },
  ],
  viewer: [
    { path: '/results', ready: '[data-testid="overall-card"]', name: 'results' },
    { path: '/account/security', ready: 'main h2', name: 'security' },
    { path: '/questionnaire/print', ready: '[data-testid="print-agency"]', name: 'print' },
    { path: '/analytics', ready: 'main h2', name: 'analytics' },
  ],
};

describe.skipIf(!hasBrowser)(
  "the CIO's and the executive's other screens on a laptop, a small laptop and a phone",
  () => {
    let server: LiveServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await startLiveServer();
      const db = server.db;
      const f = await importTestFramework(db);
      const agency = await insertNamedAgency(db, 'S400', 'กรมทดสอบหน้าจอ', 'Department of Screen Tests');
      const y2023 = await insertCycle(db, f.id, 2023, 'published');
      await submitWithSnapshot(db, y2023.id, agency.id, strengthAnswers(f.framework, 'department', 0.7, 9));
      await db
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
        .execute();
      await insertUser(db, 'cio@screens.test', 'cio', agency.id);
      await insertUser(db, 'exec@screens.test', 'viewer', agency.id);
      await insertUser(db, 'coord@screens.test', 'respondent', agency.id);
      await insertUser(db, 'admin@screens.test', 'admin');
      // A CIO account named after its role: the header says it once, not "name · role" twice over.
      await db
        .updateTable('users')
        .set({ display_name: 'ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)' })
        .where('email', '=', 'cio@screens.test')
        .execute();
      // The privacy notice already acknowledged: the screens are judged as they are used every day.
      await db
        .updateTable('users')
        .set({ privacy_ack_version: PRIVACY_NOTICE_VERSION, privacy_ack_at: new Date() })
        .where('email', 'like', '%@screens.test')
        .execute();
      browser = await launchBrowser();
      fs.mkdirSync(ARTIFACTS, { recursive: true });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signIn(email: string, vp: (typeof VIEWPORTS)[number]): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel('อีเมล').fill(email);
      await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
      await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor({ timeout: 30_000 });
      return page;
    }

    for (const vp of VIEWPORTS) {
      for (const role of ['cio', 'viewer'] as const) {
        it(`${role} at ${vp.width}x${vp.height}: ${SCREENS[role].map((s) => s.path).join(', ')} fit, header whole, axe clean`, async () => {
          const page = await signIn(role === 'cio' ? 'cio@screens.test' : 'exec@screens.test', vp);
          const who = await page.getByTestId('signed-in-user').textContent();
          expect(who).toBe(role === 'cio' ? 'ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)' : 'exec · ผู้ดูผลของหน่วยงาน');
          for (const screen of SCREENS[role]) {
            await page.goto(`${server.baseUrl}${screen.path}`);
            await page.locator(screen.ready).first().waitFor({ timeout: 60_000 });
            // Charts and tables settle (resize observers) before the width is judged.
            await page.waitForTimeout(500);
            await page.screenshot({ path: `${ARTIFACTS}/${role}-${screen.name}-${vp.name}.png`, fullPage: true });
            expect(await layoutProblems(page), `${role} ${screen.path} at ${vp.name}`).toEqual([]);
            expect(await seriousA11yViolations(page), `${role} ${screen.path} at ${vp.name}`).toEqual([]);
          }
          await page.context().close();
        }, 300_000);
      }
    }

    it('print page: a failed load says which part failed and why, in Thai', async () => {
      const page = await signIn('cio@screens.test', VIEWPORTS[0]);
      // The agency's answers cannot be read (the server is unavailable): English from the server.
      await page.route('**/api/cycles/*/my-response', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'SERVICE_UNAVAILABLE', message: 'Database connection pool exhausted' },
          }),
        }),
      );
      await page.goto(`${server.baseUrl}/questionnaire/print`);
      const state = page.getByTestId('error-state');
      await state.waitFor({ timeout: 60_000 });
      const text = (await state.textContent()) ?? '';
      expect(text).toContain('โหลดคำตอบของหน่วยงานไม่สำเร็จ');
      expect(text).toContain('ระบบไม่ว่างชั่วคราว');
      expect(text).not.toContain('Database');
      expect(await state.getByRole('button', { name: 'ลองอีกครั้ง' }).count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/print-failed-1366.png` });
      await page.context().close();
    }, 180_000);

    it("staff page: a refused load is worded from its code in Thai, not the server's English", async () => {
      const page = await signIn('admin@screens.test', VIEWPORTS[0]);
      await page.route(
        (url) => url.pathname === '/api/audit',
        (route) =>
          route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'VALIDATION_FAILED', message: 'querystring/from must match format "date"' },
            }),
          }),
      );
      await page.goto(`${server.baseUrl}/audit`);
      const alert = page.getByRole('alert').filter({ hasText: 'เกิดข้อผิดพลาด' });
      await alert.waitFor({ timeout: 60_000 });
      const text = (await alert.textContent()) ?? '';
      expect(text).toContain('ข้อมูลที่ส่งไม่ถูกต้อง');
      expect(text).not.toContain('querystring');
      await page.screenshot({ path: `${ARTIFACTS}/staff-error-1366.png` });
      await page.context().close();
    }, 180_000);
  },
);
