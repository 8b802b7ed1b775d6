import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { bestValue } from '../support/complete-response';
import { insertAgency, insertUser, PASSWORD, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/** Best-case answers to every question the department sees, or only the first `limit`. */
function answersFor(framework: Framework, limit = Number.POSITIVE_INFINITY): AnswerMap {
  const byCode = new Map(
    framework.pillars.flatMap((pl) => pl.indicators.flatMap((i) => i.questions.map((q) => [q.code, q] as const))),
  );
  const answers: AnswerMap = {};
  for (let round = 0; round < 10; round++) {
    const todo = [...visibleQuestions(framework, 'department', answers)].filter((c) => !(c in answers));
    if (todo.length === 0) break;
    for (const code of todo) {
      if (Object.keys(answers).length >= limit) return answers;
      answers[code] = { value: bestValue(byCode.get(code) as Question) as never };
    }
  }
  return answers;
}

describe.skipIf(!hasBrowser)('response monitoring in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let cycleId: number;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    const db = server.db;
    const imported = await importFramework(db, dgrs2566, { userId: null, email: null, ip: null });
    const framework = imported.framework;
    cycleId = (
      await db
        .insertInto('cycles')
        .values({
          fiscal_year: 2023,
          name_th: 'การสำรวจความพร้อมรัฐบาลดิจิทัล 2566',
          name_en: 'Digital Government Readiness Survey 2023',
          framework_id: imported.row.id,
          status: 'open',
          opens_at: ago(10),
          closes_at: new Date(Date.now() + 20 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('ministries')
      .values([
        { code: 'MEX1', name_th: 'กระทรวงการคลัง (ทดสอบ)', name_en: 'Ministry of Finance (test)' },
        { code: 'MEX2', name_th: 'กระทรวงมหาดไทย (ทดสอบ)', name_en: 'Ministry of Interior (test)' },
      ])
      .execute();
    const names: Record<string, [string, string | null]> = {
      MN01: ['กรมบัญชีกลาง', 'MEX1'],
      MN02: ['กรมสรรพากร', 'MEX1'],
      MN03: ['กรมศุลกากร', 'MEX1'],
      MN04: ['กรมการปกครอง', 'MEX2'],
      MN05: ['กรมที่ดิน', 'MEX2'],
      MN06: ['กรมโยธาธิการและผังเมือง', 'MEX2'],
      PV01: ['จังหวัดเชียงใหม่', null],
    };
    const ids: Record<string, number> = {};
    for (const [code, [name, ministry]] of Object.entries(names)) {
      const a = await insertAgency(db, code, code.startsWith('PV') ? 'province' : 'department');
      await db
        .updateTable('agencies')
        .set({ name_th: name, ministry_code: ministry, role: code === 'MN02' ? 'policy' : a.role })
        .where('id', '=', a.id)
        .execute();
      await db.insertInto('cycle_agencies').values({ cycle_id: cycleId, agency_id: a.id }).execute();
      ids[code] = a.id;
    }
    await db
      .updateTable('cycle_agencies')
      .set({ deadline_override: new Date(Date.now() + 27 * DAY) })
      .where('agency_id', '=', ids.MN04 as number)
      .execute();

    // MN01 answers everything and submits through the API, so it has a result to print.
    await insertUser(db, 'cio.mn01@test.go.th', 'respondent', ids.MN01);
    const cio = await signIn(server.app, 'cio.mn01@test.go.th');
    const mine = await server.app.inject({
      method: 'GET',
      url: `/api/cycles/${cycleId}/my-response`,
      headers: cio.headers,
    });
    const responseId = mine.json().response.id as number;
    const full = answersFor(framework);
    await db
      .insertInto('answers')
      .values(
        Object.entries(full).map(([code, a]) => ({
          response_id: responseId,
          question_code: code,
          value: JSON.stringify(a.value),
        })),
      )
      .execute();
    const evidenceCodes = framework.pillars
      .flatMap((p) => p.indicators.flatMap((i) => i.questions))
      .filter((q) => q.code in full && (q.evidence ?? 'none') !== 'none')
      .map((q) => q.code);
    await db
      .insertInto('evidence')
      .values(
        evidenceCodes.map((code) => ({
          id: crypto.randomUUID(),
          response_id: responseId,
          question_code: code,
          kind: 'url' as const,
          url: `https://agency.go.th/evidence/${code}`,
        })),
      )
      .execute();
    await db
      .updateTable('responses')
      .set({ status: 'in_progress', started_at: ago(6) })
      .where('id', '=', responseId)
      .execute();
    const submitted = await server.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/submit`,
      headers: cio.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // The others are stored directly, on earlier days.
    const partial = answersFor(framework, 25);
    const add = async (
      code: string,
      status: 'in_progress' | 'submitted' | 'returned' | 'verified',
      started: number,
      submittedDaysAgo: number | null,
      lastDaysAgo: number,
      answers: AnswerMap = {},
    ) => {
      const r = await db
        .insertInto('responses')
        .values({
          cycle_id: cycleId,
          agency_id: ids[code] as number,
          status,
          started_at: ago(started),
          submitted_at: submittedDaysAgo === null ? null : ago(submittedDaysAgo),
          last_activity_at: ago(lastDaysAgo),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = Object.entries(answers).map(([q, a]) => ({
        response_id: r.id,
        question_code: q,
        value: JSON.stringify(a.value),
      }));
      if (rows.length) await db.insertInto('answers').values(rows).execute();
    };
    await add('MN02', 'submitted', 6, 4, 4);
    await add('MN03', 'verified', 5, 3, 1);
    await add('MN04', 'in_progress', 4, null, 1, partial);
    await add('MN05', 'returned', 5, 2, 0.05, answersFor(framework, 60));
    await add('PV01', 'in_progress', 2, null, 2);

    await insertUser(db, 'analyst.mon@test.dga.or.th', 'analyst', null);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openSignedIn(email: string, path: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('อีเมล').fill(email);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    await page.goto(`${server.baseUrl}${path}`);
    return page;
  }

  it('shows the cards, the trend chart, the breakdowns and the not-submitted list; exports and prints reports', async () => {
    const page = await openSignedIn('analyst.mon@test.dga.or.th', '/monitoring');
    await page.getByRole('link', { name: 'ติดตามการตอบกลับ' }).waitFor();

    const submittedCard = page.getByTestId('card-submitted');
    await submittedCard.waitFor();
    await expect.poll(() => submittedCard.textContent()).toContain('ส่งแล้ว3จาก 7 ร้อยละ 42.86');
    expect(await page.getByTestId('card-started').textContent()).toContain('จาก 7 ร้อยละ 85.71');
    expect(await page.getByTestId('card-verified').textContent()).toContain('1จาก 7 ร้อยละ 14.29');
    expect(await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).inputValue()).toContain('2566');

    // The chart draws on a canvas; its figures are in a table too.
    await page.getByTestId('trend-chart').locator('canvas').waitFor();
    const trendRows = page.getByTestId('trend-table').locator('tbody tr');
    expect(await trendRows.count()).toBeGreaterThanOrEqual(6);
    expect(await trendRows.last().textContent()).toMatch(/63$/);

    expect(await page.getByTestId('by-track').textContent()).toContain('ระดับจังหวัด');
    expect(await page.getByTestId('by-ministry').textContent()).toContain('กระทรวงการคลัง (ทดสอบ)');

    const table = page.getByTestId('not-submitted-table');
    await table.waitFor();
    const codes = async () =>
      (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).map((x) =>
        x?.replace('not-submitted-', ''),
      );
    expect(await codes()).toEqual(['MN04', 'MN05', 'MN06', 'PV01']);
    expect(await page.getByTestId('not-submitted-MN06').textContent()).toContain('ยังไม่มีการใช้งาน');
    expect(await page.getByTestId('not-submitted-MN04').textContent()).toContain('ขยายเวลาเฉพาะหน่วยงาน');
    // Sort by progress, most complete first.
    // The grid sorts on the server: each click is a new page of rows, so wait for each one.
    await page.getByTestId('sort-progress').click();
    await expect.poll(() => table.locator('th[aria-sort="ascending"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('sort-progress').click();
    await expect.poll(() => table.locator('th[aria-sort="descending"]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => (await codes())[0], { timeout: 60_000 }).toBe('MN05');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'monitoring-01-board');

    // CSV download: fetched with the token and saved as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toBe('not-submitted-2566.csv');
    const csvPath = await download.path();
    const fs = await import('node:fs');
    const csv = fs.readFileSync(csvPath as string, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('MN04,กรมการปกครอง');

    // All reports as one ZIP: progress, then a download.
    await page.getByTestId('zip-start').click();
    await page.getByTestId('zip-download').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('zip-progress-text').textContent()).toBe('เสร็จแล้ว 1 จาก 1 ฉบับ');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('zip-download').click()]);
    expect(zip.suggestedFilename()).toBe('dg-readiness-reports-2566.zip');
    expect(
      fs
        .readFileSync((await zip.path()) as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'monitoring-02-zip-done');

    // The job is the server's, not the tab's: with the browser's storage cleared and the page
    // loaded again, the panel finds it through GET /api/jobs and shows it, download included.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByTestId('zip-download').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('zip-progress-text').textContent()).toBe('เสร็จแล้ว 1 จาก 1 ฉบับ');

    // English: C.E. years.
    await page.getByRole('banner').getByText('EN', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('card-submitted').textContent(), { timeout: 30_000 })
      .toContain('Submitted3of 7 (42.86%)');
    await page.getByRole('heading', { name: 'Response monitoring' }).waitFor();
    await screenshot(page, 'monitoring-03-english');
  }, 240_000);
});
