import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { downloadBuilt } from '../support/background-download';
import { insertAgency, insertUser, type SignedIn, signIn } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let frameworkId: number;
let cycleA: number;

const BOM = '\uFEFF';

function upload(cycleId: number, name: string, content: Buffer | string, who: SignedIn = admin) {
  const m = multipart({}, { name, content: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  return t.app.inject({
    method: 'POST',
    url: `/api/admin/cycles/${cycleId}/import`,
    headers: { ...who.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

const HEADER = ['agency_code', 'question_code', 'value', 'not_applicable_justification', 'verification'];
/** Row numbers in the file: the header is row 1, so GOOD[0] is row 2. */
const GOOD: string[][] = [
  ['D01', 'POL_DG_PLAN', 'approved', '', ''],
  ['D01', 'POL_PLAN_ALIGNMENT', '["national_strategy","ministry_plan"]', '', ''],
  ['D01', 'POL_DIGITAL_BUDGET_SHARE', '12.5', '', 'verified'],
  ['D01', 'POL_PLAN_REVIEW', '{"plan_progress":"yearly","digital_risks":"never"}', '', ''],
  ['D01', 'OD_USER_SURVEY_REASON', '{"choice":"other","other":"งบประมาณไม่เพียงพอ, ยังไม่ได้ทำ"}', '', ''],
  ['D02', 'DG_STATUS', 'in_operation', '', ''], // row 7
  ['D02', 'TX_DIGITAL_THIS_YEAR', '', 'ไม่มีบริการที่เป็นธุรกรรม', ''],
  ['D03', 'POL_CIO', 'yes', '', ''], // row 9
  ['P01', 'PV_COMMITTEE', 'yes', '', ''],
  ['P01', 'PV_COMMITTEE_MEETINGS', '4', '', ''],
];
const EXPECTED_ANSWERS: Record<string, Record<string, unknown>> = {
  D01: {
    POL_DG_PLAN: 'approved',
    POL_PLAN_ALIGNMENT: ['national_strategy', 'ministry_plan'],
    POL_DIGITAL_BUDGET_SHARE: 12.5,
    POL_PLAN_REVIEW: { plan_progress: 'yearly', digital_risks: 'never' },
    OD_USER_SURVEY_REASON: { choice: 'other', other: 'งบประมาณไม่เพียงพอ, ยังไม่ได้ทำ' },
  },
  D02: { DG_STATUS: 'in_operation', TX_DIGITAL_THIS_YEAR: null },
  D03: { POL_CIO: 'yes' },
  P01: { PV_COMMITTEE: 'yes', PV_COMMITTEE_MEETINGS: 4 },
};

async function newCycle(fiscalYear: number, status: 'draft' | 'open' | 'closed' | 'published' = 'closed') {
  const row = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: fiscalYear,
      name_th: `ปี ${fiscalYear + 543}`,
      name_en: `${fiscalYear}`,
      framework_id: frameworkId,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** agency code -> question code -> value, for a cycle. */
async function answersOf(cycleId: number) {
  const rows = await t.db
    .selectFrom('answers as ans')
    .innerJoin('responses as r', 'r.id', 'ans.response_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['a.code', 'ans.question_code', 'ans.value', 'ans.not_applicable', 'ans.revision', 'ans.verification'])
    .where('r.cycle_id', '=', cycleId)
    .execute();
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows) {
    out[r.code] ??= {};
    (out[r.code] as Record<string, unknown>)[r.question_code] = r.value;
  }
  return { map: out, rows };
}

async function counts(cycleId: number) {
  const one = async (table: 'responses' | 'result_snapshots') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('cycle_id', '=', cycleId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const answers = Number(
    (
      await t.db
        .selectFrom('answers as ans')
        .innerJoin('responses as r', 'r.id', 'ans.response_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('r.cycle_id', '=', cycleId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { responses: await one('responses'), snapshots: await one('result_snapshots'), answers };
}

beforeAll(async () => {
  t = await createTestApp();
  const imported = await importFramework(t.db, dgrs2565, { userId: null, email: null, ip: null });
  frameworkId = imported.row.id;
  for (const code of ['D01', 'D02', 'D03']) await insertAgency(t.db, code, 'department');
  await insertAgency(t.db, 'P01', 'province');
  await insertUser(t.db, 'admin@test.go.th', 'admin');
  await insertUser(t.db, 'analyst@test.go.th', 'analyst');
  admin = await signIn(t.app, 'admin@test.go.th');
  analyst = await signIn(t.app, 'analyst@test.go.th');
  cycleA = await newCycle(2022);
});
afterAll(async () => t?.close());

describe('historical import', () => {
  it('imports a long CSV as submitted responses with answers and snapshots', async () => {
    const res = await upload(cycleA, 'history-2565.csv', BOM + csv([HEADER, ...GOOD]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ format: 'long', agencies: 4, answers: 10, created: 4, replaced: 0, unchanged: 0 });

    const { map, rows } = await answersOf(cycleA);
    expect(map).toEqual(EXPECTED_ANSWERS);
    expect(rows.every((r) => r.revision === 1)).toBe(true);
    expect(rows.find((r) => r.question_code === 'POL_DIGITAL_BUDGET_SHARE')?.verification).toBe('verified');
    expect(rows.find((r) => r.question_code === 'TX_DIGITAL_THIS_YEAR')?.not_applicable).toEqual({
      justification: 'ไม่มีบริการที่เป็นธุรกรรม',
    });

    const responses = await t.db.selectFrom('responses').selectAll().where('cycle_id', '=', cycleA).execute();
    expect(responses.map((r) => r.status)).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    const snaps = await t.db.selectFrom('result_snapshots').selectAll().where('cycle_id', '=', cycleA).execute();
    expect(snaps).toHaveLength(4);
    expect(snaps.every((s) => s.reason === 'import' && s.revision === 1 && s.is_current)).toBe(true);

    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.responses').execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]?.meta as { sha256?: string } | undefined)?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit[0]?.after).toMatchObject({ created: 4 });
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await counts(cycleA);
    const res = await upload(cycleA, 'history-2565.csv', BOM + csv([HEADER, ...GOOD]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ agencies: 4, created: 0, replaced: 0, unchanged: 4 });
    expect(await counts(cycleA)).toEqual(before);
    const { rows } = await answersOf(cycleA);
    expect(rows.every((r) => r.revision === 1)).toBe(true);
    const maxRev = await t.db
      .selectFrom('result_snapshots')
      .select((eb) => eb.fn.max<number>('revision').as('m'))
      .where('cycle_id', '=', cycleA)
      .executeTakeFirstOrThrow();
    expect(Number(maxRev.m)).toBe(1);
  });

  it('rejects a file with errors, writes nothing, and offers the full report', async () => {
    const before = await counts(cycleA);
    const bad = GOOD.map((r) => [...r]);
    (bad[5] as string[])[2] = 'bogus_status'; // row 7: invalid value
    (bad[7] as string[])[0] = 'ZZ99'; // row 9: unknown agency
    const res = await upload(cycleA, 'broken.csv', csv([HEADER, ...bad]));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('IMPORT_INVALID');
    expect(body.error.details.total).toBe(2);
    expect(body.error.details.errors).toEqual([
      expect.objectContaining({
        row: 7,
        column: 'value',
        agencyCode: 'D02',
        questionCode: 'DG_STATUS',
        reason: 'invalid_value',
        messages: { th: expect.any(String), en: expect.stringContaining('bogus_status') },
      }),
      expect.objectContaining({
        row: 9,
        column: 'agency_code',
        agencyCode: 'ZZ99',
        reason: 'unknown_agency',
        messages: { th: expect.stringContaining('ZZ99'), en: expect.stringContaining('ZZ99') },
      }),
    ]);
    expect(await counts(cycleA)).toEqual(before);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/admin/imports/${body.error.details.reportId}/errors.csv`,
      headers: admin.headers,
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = report.body.replace(BOM, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('row,column,agency_code,question_code,reason,message_th,message_en');
    expect(lines[1]).toMatch(/^7,value,D02,DG_STATUS,invalid_value,/);
    expect(lines[2]).toMatch(/^9,agency_code,ZZ99,/);

    // Admin only, and unknown report ids are 404.
    const asAnalyst = await t.app.inject({
      method: 'GET',
      url: `/api/admin/imports/${body.error.details.reportId}/errors.csv`,
      headers: analyst.headers,
    });
    expect(asAnalyst.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/admin/imports/../../jwt-secret/errors.csv',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('reports track, duplicate, unknown-question and not-applicable errors by row and column', async () => {
    const res = await upload(
      cycleA,
      'more.csv',
      csv([
        HEADER,
        ['P01', 'POL_CIO', 'yes', '', ''], // department-only question
        ['D01', 'POL_DG_PLAN', 'approved', '', ''],
        ['D01', 'POL_DG_PLAN', 'drafting', '', ''], // duplicate of row 3
        ['D01', 'NOPE', '1', '', ''],
        ['D01', 'POL_CIO', '', 'n/a', ''], // not-applicable not allowed
        ['D01', 'POL_DG_PLAN_X', '', '', ''],
        ['D03', 'POL_PLAN_ALIGNMENT', '[not json', '', ''],
        ['D03', 'POL_CIO', 'yes', '', 'maybe'],
      ]),
    );
    expect(res.statusCode).toBe(422);
    const errs = res.json().error.details.errors as { row: number; column: string; reason: string }[];
    expect(errs.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'question_code', 'not_in_track'],
      [4, 'question_code', 'duplicate'],
      [5, 'question_code', 'unknown_question'],
      [6, 'not_applicable_justification', 'na_not_allowed'],
      [7, 'question_code', 'unknown_question'],
      [8, 'value', 'invalid_json'],
      [9, 'verification', 'invalid_verification'],
    ]);
  });

  it('round-trips the raw wide export into a fresh cycle', async () => {
    const exported = await downloadBuilt(t.app, `/api/analytics/cycles/${cycleA}/raw/wide.csv`, admin.headers);
    const cycleB = await newCycle(2021);
    const res = await upload(cycleB, 'raw-wide.csv', exported.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'wide', agencies: 4, created: 4 });
    // The wide format has no "not applicable": everything else comes back as it was.
    const expected = structuredClone(EXPECTED_ANSWERS);
    delete (expected.D02 as Record<string, unknown>).TX_DIGITAL_THIS_YEAR;
    expect((await answersOf(cycleB)).map).toEqual(expected);

    const again = await upload(cycleB, 'raw-wide.csv', exported.rawPayload);
    expect(again.json()).toMatchObject({ created: 0, replaced: 0, unchanged: 4 });

    // Back into the source cycle: nothing changes, and the not-applicable answer the wide format
    // cannot carry is kept.
    const wideBack = await upload(cycleA, 'raw-wide.csv', exported.rawPayload);
    expect(wideBack.json()).toMatchObject({ format: 'wide', created: 0, replaced: 0, unchanged: 4 });
    expect((await answersOf(cycleA)).map).toEqual(EXPECTED_ANSWERS);

    // The long export comes back too (into the same cycle: nothing changes).
    const long = await downloadBuilt(t.app, `/api/analytics/cycles/${cycleA}/raw/long.csv`, admin.headers);
    const back = await upload(cycleA, 'raw-long.csv', long.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ format: 'long', unchanged: 4, created: 0, replaced: 0 });
  });

  it('imports an XLSX workbook and replaces changed answers', async () => {
    const cycleC = await newCycle(2020);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('answers');
    ws.addRow(['agency_code', 'question_code', 'value']);
    ws.addRow(['D01', 'POL_DG_PLAN', 'drafting']);
    ws.addRow(['D01', 'DG_DATASET_COUNT', 42]);
    ws.addRow(['D02', 'POL_CIO', 'no']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(cycleC, 'history.xlsx', content);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ agencies: 2, answers: 3, created: 2 });
    expect((await answersOf(cycleC)).map).toEqual({
      D01: { POL_DG_PLAN: 'drafting', DG_DATASET_COUNT: 42 },
      D02: { POL_CIO: 'no' },
    });

    // A corrected file: D01 changes, D02 stays. The answer revision and the snapshot move on.
    ws.getCell('C2').value = 'approved';
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const res2 = await upload(cycleC, 'history.xlsx', fixed);
    expect(res2.json()).toMatchObject({ created: 0, replaced: 1, unchanged: 1 });
    const { rows } = await answersOf(cycleC);
    expect(rows.find((r) => r.question_code === 'POL_DG_PLAN')).toMatchObject({ value: 'approved', revision: 2 });
    const snaps = await t.db
      .selectFrom('result_snapshots')
      .select(['revision', 'is_current'])
      .where('cycle_id', '=', cycleC)
      .orderBy('revision')
      .execute();
    expect(snaps).toHaveLength(3);
    expect(snaps.filter((s) => s.is_current)).toHaveLength(2);
  });

  it('imports into a draft or closed cycle only: an open or published cycle is refused and left untouched', async () => {
    const draft = await newCycle(2019, 'draft');
    const ok = await upload(draft, 'history.csv', csv([HEADER, ...GOOD]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ created: 4 });

    // Open: agencies are answering. Published: official results; corrections go through review.
    for (const [status, year, th, en] of [
      ['open', 2018, 'ปิดรอบก่อน', 'close the cycle first'],
      ['published', 2017, 'เผยแพร่แล้ว', 'as a correction'],
    ] as const) {
      const cycleId = await newCycle(year, status);
      const res = await upload(cycleId, 'history.csv', csv([HEADER, ...GOOD]));
      expect(res.statusCode, res.body).toBe(409);
      const err = res.json().error;
      expect(err.code).toBe('INVALID_STATE');
      expect(err.message).toContain(en);
      expect(err.details).toMatchObject({ cycleStatus: status, allowed: ['draft', 'closed'] });
      expect(err.details.messages.th).toContain(th);
      expect(err.details.messages.en).toContain(en);
      expect(await counts(cycleId)).toEqual({ responses: 0, snapshots: 0, answers: 0 });
    }
  });

  it('refuses to change the published results of a cycle that had been imported while closed', async () => {
    const cycleId = await newCycle(2016, 'closed');
    expect((await upload(cycleId, 'history.csv', csv([HEADER, ...GOOD]))).statusCode).toBe(200);
    const published = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${cycleId}`,
      headers: admin.headers,
      payload: { status: 'published' },
    });
    expect(published.statusCode, published.body).toBe(200);
    const snapshots = () =>
      t.db
        .selectFrom('result_snapshots')
        .select(['id', 'revision', 'published', 'is_current', 'verified_overall'])
        .where('cycle_id', '=', cycleId)
        .orderBy('id')
        .execute();
    const before = await counts(cycleId);
    const { rows: beforeRows } = await answersOf(cycleId);
    const beforeSnaps = await snapshots();
    expect(beforeSnaps.filter((s) => s.is_current).every((s) => s.published)).toBe(true);

    const changed = GOOD.map((r) => [...r]);
    (changed[0] as string[])[2] = 'drafting';
    const res = await upload(cycleId, 'history-fixed.csv', csv([HEADER, ...changed]));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.details.cycleStatus).toBe('published');
    expect(await counts(cycleId)).toEqual(before);
    expect((await answersOf(cycleId)).rows).toEqual(beforeRows);
    expect(await snapshots()).toEqual(beforeSnaps);
  });

  it('refuses a CSV with text after a closing quote, naming its row, and writes nothing', async () => {
    const before = await counts(cycleA);
    // `"D03"x` is not RFC 4180: a lenient reader would take it as `D03x` (or the old one's `D03x`).
    const body = `${HEADER.join(',')}\r\nD01,POL_CIO,yes,,\r\n"D03"x,POL_CIO,yes,,\r\n`;
    const res = await upload(cycleA, 'bad-quotes.csv', body);
    expect(res.statusCode, res.body).toBe(400);
    const { error: err } = res.json() as {
      error: { message: string; details: { message: string; messages: { th: string; en: string } }[] };
    };
    expect(err.message).toContain('row 3');
    expect(err.details[0]?.messages.th).toContain('แถวที่ 3');
    expect(err.details[0]?.message).toMatch(/quote/i);
    expect(await counts(cycleA)).toEqual(before);
  });

  it('refuses non-admins and requests without a file', async () => {
    const res = await upload(cycleA, 'x.csv', csv([HEADER, ...GOOD]), analyst);
    expect(res.statusCode).toBe(403);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycleA}/import`,
      headers: admin.headers,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const nope = await upload(999999, 'x.csv', csv([HEADER, ...GOOD]));
    expect(nope.statusCode).toBe(404);
  });
});
