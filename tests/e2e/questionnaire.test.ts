import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { visibleQuestions } from '../../shared/src/domain/conditions';
import { formatDate } from '../../shared/src/domain/dates';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { hasBrowser, launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { insertAgency, insertUser, PASSWORD, type SignedIn, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';

const DAY = 86_400_000;
/** A tiny but valid PDF: the server sniffs the %PDF- signature. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe.skipIf(!hasBrowser)('questionnaire in a real browser', () => {
  let server: LiveServer;
  let browser: Browser;
  let framework: Framework;
  let cycleId: number;
  let lateAgencyId: number;

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
    const a = await insertAgency(server.db, 'QA01');
    const b = await insertAgency(server.db, 'QB01');
    const c = await insertAgency(server.db, 'QC01');
    await insertUser(server.db, 'cio.a@test.go.th', 'respondent', a.id);
    await insertUser(server.db, 'cio.b@test.go.th', 'respondent', b.id);
    await insertUser(server.db, 'one.c@test.go.th', 'respondent', c.id);
    await insertUser(server.db, 'two.c@test.go.th', 'respondent', c.id);
    await insertUser(server.db, 'analyst.q@test.dga.or.th', 'analyst', null);
    await insertUser(server.db, 'admin.q@test.dga.or.th', 'admin', null);
    const late = await insertAgency(server.db, 'QD01');
    lateAgencyId = late.id;
    await insertUser(server.db, 'cio.late@test.go.th', 'respondent', late.id);
    // Invited, with an agency deadline that passed two days ago (the cycle itself is open for a month).
    await server.db
      .insertInto('cycle_agencies')
      .values({ cycle_id: cycleId, agency_id: late.id, deadline_override: new Date(Date.now() - 2 * DAY) })
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // ---------------------------------------------------------------- helpers

  async function openSignedIn(context: BrowserContext, email: string, path = '/questionnaire'): Promise<Page> {
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

  const saveState = (page: Page) => page.getByTestId('save-state').getAttribute('data-state');

  async function inject(who: SignedIn, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) {
    return server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload: payload as object } : {}) });
  }

  async function myResponse(who: SignedIn) {
    const res = await inject(who, 'GET', `/api/cycles/${cycleId}/my-response`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  function sampleValue(q: Question): unknown {
    const first = q.options?.find((o) => !o.exclusive && !o.other)?.code ?? q.options?.[0]?.code;
    switch (q.type) {
      case 'single':
      case 'staged':
        return first;
      case 'yes_no':
        return 'no';
      case 'multiple':
        return [first];
      case 'reason':
        return { choice: first };
      case 'number':
        return q.number?.min ?? 1;
      case 'percentage':
        return 50;
      case 'date':
        return '2023-06-01';
      case 'matrix':
        return Object.fromEntries((q.rows ?? []).map((r) => [r.code, q.options?.[0]?.code]));
      default:
        return 'ทดสอบ';
    }
  }

  /** Answers every visible required question still unanswered (and attaches a link where evidence is required), via the API. */
  async function fillRequired(who: SignedIn) {
    const questions = framework.pillars.flatMap((p) =>
      p.indicators.flatMap((i) => i.questions.filter((q) => q.tracks.includes('department'))),
    );
    for (let round = 0; round < 8; round++) {
      const d = await myResponse(who);
      const stored = new Map<string, { value: unknown; revision: number; notApplicable: unknown }>(
        d.answers.map((a: { questionCode: string }) => [a.questionCode, a]),
      );
      const map: AnswerMap = {};
      for (const [code, a] of stored) map[code] = { value: a.value as never };
      const visible = visibleQuestions(framework, 'department', map);
      let changed = false;
      for (const q of questions) {
        if (!q.required || !visible.has(q.code)) continue;
        const a = stored.get(q.code);
        if (a && (a.value !== null || a.notApplicable)) continue;
        const res = await inject(who, 'PUT', `/api/responses/${d.response.id}/answers/${q.code}`, {
          value: sampleValue(q),
          notApplicable: null,
          baseRevision: a?.revision ?? 0,
          idempotencyKey: randomUUID(),
        });
        expect(res.statusCode, `${q.code}: ${res.body}`).toBe(200);
        changed = true;
      }
      if (!changed) {
        const withEvidence = new Set(d.evidence.map((e: { questionCode: string }) => e.questionCode));
        for (const q of questions) {
          if (q.evidence !== 'required' || !visible.has(q.code) || withEvidence.has(q.code)) continue;
          const res = await inject(who, 'POST', `/api/responses/${d.response.id}/evidence-url`, {
            questionCode: q.code,
            url: `https://example.go.th/evidence/${q.code}`,
          });
          expect(res.statusCode, res.body).toBe(201);
        }
        return d.response.id as number;
      }
    }
    throw new Error('fillRequired did not converge');
  }

  // ---------------------------------------------------------------- tests

  it('a respondent answers across pillars, with a follow-up, evidence and an offline save, reloads, and submits', async () => {
    const context = await browser.newContext();
    let page = await openSignedIn(context, 'cio.a@test.go.th');
    await page.getByTestId('agency-name').waitFor();
    expect(await page.getByTestId('agency-name').textContent()).toContain('หน่วยงาน QA01');
    await expect.poll(() => page.locator('body').textContent()).toContain('ปีงบประมาณ พ.ศ. 2566');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-p1-empty');

    // Pillar 1: a yes/no that reveals a follow-up, a percentage, and a PDF as evidence.
    const cio = page.locator('#q-POL_CIO');
    expect(await page.locator('#q-POL_CIO_ROLE').count()).toBe(0);
    await cio.locator('input[value="yes"]').check();
    await page.locator('#q-POL_CIO_ROLE').waitFor();
    await page.locator('#q-POL_DIGITAL_BUDGET_SHARE-input').fill('35');
    await page.keyboard.press('Tab');
    // An uncontrolled long-text input: typed key by key, autosaved on blur.
    await page.locator('#q-POL_OBSTACLES-input').pressSequentially('งบประมาณไม่พอ budget');
    await page.keyboard.press('Tab');
    // Letters are refused as they are typed: the number field never holds "abc".
    await page.locator('#q-POL_DIGITAL_BUDGET_SHARE-input').fill('abc');
    await expect.poll(() => page.locator('#q-POL_DIGITAL_BUDGET_SHARE-input').inputValue()).toBe('');
    await page.locator('#q-POL_DIGITAL_BUDGET_SHARE-input').fill('35');
    await page.keyboard.press('Tab');
    await cio
      .locator('input[type=file]')
      .setInputFiles({ name: 'cio-order.pdf', mimeType: 'application/pdf', buffer: PDF });
    // One step: the chosen file is uploaded at once.
    await expect.poll(() => cio.textContent()).toContain('cio-order.pdf');
    // The PDF previews in a modal, through the sandboxed preview endpoint.
    await cio.getByRole('button', { name: 'ดูตัวอย่าง cio-order.pdf' }).click();
    const preview = page.getByTestId('evidence-preview');
    await preview.locator('iframe[title="ตัวอย่างเอกสาร cio-order.pdf"]').waitFor();
    expect(await preview.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-evidence-preview');
    // Focus may be inside the PDF viewer's frame: close with the dialog's button.
    await page.getByRole('dialog').getByRole('button', { name: 'ปิด' }).click();
    await preview.waitFor({ state: 'detached' });
    await expect.poll(() => saveState(page), { timeout: 10_000 }).toBe('saved');

    // Pillar 2: "no" on the user survey reveals the reason question.
    await page.getByTestId('nav-P2').click();
    const survey = page.locator('#q-OD_USER_SURVEY');
    await survey.waitFor();
    expect(await page.locator('#q-OD_USER_SURVEY_REASON').count()).toBe(0);
    await survey.locator('input[value="no"]').check();
    const reason = page.locator('#q-OD_USER_SURVEY_REASON');
    await reason.waitFor();
    await reason.locator('input[value="not_yet"]').check();
    await expect.poll(() => saveState(page), { timeout: 10_000 }).toBe('saved');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-p2-followup');

    // Offline: the edit waits in the outbox (localStorage) and survives a reload.
    await context.setOffline(true);
    await page.locator('#q-OD_DATASETS_PUBLISHED-input').fill('12');
    await page.keyboard.press('Tab');
    await expect.poll(() => saveState(page), { timeout: 10_000 }).toBe('offline');
    await screenshot(page, 'questionnaire-offline');
    const outbox = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('dg.outbox.'))
        .map((k) => localStorage.getItem(k))
        .join(''),
    );
    expect(outbox).toContain('OD_DATASETS_PUBLISHED');
    // The app has no offline shell: a reload while offline cannot load the page at all.
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    // So the tab is closed while still offline, with the answer only in the outbox; a new tab
    // opened once back online restores it from storage and saves it.
    await page.close();
    await context.setOffline(false);
    page = await context.newPage();
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(`${server.baseUrl}/questionnaire?pillar=P2`);
    await page.locator('#q-OD_USER_SURVEY_REASON').waitFor();
    expect(await page.locator('#q-OD_DATASETS_PUBLISHED-input').inputValue()).toBe('12');
    expect(await page.locator('#q-OD_USER_SURVEY').locator('input[value="no"]').isChecked()).toBe(true);
    expect(await page.locator('#q-OD_USER_SURVEY_REASON').locator('input[value="not_yet"]').isChecked()).toBe(true);
    await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved');
    const who = await signIn(server.app, 'cio.a@test.go.th');
    const stored = await myResponse(who);
    const byCode = new Map(
      stored.answers.map((a: { questionCode: string; value: unknown }) => [a.questionCode, a.value]),
    );
    expect(byCode.get('OD_DATASETS_PUBLISHED')).toBe(12);
    expect(byCode.get('POL_CIO')).toBe('yes');
    expect(byCode.get('POL_DIGITAL_BUDGET_SHARE')).toBe(35);
    expect(byCode.get('OD_USER_SURVEY_REASON')).toEqual({ choice: 'not_yet' });
    expect(byCode.get('POL_OBSTACLES')).toBe('งบประมาณไม่พอ budget');
    const row = await server.db
      .selectFrom('answers')
      .select(['value'])
      .where('response_id', '=', stored.response.id)
      .where('question_code', '=', 'OD_DATASETS_PUBLISHED')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(12);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dg.outbox.')).length)).toBe(
      0,
    );

    // Every other pillar passes axe, and so does the English version.
    for (const key of ['P3', 'P4', 'P5', 'P6', 'P7']) {
      await page.getByTestId(`nav-${key}`).click();
      await expect.poll(() => page.url()).toContain(`pillar=${key}`);
      await page.locator('[data-question]').first().waitFor();
      if (key === 'P6') {
        // A date typed as a Thai reader writes it (day/month/B.E. year): stored in C.E., shown in B.E.
        const audited = page.getByLabel('วันที่ตรวจประเมินด้านความมั่นคงปลอดภัยสารสนเทศครั้งล่าสุด');
        await audited.focus();
        await audited.pressSequentially('25/12/2568');
        await audited.press('Enter');
        await audited.press('Tab');
        await expect.poll(() => audited.inputValue(), { timeout: 30_000 }).toBe('25 ธ.ค. 2568');
        // axe looks at the page once the calendar has closed, not at a dropdown mid-transition.
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('.mantine-Popover-dropdown:visible').count(), { timeout: 30_000 }).toBe(0);
        const storedDate = async () =>
          (await myResponse(who)).answers.find((a: { questionCode: string }) => a.questionCode === 'CYBER_LAST_AUDIT')
            ?.value;
        await expect.poll(storedDate, { timeout: 10_000 }).toBe('2025-12-25');
        await screenshot(page, 'questionnaire-date-question');
      }
      expect(await seriousA11yViolations(page), key).toEqual([]);
    }
    await screenshot(page, 'questionnaire-p7');
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 30_000 }).toBe('In progress');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-english');
    await page.getByText('ไทย', { exact: true }).click();
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('กำลังดำเนินการ');
    expect(stored.evidence.map((e: { fileName: string }) => e.fileName)).toContain('cio-order.pdf');

    await page.getByTestId('nav-P1').click();
    await page.locator('#q-POL_CIO').waitFor();
    expect(await page.locator('#q-POL_CIO').locator('input[value="yes"]').isChecked()).toBe(true);
    expect(await page.locator('#q-POL_DIGITAL_BUDGET_SHARE-input').inputValue()).toBe('35');
    expect(await page.locator('#q-POL_CIO').textContent()).toContain('cio-order.pdf');

    // Submitting too early lists what is missing (no confirmation), with items that focus the question.
    await page.getByRole('button', { name: 'ส่งแบบสำรวจ' }).click();
    const missing = page.getByTestId('missing-list');
    await missing.waitFor();
    expect(await page.getByTestId('confirm-submit').count()).toBe(0);
    await page.waitForTimeout(500); // the drawer's opening transition (mid-fade text fails the contrast rule)
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-missing');
    const firstItem = missing.locator('li').first();
    const code = ((await firstItem.getAttribute('data-testid')) ?? '').replace(/^missing-/, '');
    await firstItem.getByRole('button').click();
    await expect.poll(() => page.evaluate((c) => Boolean(document.activeElement?.closest(`#q-${c}`)), code)).toBe(true);

    // Fill the rest quickly through the API, then submit in the UI.
    await fillRequired(who);
    await page.reload();
    await page.getByRole('button', { name: 'ส่งแบบสำรวจ' }).click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 15_000 }).toBe('ส่งแล้ว');
    await page.getByTestId('submitted-notice').waitFor();
    expect(await page.locator('#q-POL_CIO input[type=radio]').first().isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'ส่งแบบสำรวจ' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-submitted');

    // The printable view carries the agency, the B.E. year and the answers.
    await page.goto(`${server.baseUrl}/questionnaire/print`);
    await page.getByTestId('print-agency').waitFor();
    expect(await page.getByTestId('print-OD_DATASETS_PUBLISHED').textContent()).toContain('12');
    expect(await page.locator('body').textContent()).toContain('2566');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-print');

    // Returned by an analyst with comments: the returned state passes axe too.
    const analyst = await signIn(server.app, 'analyst.q@test.dga.or.th');
    const back = await inject(analyst, 'POST', `/api/review/responses/${stored.response.id}/return`, {
      comments: [
        { questionCode: 'POL_CIO', comment: 'โปรดแนบคำสั่งแต่งตั้งฉบับลงนาม' },
        { questionCode: null, comment: 'โปรดทบทวนด้านที่ 2' },
      ],
    });
    expect(back.statusCode, back.body).toBe(200);
    await page.goto(`${server.baseUrl}/questionnaire?pillar=P1`);
    await expect.poll(() => page.getByTestId('response-status').textContent()).toBe('ส่งกลับให้แก้ไข');
    await page.getByTestId('comments-POL_CIO').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'questionnaire-returned');
    await context.close();
  }, 300_000);

  it('two people of one agency edit the same question: the second sees the conflict and resolves it', async () => {
    const ctx1 = await browser.newContext();
    const ctx2 = await browser.newContext();
    // The second person's push (the co-editing event stream) has not arrived, as on a dropped
    // connection: otherwise the first save reaches them before they edit and nothing conflicts.
    await ctx2.route('**/api/responses/*/events?**', (route) => route.abort());
    const p1 = await openSignedIn(ctx1, 'one.c@test.go.th');
    const p2 = await openSignedIn(ctx2, 'two.c@test.go.th');
    await p1.locator('#q-POL_DG_POLICY').waitFor();
    await p2.locator('#q-POL_DG_POLICY').waitFor();

    await p1.locator('#q-POL_DG_POLICY').locator('input[value="yes"]').check();
    await expect.poll(() => saveState(p1), { timeout: 10_000 }).toBe('saved');
    await p2.locator('#q-POL_DG_POLICY').locator('input[value="no"]').check();
    const dialog = p2.getByTestId('conflict-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const label = (code: string) =>
      framework.pillars
        .flatMap((p) => p.indicators.flatMap((i) => i.questions))
        .find((q) => q.code === 'POL_DG_POLICY')
        ?.options?.find((o) => o.code === code)?.label.th ?? (code === 'yes' ? 'ใช่' : 'ไม่ใช่');
    expect(await p2.getByTestId('conflict-mine').textContent()).toBe(label('no'));
    expect(await p2.getByTestId('conflict-theirs').textContent()).toBe(label('yes'));
    expect(await dialog.textContent()).toContain('one');
    expect(await seriousA11yViolations(p2)).toEqual([]);
    await screenshot(p2, 'questionnaire-conflict');
    await p2.getByRole('button', { name: 'ใช้คำตอบของฉัน' }).click();
    await expect.poll(() => saveState(p2), { timeout: 10_000 }).toBe('saved');

    const who = await signIn(server.app, 'one.c@test.go.th');
    const d = await myResponse(who);
    const a = d.answers.find((x: { questionCode: string }) => x.questionCode === 'POL_DG_POLICY');
    expect(a.value).toBe('no');
    expect(a.revision).toBe(2);

    // The first person's form picks up the newer answer from polling, and sees who else is editing.
    await expect
      .poll(() => p1.locator('#q-POL_DG_POLICY').locator('input[value="no"]').isChecked(), { timeout: 20_000 })
      .toBe(true);

    await ctx1.close();
    await ctx2.close();
  }, 180_000);

  it('a respondent of another agency gets nothing, and an account without an agency sees an error state in the UI', async () => {
    const a = await signIn(server.app, 'cio.a@test.go.th');
    const b = await signIn(server.app, 'cio.b@test.go.th');
    const responseA = (await myResponse(a)).response.id;
    const read = await inject(b, 'GET', `/api/responses/${responseA}`);
    expect(read.statusCode).toBe(403);
    const write = await inject(b, 'PUT', `/api/responses/${responseA}/answers/POL_CIO`, {
      value: 'no',
      notApplicable: null,
      baseRevision: 0,
      idempotencyKey: randomUUID(),
    });
    expect(write.statusCode).toBe(403);
    const changes = await inject(
      b,
      'GET',
      `/api/responses/${responseA}/changes?since=${encodeURIComponent(new Date(0).toISOString())}`,
    );
    expect(changes.statusCode).toBe(403);

    // In the UI, B sees its own (empty) questionnaire, never A's answers.
    const ctxB = await browser.newContext();
    const pb = await openSignedIn(ctxB, 'cio.b@test.go.th');
    await pb.getByTestId('agency-name').waitFor();
    expect(await pb.getByTestId('agency-name').textContent()).toContain('QB01');
    expect(await pb.locator('#q-POL_CIO').locator('input[value="yes"]').isChecked()).toBe(false);
    await ctxB.close();

    const ctxN = await browser.newContext();
    const pn = await openSignedIn(ctxN, 'analyst.q@test.dga.or.th');
    await pn.getByRole('alert').waitFor();
    expect(await pn.getByRole('alert').textContent()).toContain('ไม่มีสิทธิ์');
    expect(await seriousA11yViolations(pn)).toEqual([]);
    await screenshot(pn, 'questionnaire-no-access');
    await ctxN.close();
  }, 180_000);

  it('after the deadline the respondent is told when it passed; an administrator extends it from the monitoring board', async () => {
    const late = await signIn(server.app, 'cio.late@test.go.th');
    const mine = await myResponse(late);
    const passed = new Date(mine.response.deadline);
    // The server refuses, Thai first, with the date as people read it.
    const refused = await inject(late, 'PUT', `/api/responses/${mine.response.id}/answers/POL_CIO`, {
      value: 'yes',
      notApplicable: null,
      baseRevision: 0,
      idempotencyKey: randomUUID(),
    });
    expect(refused.statusCode).toBe(409);
    const message: string = refused.json().error.message;
    expect(message.startsWith('หมดเขตส่งแบบสำรวจแล้วเมื่อ')).toBe(true);
    expect(message).toContain(formatDate(passed, 'th', true));
    expect(message).toContain(String(passed.getUTCFullYear() + 543));
    expect(message).toContain(`The deadline passed on ${formatDate(passed, 'en', true)}`);

    const ctxR = await browser.newContext();
    const pr = await openSignedIn(ctxR, 'cio.late@test.go.th');
    const notice = pr.getByTestId('deadline-passed');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`หมดเขตส่งแบบสำรวจเมื่อ ${formatDate(passed, 'th', true)} น.`);
    expect(await notice.textContent()).toContain('สำนักงานพัฒนารัฐบาลดิจิทัล');
    expect(await pr.locator('#q-POL_CIO input[type=radio]').first().isDisabled()).toBe(true);
    expect(await pr.getByRole('button', { name: 'ส่งแบบสำรวจ' }).count()).toBe(0);
    expect(await seriousA11yViolations(pr)).toEqual([]);
    await screenshot(pr, 'questionnaire-deadline-passed');
    await pr.getByText('EN', { exact: true }).click();
    await expect
      .poll(() => notice.textContent(), { timeout: 30_000 })
      .toContain(`The deadline passed on ${formatDate(passed, 'en', true)}`);
    await pr.getByText('ไทย', { exact: true }).click();

    // The administrator picks the agency on the monitoring board and a new date and time.
    const ctxA = await browser.newContext();
    const pa = await openSignedIn(ctxA, 'admin.q@test.dga.or.th', `/monitoring?cycle=${cycleId}`);
    const row = pa.getByTestId('not-submitted-QD01');
    await row.waitFor();
    await row.getByTestId('extend-QD01').click();
    const chosen = new Date(Date.now() + 10 * DAY);
    chosen.setUTCSeconds(0, 0);
    // The fields are Bangkok wall-clock time whatever the browser's zone, the day typed in B.E.
    const local = new Date(chosen.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    const chosenBE = String(Number(local.slice(0, 4)) + 543);
    const dialog = pa.getByRole('dialog');
    const day = dialog.getByLabel('วันที่', { exact: true });
    await day.focus();
    await day.press('ControlOrMeta+a');
    await day.pressSequentially(`${local.slice(8, 10)}/${local.slice(5, 7)}/${chosenBE}`);
    await day.press('Enter');
    await day.press('Tab');
    await expect.poll(() => day.inputValue()).toBe(formatDate(chosen, 'th'));
    const hours = dialog.getByLabel('เวลา (น.) ชั่วโมง');
    await hours.focus();
    await hours.pressSequentially(local.slice(11, 13));
    await dialog.getByLabel('เวลา (น.) นาที').pressSequentially(local.slice(14, 16));
    await pa.keyboard.press('Tab');
    expect(await day.inputValue()).toContain(chosenBE);
    expect(await seriousA11yViolations(pa)).toEqual([]);
    await screenshot(pa, 'monitoring-extend-deadline');
    await pa.getByTestId('deadline-save').click();
    await expect.poll(() => row.textContent()).toContain(formatDate(chosen, 'th', true));
    expect(await row.textContent()).toContain('ขยายเวลาเฉพาะหน่วยงาน');
    const stored = await server.db
      .selectFrom('cycle_agencies')
      .select('deadline_override')
      .where('cycle_id', '=', cycleId)
      .where('agency_id', '=', lateAgencyId)
      .executeTakeFirstOrThrow();
    expect(new Date(stored.deadline_override as Date).toISOString()).toBe(chosen.toISOString());

    // The respondent can answer again.
    await pr.reload();
    await pr.locator('#q-POL_CIO').waitFor();
    expect(await pr.getByTestId('deadline-passed').count()).toBe(0);
    await pr.locator('#q-POL_CIO').locator('input[value="yes"]').check();
    await expect.poll(() => saveState(pr), { timeout: 10_000 }).toBe('saved');
    await ctxR.close();
    await ctxA.close();
  }, 240_000);
});
