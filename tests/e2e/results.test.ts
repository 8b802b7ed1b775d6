import fs from 'node:fs';
import type { Framework } from '@dg/shared/schemas/framework';
import { REJECTION_REASONS } from '@dg/shared/schemas/review';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertUser, PASSWORD } from '../support/fixtures';
import { layoutProblems } from '../support/layout-checks';
import { type LiveServer, startLiveServer } from '../support/live-server';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  pillarQuestionCodes,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';

describe.skipIf(!hasBrowser)('agency results dashboard in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let fw: Framework;
  let cycleId: number;
  let previewCycleId: number;
  let ownId: number;
  let otherId: number;
  let frameworkId: number;

  beforeAll(async () => {
    server = await startLiveServer();
    const db = server.db;
    const f = await importTestFramework(db);
    fw = f.framework;
    frameworkId = f.id;
    const prev = await insertCycle(db, f.id, 2022, 'published');
    cycleId = (await insertCycle(db, f.id, 2023, 'published')).id;
    previewCycleId = (await insertCycle(db, f.id, 2024, 'closed')).id;
    const own = await insertNamedAgency(db, 'D200', 'กรมพัฒนาธุรกิจการค้า', 'Department of Business Development');
    const other = await insertNamedAgency(db, 'D201', 'กรมการปกครอง', 'Department of Provincial Administration');
    ownId = own.id;
    otherId = other.id;
    for (let i = 0; i < 3; i++) {
      const a = await insertNamedAgency(db, `D21${i}`, `หน่วยงานเปรียบเทียบ ${i}`, `Peer ${i}`);
      await submitWithSnapshot(db, cycleId, a.id, strengthAnswers(fw, 'department', 0.3 + i * 0.2, 30 + i));
    }
    const answers = strengthAnswers(fw, 'department', 0.85, 41);
    const rejected = Object.fromEntries(
      pillarQuestionCodes(fw, 'P2')
        .filter((c) => c in answers)
        .map((c) => [c, 'evidence_mismatch']), // a code, as the review screen stores it
    );
    await submitWithSnapshot(db, cycleId, own.id, answers, rejected);
    await submitWithSnapshot(db, cycleId, other.id, strengthAnswers(fw, 'department', 0.5, 42));
    await submitWithSnapshot(db, prev.id, own.id, strengthAnswers(fw, 'department', 0.35, 43));
    await submitWithSnapshot(db, previewCycleId, own.id, strengthAnswers(fw, 'department', 0.9, 44));
    await insertUser(db, 'cio@dbd.go.th', 'respondent', own.id);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${server.baseUrl}/login`);
    await page.locator('input[type="email"], input[name="email"]').first().fill('cio@dbd.go.th');
    await page.locator('input[type="password"]').first().fill(PASSWORD);
    await page.locator('button[type="submit"]').first().click();
    await expect.poll(() => page.getByTestId('signed-in-user').count(), { timeout: 20_000 }).toBe(1);
  }

  it('shows the agency its levels, downloads the PDF and XLSX, and refuses another agency', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/results`);
    // The newest cycle (2567) is still a preview, labelled as such.
    await expect.poll(() => page.getByTestId('preview-banner').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'results-preview-th');

    // Choose the published 2566 cycle.
    await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).click();
    await page.getByRole('option', { name: /2566/ }).click();
    await expect.poll(() => page.getByTestId('preview-banner').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('overall-card').textContent()).toMatch(/ระดับ \d/);
    const d = await (
      await page.request.get(`${server.baseUrl}/api/results/${cycleId}/agency/${ownId}`, {
        headers: { authorization: `Bearer ${await token(page)}` },
      })
    ).json();
    for (const p of d.result.pillars) {
      const card = await page.getByTestId(`pillar-${p.key}`).textContent();
      if (p.level) expect(card).toContain(`ระดับ ${p.level}`);
      if (p.levelName) expect(card).toContain(p.levelName.th);
    }
    expect(await page.getByText('กรมพัฒนาธุรกิจการค้า').count()).toBeGreaterThan(0);
    expect(await page.locator('svg').count()).toBeGreaterThan(1); // radar + year-over-year
    // Rejected evidence shows the reason's label and the analyst's comment, not the stored code.
    const reason = page.getByText(`${REJECTION_REASONS.evidence_mismatch.th} — `).first();
    await expect.poll(() => reason.count()).toBeGreaterThan(0);
    expect(await reason.textContent()).toContain('ตรวจสอบหลักฐานแล้วไม่พบการดำเนินการ');
    expect(await page.locator('body').textContent()).not.toContain('evidence_mismatch');
    await page.waitForTimeout(500);
    await screenshot(page, 'results-official-th');

    const pdfDl = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'ดาวน์โหลดรายงาน PDF' }).click();
    const pdf = await pdfDl;
    expect(pdf.suggestedFilename()).toBe('dg-readiness-2566-D200.pdf');
    const pdfPath = await pdf.path();
    expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    const xlsxDl = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'ดาวน์โหลด Excel' }).click();
    const xlsx = await xlsxDl;
    expect(xlsx.suggestedFilename()).toBe('dg-readiness-2566-D200.xlsx');
    expect(
      fs
        .readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Another agency's report URL: 403 from the API, and the page shows the refusal.
    const status = await page.evaluate(
      async ({ url, tk }) => (await fetch(url, { headers: { authorization: `Bearer ${tk}` } })).status,
      { url: `/api/results/${cycleId}/agency/${otherId}/report.pdf`, tk: await token(page) },
    );
    expect(status).toBe(403);
    await page.goto(`${server.baseUrl}/results/${cycleId}/${otherId}`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toBeTruthy();
    await context.close();
  });

  for (const [w, h] of [
    [1366, 900],
    [1024, 768],
    [390, 844],
  ] as const) {
    it(`names each criterion by what it means, grouped by indicator, at ${w}x${h}: no sideways scroll, axe clean`, async () => {
      const context = await browser.newContext({ viewport: { width: w, height: h } });
      const page = await context.newPage();
      await signIn(page);
      await page.goto(`${server.baseUrl}/results`);
      await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).click();
      await page.getByRole('option', { name: /2566/ }).click();
      await expect.poll(() => page.getByTestId('overall-card').textContent(), { timeout: 20_000 }).toMatch(/ระดับ \d/);
      // Open pillar 1: its criteria are grouped under indicator P1.1, named, with the answer.
      const p1 = page.getByTestId('criteria-P1');
      await p1.getByRole('button').first().click();
      const ind = p1.getByTestId('indicator-P1.1');
      await expect.poll(() => ind.isVisible(), { timeout: 20_000 }).toBe(true);
      // Indicator codes are for DGA staff: the agency reads the indicator's name only.
      expect(await ind.getByRole('heading').first().textContent()).toBe('แผนและการกำกับดูแลด้านดิจิทัล');
      const labels = await ind.getByTestId('criterion-label').allTextContents();
      expect(labels.some((l) => l.startsWith('มีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)'))).toBe(true);
      expect(labels.some((l) => l.startsWith('มีแผนปฏิบัติการด้านดิจิทัลที่ได้รับความเห็นชอบ'))).toBe(true);
      const cio = ind.getByTestId('criterion').filter({ hasText: 'มีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)' });
      expect(await cio.textContent()).toMatch(/คำตอบของหน่วยงาน: (มี\/ใช่|ไม่มี\/ไม่ใช่)/);
      // No criterion anywhere is called by a bare answer word, and none repeats within its indicator.
      const all = await page.getByTestId('criterion-label').allTextContents();
      expect(all.length).toBeGreaterThan(5);
      for (const l of all) expect(l.replace(/บังคับ$/, '').trim()).not.toMatch(/^(มี|ใช่|มี\/ใช่|ไม่มี|ไม่ใช่)$/);
      expect(new Set(labels).size).toBe(labels.length);
      // A criterion not met says what to do.
      const todo = p1.getByText(/^สิ่งที่ต้องทำ: /);
      if ((await p1.getByText('ยังไม่ผ่าน').count()) > 0) expect(await todo.count()).toBeGreaterThan(0);
      // Let the accordion finish opening: a panel mid-transition is translucent to axe.
      await page.waitForTimeout(1000);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
      expect(await layoutProblems(page), `results at ${w}x${h}`).toEqual([]);
      await screenshot(page, `results-criteria-${w}x${h}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('opens on the latest cycle with a result while the agency has not yet submitted in the open one', async () => {
    await insertCycle(server.db, frameworkId, 2025, 'open');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/results`);
    const note = page.getByTestId('results-passed-over');
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
    expect(await note.textContent()).toContain('2568');
    // The 2566 result (2567 is no longer the current cycle, so not offered as a preview).
    await expect.poll(() => page.getByTestId('overall-card').textContent(), { timeout: 20_000 }).toMatch(/ระดับ \d/);
    expect(await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).inputValue()).toContain('2566');
    await screenshot(page, 'results-passed-over-th');

    // Choosing the open cycle shows that it has no result yet, and no note about passing it over.
    await page.getByRole('combobox', { name: 'รอบการสำรวจ' }).click();
    await page.getByRole('option', { name: /2568/ }).click();
    await expect.poll(() => page.getByText('หน่วยงานยังไม่มีผลการประเมินในรอบนี้').count(), { timeout: 20_000 }).toBe(1);
    expect(await note.count()).toBe(0);
    await context.close();
  });
});

/** The in-memory access token, obtained the way the client does (refresh cookie). */
async function token(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const r = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await r.json()) as { accessToken: string }).accessToken;
  });
}
