import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { bestValue } from '../support/complete-response';
import { insertAgency, insertUser, PASSWORD, type SignedIn, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

const DAY = 86_400_000;
/** Rejecting CYBER_STANDARD (a required criterion of pillar 6) drops P6 from 5 to 3 on a best-case response. */
const CODE = 'CYBER_STANDARD';
const REJECT_COMMENT = 'เอกสารเป็นเพียงร่างนโยบาย ยังไม่ได้รับการรับรองตามมาตรฐาน';
const DRAFT_URL = `https://agency.go.th/evidence/${CODE}`;
const FIX_URL = 'https://agency.go.th/evidence/iso27001-certificate-2566.pdf';
const GENERAL_COMMENT = 'โปรดแนบใบรับรอง ISO/IEC 27001 ฉบับที่ยังไม่หมดอายุ แล้วส่งอีกครั้ง';

describe.skipIf(!hasBrowser)('analyst review in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let framework: Framework;
  let cycleId: number;
  let responseId: number;
  let respondent: SignedIn;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const imported = await importFramework(server.db, dgrs2566, { userId: null, email: null, ip: null });
    framework = imported.framework;
    const cycle = await server.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2023,
        name_th: 'การสำรวจความพร้อมรัฐบาลดิจิทัล 2566',
        name_en: 'Digital Government Readiness Survey 2023',
        framework_id: imported.row.id,
        status: 'open',
        opens_at: new Date(Date.now() - DAY),
        closes_at: new Date(Date.now() + 30 * DAY),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    cycleId = cycle.id;
    const agency = await insertAgency(server.db, 'RV01');
    await insertUser(server.db, 'cio.rv@test.go.th', 'respondent', agency.id);
    await insertUser(server.db, 'analyst.rv@test.dga.or.th', 'analyst', null);
    respondent = await signIn(server.app, 'cio.rv@test.go.th');

    // A complete best-case response with evidence, stored directly and submitted through the API.
    const mine = await server.app.inject({
      method: 'GET',
      url: `/api/cycles/${cycleId}/my-response`,
      headers: respondent.headers,
    });
    responseId = mine.json().response.id;
    const byCode = new Map(
      framework.pillars.flatMap((pl) => pl.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
    );
    const answers: AnswerMap = {};
    for (let round = 0; round < 10; round++) {
      const todo = [...visibleQuestions(framework, 'department', answers)].filter((c) => !(c in answers));
      if (todo.length === 0) break;
      for (const code of todo) answers[code] = { value: bestValue(byCode.get(code) as Question) as never };
    }
    await server.db
      .insertInto('answers')
      .values(
        Object.entries(answers).map(([code, a]) => ({
          response_id: responseId,
          question_code: code,
          value: JSON.stringify(a.value),
        })),
      )
      .execute();
    await server.db
      .insertInto('evidence')
      .values(
        Object.keys(answers)
          .filter((c) => (byCode.get(c)?.evidence ?? 'none') !== 'none')
          .map((code) => ({
            id: randomUUID(),
            response_id: responseId,
            question_code: code,
            kind: 'url' as const,
            url: `https://agency.go.th/evidence/${code}`,
          })),
      )
      .execute();
    await server.db.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', responseId).execute();
    const submitted = await server.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: respondent.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openSignedIn(context: BrowserContext, email: string, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    await page.goto(`${server.baseUrl}${path}`);
    return page;
  }

  /** A viewport screenshot (the full page is very tall): what the analyst actually sees. */
  async function viewShot(page: Page, name: string) {
    const dir = process.env.SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
  }

  /** Decides on one piece of evidence of the claim (picked by its link). */
  async function decide(page: Page, piece: string, state: 'ผ่าน' | 'ไม่ผ่าน', reason?: string, comment?: string) {
    await page.getByRole('button', { name: new RegExp(`: ${CODE}$`) }).click();
    const panel = page.getByTestId('decision-panel');
    await panel.getByRole('combobox', { name: 'หลักฐานที่ตรวจ' }).click();
    await page.getByRole('option', { name: piece }).click();
    await panel.getByRole('radio', { name: state, exact: true }).check();
    if (reason) {
      await panel.getByRole('combobox', { name: 'เหตุผลที่ไม่ผ่าน' }).click();
      await page.getByRole('option', { name: reason }).click();
    }
    if (comment) await panel.getByLabel('ความเห็นถึงหน่วยงาน').fill(comment);
    await panel.getByRole('button', { name: 'บันทึกผลการตรวจ' }).click();
  }

  it('rejects evidence and sees the verified level drop, returns, the agency resubmits, and the analyst verifies', async () => {
    const analystCtx = await browser.newContext();
    const analyst = await openSignedIn(analystCtx, 'analyst.rv@test.dga.or.th', '/review');

    // The queue: progress and the submitted response.
    const row = analyst.getByTestId('review-queue').getByRole('row', { name: /RV01/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('ส่งแล้ว รอตรวจ');
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'review-01-queue');

    // Open the response: claims on the left, controls and levels on the right.
    await row.getByRole('link').click();
    await analyst.getByTestId(`claim-${CODE}`).waitFor();
    await expect.poll(() => analyst.getByTestId('verified-P6').textContent()).toBe('5');

    await decide(analyst, DRAFT_URL, 'ไม่ผ่าน', 'ตรวจสอบหลักฐาน/เนื้อหาของคำตอบ สรุปได้ว่าไม่มีการดำเนินการ', REJECT_COMMENT);
    await expect.poll(() => analyst.getByTestId('level-change').textContent()).toContain('ตัวชี้วัดที่ 6: ระดับ 5 → 3');
    await expect.poll(() => analyst.getByTestId('verified-P6').textContent()).toBe('5 → 3');
    await expect.poll(() => analyst.getByTestId(`claim-${CODE}`).textContent()).toContain('ไม่ผ่าน');
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'review-02-rejected');
    await analyst.getByTestId(`claim-${CODE}`).scrollIntoViewIfNeeded();
    await viewShot(analyst, 'review-02b-rejected-view');

    // Return to the agency with the rejection's comment and a general one.
    await analyst.getByRole('button', { name: 'ส่งกลับให้หน่วยงานแก้ไข' }).click();
    const dialog = analyst.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('ความเห็นถึงหน่วยงาน 1').inputValue()).toBe(REJECT_COMMENT);
    await dialog.getByRole('button', { name: 'เพิ่มความเห็น' }).click();
    await dialog.getByLabel('ความเห็นถึงหน่วยงาน 2').fill(GENERAL_COMMENT);
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'review-03-return-dialog');
    await dialog.getByRole('button', { name: 'ส่งกลับ', exact: true }).click();
    await expect.poll(() => analyst.getByTestId('response-status').textContent()).toBe('ส่งกลับให้แก้ไข');

    // The respondent, in another browser context, sees the comments in the questionnaire.
    const respCtx = await browser.newContext();
    const resp = await openSignedIn(respCtx, 'cio.rv@test.go.th', '/questionnaire');
    await resp.getByText(GENERAL_COMMENT).waitFor();
    await screenshot(resp, 'review-04-respondent-returned');
    // The fix, in the questionnaire: go to the returned question's pillar, read the analyst's comment
    // next to it and add a valid certificate as a new evidence link, then resubmit.
    const pillarKey = framework.pillars.find((pl) =>
      pl.indicators.some((i) => i.questions.some((q) => q.code === CODE)),
    )?.key;
    await resp.getByTestId(`nav-${pillarKey}`).click();
    await expect.poll(() => resp.getByTestId(`comments-${CODE}`).textContent()).toContain(REJECT_COMMENT);
    const panel = resp.getByTestId(`evidence-${CODE}`);
    await panel.scrollIntoViewIfNeeded();
    await panel.getByLabel('ลิงก์หลักฐาน').fill(FIX_URL);
    await panel.getByRole('button', { name: 'เพิ่มลิงก์' }).click();
    await panel.getByRole('link', { name: FIX_URL }).waitFor();
    expect(await seriousA11yViolations(resp)).toEqual([]);
    await viewShot(resp, 'review-04b-respondent-evidence-added');
    await resp.getByRole('button', { name: 'ส่งแบบสำรวจ' }).click();
    await resp.getByRole('button', { name: 'ยืนยันการส่ง' }).click();
    await resp.getByTestId('submitted-notice').waitFor();
    await screenshot(resp, 'review-05-respondent-resubmitted');
    const added = await server.db
      .selectFrom('evidence')
      .select(['kind', 'url'])
      .where('response_id', '=', responseId)
      .where('question_code', '=', CODE)
      .orderBy('created_at')
      .execute();
    expect(added.map((e) => e.url)).toContain(FIX_URL);
    await respCtx.close();

    // The analyst sees round 2 and verifies the new evidence: the level comes back.
    await analyst.reload();
    await expect.poll(() => analyst.getByTestId('response-status').textContent()).toBe('ส่งแล้ว รอตรวจ');
    await expect.poll(() => analyst.getByText('ครั้งที่ 2').first().isVisible()).toBe(true);
    await decide(analyst, FIX_URL, 'ผ่าน');
    await expect.poll(() => analyst.getByTestId('level-change').textContent()).toContain('ตัวชี้วัดที่ 6: ระดับ 3 → 5');
    await analyst.getByRole('button', { name: 'รับรองผล' }).click();
    await analyst.getByRole('dialog').getByRole('button', { name: 'ยืนยัน' }).click();
    await expect.poll(() => analyst.getByTestId('response-status').textContent()).toBe('ตรวจสอบแล้ว');
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'review-06-verified');
    await analyst.getByTestId(`claim-${CODE}`).scrollIntoViewIfNeeded();
    await viewShot(analyst, 'review-06b-verified-view');

    const stored = await server.db
      .selectFrom('responses')
      .select(['status', 'round'])
      .where('id', '=', responseId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'verified', round: 2 });
    // Each piece keeps its own decision: the draft stays rejected, the certificate is verified.
    const pieces = await server.db
      .selectFrom('evidence')
      .select(['url', 'verification', 'verification_reason'])
      .where('response_id', '=', responseId)
      .where('question_code', '=', CODE)
      .orderBy('url')
      .execute();
    expect(pieces).toEqual([
      { url: DRAFT_URL, verification: 'rejected', verification_reason: 'evidence_no_action' },
      { url: FIX_URL, verification: 'verified', verification_reason: null },
    ]);
    const states = await analyst.getByTestId(`claim-${CODE}`).getByTestId('piece-state').allTextContents();
    expect(states.sort()).toEqual(['ผ่าน', 'ไม่ผ่าน']);
    await analystCtx.close();
  }, 240_000);
});
