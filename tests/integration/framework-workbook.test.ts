import { workbookToFramework } from '@dg/shared/domain/framework-workbook-import';
import { SHEET_SPECS } from '@dg/shared/domain/framework-workbook-sheets';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { readFrameworkWorkbook } from '../../server/src/modules/frameworks/framework-workbook';
import { frameworkHash } from '../../server/src/modules/frameworks/frameworks.repository';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { type Personas, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let personas: Personas;
let id2565: number;
let id2566: number;
let hash2566: string;

const importJson = (payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/frameworks/import',
    headers: personas.admin.headers,
    payload: payload as object,
  });

const exportXlsx = async (id: number) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/frameworks/${id}/export.xlsx`,
    headers: personas.analyst.headers,
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.rawPayload;
};

const uploadXlsx = (content: Buffer, url = '/api/frameworks/import.xlsx') => {
  const { payload, contentType } = multipart({}, { name: 'framework.xlsx', content });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...personas.admin.headers, 'content-type': contentType },
    payload,
  });
};

const letterOf = (sheet: keyof typeof SHEET_SPECS, key: string) =>
  String.fromCharCode(65 + SHEET_SPECS[sheet].columns.findIndex((c) => c.key === key));

beforeAll(async () => {
  t = await createTestApp();
  personas = await setupPersonas(t.app, t.db);
  const a = await importJson(dgrs2565);
  expect(a.statusCode).toBe(201);
  id2565 = a.json().id;
  const b = await importJson(dgrs2566);
  expect(b.statusCode).toBe(201);
  id2566 = b.json().id;
  hash2566 = b.json().hash;
});
afterAll(async () => t.close());

describe('framework workbook round trip', () => {
  it('exports 2566 to XLSX and imports it back as the identical framework (same content hash)', async () => {
    const buffer = await exportXlsx(id2566);
    // The workbook read back gives the same document, hash for hash.
    const back = workbookToFramework(await readFrameworkWorkbook(buffer), {
      previous: (await loadFramework(t.db, id2565)).framework,
    });
    if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 5)));
    expect(frameworkHash(back.framework)).toBe(hash2566);
    // Through the API: the same code and the same hash, so nothing is stored anew.
    const res = await uploadXlsx(buffer);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: id2566, code: dgrs2566.code, hash: hash2566, changed: false });
  });

  it('round-trips 2565 as well', async () => {
    const back = workbookToFramework(await readFrameworkWorkbook(await exportXlsx(id2565)));
    if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 5)));
    expect(frameworkHash(back.framework)).toBe((await loadFramework(t.db, id2565)).hash);
  });

  it('refuses a workbook with three planted mistakes, naming each cell by sheet, row and column, in Thai', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(id2566)) as unknown as ArrayBuffer);
    const plant = (
      sheet: keyof typeof SHEET_SPECS,
      key: string,
      value: string | number,
      pick: (r: ExcelJS.Row) => boolean,
    ) => {
      const ws = wb.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet}`);
      const col = SHEET_SPECS[sheet].columns.findIndex((c) => c.key === key) + 1;
      for (let n = 3; n <= ws.rowCount; n++) {
        const row = ws.getRow(n);
        if (pick(row)) {
          row.getCell(col).value = value;
          return n;
        }
      }
      throw new Error(`nothing to plant in ${sheet}`);
    };
    const typeRow = plant('questions', 'type', 'singel', (r) => r.getCell(3).value === 'single');
    const levelRow = plant('options', 'level', 9, (r) => typeof r.getCell(8).value === 'number');
    const requiredRow = plant('criteria', 'required', 'บางที', () => true);
    const res = await uploadXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('FRAMEWORK_INVALID');
    const issues = body.error.details as { sheet: string; row: number; column: string; messageTh: string }[];
    expect(issues.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual(
      expect.arrayContaining([
        { sheet: 'questions', row: typeRow, column: letterOf('questions', 'type') },
        { sheet: 'options', row: levelRow, column: letterOf('options', 'level') },
        { sheet: 'criteria', row: requiredRow, column: letterOf('criteria', 'required') },
      ]),
    );
    expect(issues).toHaveLength(3);
    for (const i of issues) expect(i.messageTh).toMatch(new RegExp(`^ชีต "${i.sheet}" แถว ${i.row} คอลัมน์ ${i.column} `));
    // Nothing changed.
    expect((await loadFramework(t.db, id2566)).hash).toBe(hash2566);
  });

  it('places a problem the validator finds across sheets on the cell that causes it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(id2566)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('conditions');
    if (!ws) throw new Error('no conditions sheet');
    const reads = SHEET_SPECS.conditions.columns.findIndex((c) => c.key === 'reads') + 1;
    let planted = 0;
    for (let n = 3; n <= ws.rowCount && planted === 0; n++) {
      if (ws.getRow(n).getCell(reads).value) {
        ws.getRow(n).getCell(reads).value = 'NO_SUCH_QUESTION';
        planted = n;
      }
    }
    const res = await uploadXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'conditions', row: planted, column: letterOf('conditions', 'reads') }),
      ]),
    );
  });

  it('names an unknown condition operator on its own cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(id2566)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('conditions');
    if (!ws) throw new Error('no conditions sheet');
    const op = SHEET_SPECS.conditions.columns.findIndex((c) => c.key === 'op') + 1;
    let planted = 0;
    for (let n = 3; n <= ws.rowCount && planted === 0; n++) {
      // A comparison that is the whole condition (node 1), so the refusal has one place to name.
      if (ws.getRow(n).getCell(op).value && ws.getRow(n).getCell(3).value === '1') {
        ws.getRow(n).getCell(op).value = 'equals';
        planted = n;
      }
    }
    const res = await uploadXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.details as { sheet: string; row: number; column: string; code: string }[];
    expect(issues).toEqual([
      expect.objectContaining({
        sheet: 'conditions',
        row: planted,
        column: letterOf('conditions', 'op'),
        code: 'condition_op',
      }),
    ]);
  });

  it('refuses a file that is not a workbook, and a workbook for another framework on a draft', async () => {
    const junk = await uploadXlsx(Buffer.from('not a zip at all'));
    expect(junk.statusCode).toBe(422);
    expect(junk.json().error.details[0].messageTh).toContain('.xlsx');
    const other = await uploadXlsx(await exportXlsx(id2565), `/api/frameworks/${id2566}/import.xlsx`);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details[0]).toMatchObject({ sheet: 'framework', code: 'code_mismatch', column: 'B' });
  });

  it('refuses a workbook that unpacks beyond the limit (zip bomb) with 413 before reading it', async () => {
    // A real exported workbook plus one part of 80 MB of zeros: under 100 KB uploaded.
    const zip = await JSZip.loadAsync(await exportXlsx(id2565));
    zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await uploadXlsx(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json().error.message).toMatch(/unpacked/);
    // The same workbook without the padding still imports.
    const ok = await uploadXlsx(await exportXlsx(id2565));
    expect(ok.statusCode).toBe(201);
  }, 120_000);

  it('refuses a bomb whose part declares a small size but inflates far beyond it', async () => {
    const zip = await JSZip.loadAsync(await exportXlsx(id2565));
    zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // The part's declared (uncompressed) size, in its local header and the central directory, says 1 KB.
    const name = Buffer.from('xl/media/padding.bin');
    for (let at = bomb.indexOf(name); at >= 0; at = bomb.indexOf(name, at + 1)) {
      if (bomb.readUInt32LE(at - 30) === 0x04034b50) bomb.writeUInt32LE(1024, at - 30 + 22);
      if (bomb.readUInt32LE(at - 46) === 0x02014b50) bomb.writeUInt32LE(1024, at - 46 + 24);
    }
    const res = await uploadXlsx(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/declares/);
  }, 120_000);

  it('lets only administrators import a workbook', async () => {
    const { payload, contentType } = multipart({}, { name: 'f.xlsx', content: await exportXlsx(id2566) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/frameworks/import.xlsx',
      headers: { ...personas.analyst.headers, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(403);
  });
});
