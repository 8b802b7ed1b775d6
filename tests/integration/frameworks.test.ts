import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { type Personas, setupPersonas } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let id2566: number;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const importJson = (payload: unknown, headers = personas.admin.headers) =>
  t.app.inject({ method: 'POST', url: '/api/frameworks/import', headers, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
  expect((await importJson(dgrs2565)).statusCode).toBe(201);
  const res = await importJson(dgrs2566);
  expect(res.statusCode).toBe(201);
  id2566 = res.json().id;
});
afterAll(async () => t.close());

describe('framework import', () => {
  it('refuses a broken framework with 422 FRAMEWORK_INVALID listing every issue by path', async () => {
    const bad = clone(dgrs2566) as unknown as {
      code: string;
      previousCode?: string;
      pillars: { indicators: { questions: { code: string; showIf?: unknown }[] }[] }[];
    };
    bad.code = 'BAD-2566';
    delete bad.previousCode;
    const qs = bad.pillars[0]?.indicators[0]?.questions;
    if (!qs || qs.length < 3) throw new Error('fixture needs 3 questions in P1.1');
    const later = qs[2]?.code as string;
    // 1: a duplicate question code; 2: a display condition reading a later question.
    (qs[1] as { code: string }).code = qs[0]?.code as string;
    (qs[0] as { showIf?: unknown }).showIf = { question: later, op: 'answered' };
    // 3: a question code that is not UPPER_SNAKE would be a schema issue; keep this one semantic.
    const res = await importJson(bad);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('FRAMEWORK_INVALID');
    const issues = body.error.details as {
      path: (string | number)[];
      pathText: string;
      code: string;
      message: string;
    }[];
    expect(issues.length).toBeGreaterThanOrEqual(2);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'duplicate_question_code',
          pathText: 'pillars[0].indicators[0].questions[1].code',
          path: ['pillars', 0, 'indicators', 0, 'questions', 1, 'code'],
        }),
        expect.objectContaining({
          code: 'condition_forward_reference',
          pathText: 'pillars[0].indicators[0].questions[0].showIf',
        }),
      ]),
    );
    for (const i of issues) expect(i.message.length).toBeGreaterThan(10);
    const stored = await t.db.selectFrom('frameworks').select('id').where('code', '=', 'BAD-2566').executeTakeFirst();
    expect(stored).toBeUndefined();
  });

  it('reports schema problems with their paths too', async () => {
    const bad = clone(dgrs2566) as unknown as { code: string; year: unknown; previousCode?: string };
    bad.code = 'bad code';
    bad.year = 'next year';
    delete bad.previousCode;
    const res = await importJson(bad);
    expect(res.statusCode).toBe(422);
    const paths = (res.json().error.details as { pathText: string }[]).map((i) => i.pathText);
    expect(paths).toEqual(expect.arrayContaining(['code', 'year']));
  });

  it('is idempotent: importing the same document again reports changed: false', async () => {
    const res = await importJson(dgrs2566);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: id2566, code: 'DGRS-2566', changed: false });
    const count = await t.db.selectFrom('frameworks').select('id').where('code', '=', 'DGRS-2566').execute();
    expect(count).toHaveLength(1);
  });

  it('accepts a multipart .json upload', async () => {
    const boundary = '----dgtest';
    const file = JSON.stringify(dgrs2566);
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="dgrs-2566.json"',
      'Content-Type: application/json',
      '',
      file,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/frameworks/import',
      headers: { ...personas.admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'DGRS-2566', changed: false });
  });

  it('lists frameworks with question counts per track', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/frameworks', headers: personas.analyst.headers });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { code: string; year: number; frozen: boolean; questions: Record<string, number> }[];
    expect(list.map((f) => f.code)).toEqual(['DGRS-2566', 'DGRS-2565']);
    const f = list[0];
    expect(f?.frozen).toBe(false);
    expect(f?.questions.department).toBeGreaterThan(20);
    expect(f?.questions.province).toBeGreaterThan(5);
    expect(f?.questions.total).toBeGreaterThanOrEqual(f?.questions.department ?? 0);
  });
});

describe('framework export', () => {
  it('exports pretty JSON that re-imports to the same hash', async () => {
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${id2566}`,
      headers: personas.admin.headers,
    });
    expect(one.statusCode).toBe(200);
    const { hash } = one.json();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${id2566}/export.json`,
      headers: personas.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="framework-DGRS-2566\.json"/);
    expect(res.body).toContain('\n  "code": "DGRS-2566"');
    const again = await importJson(JSON.parse(res.body));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ hash, changed: false });
  });

  it('builds an Excel codebook that opens with the questions, Thai text and option codes', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${id2566}/codebook.xlsx`,
      headers: personas.analyst.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('codebook');
    if (!ws) throw new Error('no codebook sheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['pillar', 'indicator', 'code', 'type', 'text_th', 'option_code', 'show_if', 'maturity']),
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      rows.push(Object.fromEntries(header.map((h) => [h as string, row.getCell(col(h as string)).value])));
    });
    const question = rows.find((r) => r.code === 'DG_STATUS' && r.kind === 'question');
    expect(question).toMatchObject({ pillar: 'P2', indicator: 'P2.1', type: 'single', required: 'yes' });
    expect(String(question?.text_th)).toMatch(/ธรรมาภิบาลข้อมูล/);
    expect(String(question?.maturity)).toContain('DG_STATUS.operating');
    const options = rows.filter((r) => r.code === 'DG_STATUS' && r.kind === 'option').map((r) => r.option_code);
    expect(options).toEqual(['none_plan', 'list_only', 'list_and_plan', 'in_operation']);
    // A follow-up shows its display condition as readable text.
    expect(rows.some((r) => typeof r.show_if === 'string' && /DG_STATUS = in_operation/.test(r.show_if))).toBe(true);
  });

  it('builds a CSV codebook in UTF-8 with a BOM', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${id2566}/codebook.csv`,
      headers: personas.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\n')[0]).toContain('pillar,indicator,code');
    expect(text).toContain('DG_STATUS');
    expect(text).toContain('in_operation');
  });

  it('is closed to respondents and viewers', async () => {
    for (const who of [personas.respondentA, personas.viewerA]) {
      for (const url of [
        '/api/frameworks',
        `/api/frameworks/${id2566}/export.json`,
        `/api/frameworks/${id2566}/codebook.csv`,
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
        expect(res.statusCode, url).toBe(403);
      }
    }
    expect((await importJson(dgrs2566, personas.respondentA.headers)).statusCode).toBe(403);
    expect((await importJson(dgrs2566, personas.analyst.headers)).statusCode).toBe(403);
  });

  it('refuses to replace a framework once a cycle using it has opened (409)', async () => {
    await t.db
      .insertInto('cycles')
      .values({ fiscal_year: 2023, name_th: 'x', name_en: 'x', framework_id: id2566, status: 'open' })
      .execute();
    const changed = clone(dgrs2566) as unknown as { title: { th: string; en: string } };
    changed.title = { th: 'ชื่อใหม่', en: 'New title' };
    const res = await importJson(changed);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
    const list = await t.app.inject({ method: 'GET', url: '/api/frameworks', headers: personas.admin.headers });
    expect(list.json().find((f: { id: number }) => f.id === id2566).frozen).toBe(true);
  });
});
