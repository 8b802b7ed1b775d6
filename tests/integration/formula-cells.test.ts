import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { neutralizeCell, unneutralizeCell } from '@dg/shared/domain/spreadsheet-cells';
import type { Levels } from '@dg/shared/schemas/analytics';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { xlsxBuffer } from '../../server/src/lib/spreadsheet';
import { csvStream, levelsXlsx } from '../../server/src/modules/analytics/analytics.export';
import { tableCsv, tablesXlsx } from '../../server/src/modules/analytics/analytics.tables';
import { codebookCsv, codebookXlsx } from '../../server/src/modules/frameworks/codebook';
import { writeReport } from '../../server/src/modules/imports/imports.service';
import { notSubmittedCsv, notSubmittedXlsx } from '../../server/src/modules/monitoring/monitoring.export';
import { safeCell } from '../../server/src/modules/reports/xlsx';
import { buildAnswersWorkbook } from '../../server/src/modules/responses/export';
import type { TrackFramework } from '../../server/src/modules/responses/framework-cache';
import { insertUser, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Formula injection through every CSV and XLSX writer: hostile text goes in, the files are read
 * back, and no text cell may start (after blanks and control characters) with a formula trigger
 * unless it carries the apostrophe mark. Each hostile string must come back exactly marked.
 */
const HOSTILE = [
  '=cmd|" /C calc"!A0',
  ' =cmd',
  '\n=1+1',
  '\t@SUM(A1)',
  '\r+1',
  '  -2+3',
  '\u00a0=HYPERLINK("http://evil.example")',
  '\u200b=1+1',
  '\u3000=1',
  '\u0001=1',
  '＝1+1',
  '＋1',
  '＠SUM(1)',
  "'=already marked",
];

// Independent of the code under test: what a spreadsheet would run.
const RUNS = /^[\s\p{Cc}\p{Cf}\u3000]*[=+\-@＝＋－＠﹦﹢﹣−]/u;
const NUMBER = /^-?\d+(\.\d+)?$/;
const unsafe = (s: string) => (RUNS.test(s) || /^[\t\r\n]/.test(s)) && !s.startsWith("'") && !NUMBER.test(s);
// XML (inside XLSX) reads a lone CR back as LF, and cannot hold most other control characters.
const lines = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/_x00[01][0-9A-F]_/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is tested
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function hostile(i: number): string {
  return HOSTILE[i % HOSTILE.length] as string;
}

/** Minimal CSV reader (quoted cells, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

async function xlsxCells(payload: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((r) =>
      r.eachCell((c) => {
        if (c.type === ExcelJS.ValueType.Formula) out.push(`FORMULA:${String(c.formula)}`);
        else if (typeof c.value === 'string') out.push(c.value);
      }),
    ),
  );
  return out;
}

/** Every text cell is safe, and each expected hostile string is there, marked. */
function expectNeutralized(cells: string[], expected: string[], what: string) {
  expect(
    cells.filter((c) => unsafe(c) || c.startsWith('FORMULA:')),
    what,
  ).toEqual([]);
  const back = cells.map(lines);
  for (const h of expected) expect(back, `${what}: ${JSON.stringify(h)}`).toContain(lines(`'${h}`));
}

describe('neutralizeCell (shared)', () => {
  it('marks text a spreadsheet would run, after blanks, controls and full-width forms', () => {
    for (const h of HOSTILE) {
      expect(neutralizeCell(h), JSON.stringify(h)).toBe(`'${h}`);
      expect(unneutralizeCell(neutralizeCell(h))).toBe(h);
    }
    for (const ok of ['', 'ไทย', 'a=b', "it's", '1,5', 'x -1', "'plain"]) {
      expect(neutralizeCell(ok)).toBe(ok);
      expect(unneutralizeCell(ok)).toBe(ok);
    }
  });
});

describe('every CSV and XLSX writer', () => {
  it('analytics CSV stream (raw, levels, items) and the monitoring CSV', async () => {
    const columns = ['a', hostile(1), 'c'];
    const rows = HOSTILE.map((h, i) => [h, i, hostile(i + 3)]);
    for (const stream of [csvStream(columns, rows), notSubmittedCsv(rows)]) {
      const cells = parseCsv((await buffer(stream)).toString('utf8')).flat();
      expectNeutralized(cells, HOSTILE, 'csv stream');
    }
  });

  it('aggregate tables (open-data, rates, year over year) as CSV and XLSX', async () => {
    const table = { columns: [hostile(2), 'n', 'flag'], rows: HOSTILE.map((h, i) => [h, -i, i % 2 === 0]) };
    expectNeutralized(parseCsv(tableCsv(table)).flat(), HOSTILE, 'tableCsv');
    expectNeutralized(await xlsxCells(await tablesXlsx({ t: table })), HOSTILE, 'tablesXlsx');
  });

  it('levels XLSX, narrative included', async () => {
    const share = { numerator: 1, denominator: 2, percent: 50 };
    const levels = {
      atLeast: 3,
      overall: { levels: [{ level: 1, count: 1, share }], atLeast: share },
      pillars: HOSTILE.map((h, i) => ({
        key: `p${i}`,
        number: i + 1,
        name: { th: h, en: h },
        levels: [{ level: 1, count: 1, share }],
        atLeast: share,
      })),
      narrative: { th: HOSTILE, en: HOSTILE },
    } as unknown as Levels;
    expectNeutralized(await xlsxCells(await levelsXlsx(levels)), HOSTILE, 'levelsXlsx');
  });

  it('monitoring not-submitted XLSX', async () => {
    const rows = HOSTILE.map((h, i) => [i, h, hostile(i + 1)]);
    expectNeutralized(await xlsxCells(await notSubmittedXlsx(rows)), HOSTILE, 'notSubmittedXlsx');
  });

  it('codebook CSV and XLSX from a framework with hostile titles and question texts', async () => {
    const fw = structuredClone(dgrs2566) as Framework;
    fw.title = { th: hostile(0), en: hostile(1) };
    const questions = fw.pillars.flatMap((p) => p.indicators.flatMap((ind) => ind.questions));
    questions.forEach((q, i) => {
      q.text = { th: hostile(i), en: hostile(i + 1) };
    });
    expectNeutralized(parseCsv(codebookCsv(fw)).flat(), HOSTILE, 'codebookCsv');
    expectNeutralized(await xlsxCells(await codebookXlsx(fw, 'hash')), HOSTILE, 'codebookXlsx');
  });

  it("an agency's answers workbook", async () => {
    const fw = structuredClone(dgrs2566) as Framework;
    const questions = new Map<string, { question: Question; pillarKey: string }>();
    for (const p of fw.pillars)
      for (const ind of p.indicators)
        for (const q of ind.questions) {
          q.text = { th: hostile(questions.size), en: hostile(questions.size + 1) };
          questions.set(q.code, { question: q, pillarKey: p.key });
        }
    const codes = [...questions.keys()];
    const rows = codes.map((code, i) => ({
      response_id: 1,
      question_code: code,
      value: null,
      not_applicable: i % 3 === 0 ? { justification: hostile(i + 2) } : null,
      revision: 1,
      updated_by: 1,
      updated_at: new Date(),
      verification: 'self_reported' as const,
      verification_reason: null,
      verification_comment: null,
      updated_by_name: hostile(i + 5),
    }));
    expect(codes.length).toBeGreaterThanOrEqual(HOSTILE.length);
    const track = { framework: fw, hash: 'h', track: 'department', questions } as unknown as TrackFramework;
    const out = await buildAnswersWorkbook(track, { th: hostile(0), en: hostile(1) }, rows);
    expectNeutralized(await xlsxCells(out), HOSTILE, 'buildAnswersWorkbook');
  });

  it('the report workbook path (safeCell keeps text raw; xlsxBuffer marks it), formulas from data included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Answers');
    ws.addRow(HOSTILE.map(safeCell));
    ws.addRow([{ formula: 'SUM(1,1)' }]);
    const cells = await xlsxCells(await xlsxBuffer(wb));
    expectNeutralized(cells, HOSTILE, 'report xlsx');
    expect(cells).toContain("'=SUM(1,1)");
  });

  it('the import error report CSV', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'dg-formula-'));
    try {
      const id = await writeReport(
        dir,
        1,
        'x.csv',
        HOSTILE.map((h, i) => ({
          row: i + 2,
          column: h,
          agencyCode: h,
          questionCode: null,
          reason: 'bad',
          message: h,
          messages: { th: h, en: h },
        })),
      );
      const text = fs.readFileSync(path.join(dir, 'imports', `${id}.csv`), 'utf8');
      expectNeutralized(parseCsv(text).flat(), HOSTILE, 'import report');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the audit log CSV export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('marks hostile text in every column', async () => {
    await insertUser(t.db, 'auditor@ex.dga.or.th', 'admin');
    const admin = await signIn(t.app, 'auditor@ex.dga.or.th');
    for (const h of HOSTILE) {
      await sql`insert into audit_log (actor_email, ip, action, entity_type, entity_id, before, after)
        values (${h}, null, ${h}, ${h}, ${h}, ${JSON.stringify(h)}::jsonb, null)`.execute(t.db);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.csv', headers: admin.headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const cells = parseCsv(res.body).flat();
    expectNeutralized(cells, HOSTILE, 'audit csv');
  });
});
