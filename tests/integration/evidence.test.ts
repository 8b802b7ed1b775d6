import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Personas, type SignedIn, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { openCycleWithResponse } from '../support/open-cycle';
import { png as makePng } from '../support/sample-files';
import { createTestApp, type TestApp } from '../support/test-app';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  randomBytes(64),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = makePng();

interface Ctx {
  t: TestApp;
  p: Personas;
  responseId: number;
}

async function setup(env: Record<string, string> = {}): Promise<Ctx> {
  const t = await createTestApp(env);
  const p = await setupPersonas(t.app, t.db);
  const { responseId } = await openCycleWithResponse(t, p.respondentA);
  return { t, p, responseId };
}

function upload(
  c: Ctx,
  who: SignedIn,
  file: { name: string; content: Buffer; type?: string },
  questionCode = 'DG_STATUS',
  responseId = c.responseId,
) {
  const body = multipart({ questionCode }, file);
  return c.t.app.inject({
    method: 'POST',
    url: `/api/responses/${responseId}/evidence`,
    headers: { ...who.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Every regular file under a directory (missing directory: none). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile());
}

const evidenceCount = async (c: Ctx) =>
  (await c.t.db.selectFrom('evidence').select('id').where('response_id', '=', c.responseId).execute()).length;

describe('evidence files', () => {
  let c: Ctx;
  beforeAll(async () => {
    c = await setup();
  });
  afterAll(async () => c.t.close());

  it('stores a PDF by its SHA-256, and downloads it as an attachment with the sniffed type', async () => {
    const res = await upload(c, c.p.respondentA, { name: 'แผนธรรมาภิบาล 2566.pdf', content: PDF, type: 'text/html' });
    expect(res.statusCode, res.body).toBe(201);
    const ev = res.json();
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(ev).toMatchObject({
      kind: 'file',
      mime: 'application/pdf',
      size: PDF.length,
      sha256: sha,
      questionCode: 'DG_STATUS',
    });
    expect(ev.fileName).toBe('แผนธรรมาภิบาล 2566.pdf');
    const files = filesUnder(c.t.config.storageDir);
    expect(files.map((f) => path.basename(f))).toEqual([sha]);

    for (const who of [c.p.respondentA, c.p.viewerA, c.p.analyst, c.p.admin]) {
      const dl = await c.t.app.inject({ method: 'GET', url: `/api/evidence/${ev.id}/download`, headers: who.headers });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="/);
      expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''");
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    }
    const other = await c.t.app.inject({
      method: 'GET',
      url: `/api/evidence/${ev.id}/download`,
      headers: c.p.respondentB.headers,
    });
    expect(other.statusCode).toBe(403);

    const detail = await c.t.app.inject({
      method: 'GET',
      url: `/api/responses/${c.responseId}`,
      headers: c.p.viewerA.headers,
    });
    expect(detail.json().evidence.map((e: { id: string }) => e.id)).toContain(ev.id);
    const audit = await c.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'evidence.upload').execute();
    expect(audit).toHaveLength(1);
  });

  it('recognizes images and Office documents by content', async () => {
    // The name's extension must agree with the bytes (a PNG named .pdf is 415: evidence-hostile.test.ts).
    const image = await upload(c, c.p.respondentA, { name: 'chart.png', content: PNG });
    expect(image.statusCode).toBe(201);
    expect(image.json().mime).toBe('image/png');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow([1, 2, 3]);
    const xlsx = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const x = await upload(c, c.p.respondentA, { name: 'data.xlsx', content: xlsx });
    expect(x.statusCode, x.body).toBe(201);
    expect(x.json().mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const csv = await upload(c, c.p.respondentA, { name: 'list.csv', content: Buffer.from('code,name\n1,ข้อมูล\n') });
    expect(csv.statusCode).toBe(201);
    expect(csv.json().mime).toBe('text/csv');
  });

  it('previews images and PDFs inline in a sandbox, with the download access rules, and nothing else', async () => {
    const png = await upload(c, c.p.respondentA, { name: 'ผัง.png', content: PNG });
    const pdf = await upload(c, c.p.respondentA, { name: 'order.pdf', content: PDF });
    const csv = await upload(c, c.p.respondentA, { name: 'list.csv', content: Buffer.from('code,name\n1,x\n') });
    const link = await c.t.app.inject({
      method: 'POST',
      url: `/api/responses/${c.responseId}/evidence-url`,
      headers: c.p.respondentA.headers,
      payload: { questionCode: 'DG_STATUS', url: 'https://agency.go.th/evidence' },
    });
    for (const r of [png, pdf, csv, link]) expect(r.statusCode, r.body).toBe(201);
    const preview = (id: string, who: SignedIn) =>
      c.t.app.inject({ method: 'GET', url: `/api/evidence/${id}/preview`, headers: who.headers });

    for (const [ev, content, type] of [
      [png, PNG, 'image/png'],
      [pdf, PDF, 'application/pdf'],
    ] as const) {
      for (const who of [c.p.respondentA, c.p.viewerA, c.p.analyst, c.p.admin]) {
        const res = await preview(ev.json().id, who);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.rawPayload.equals(content)).toBe(true);
        expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename=/);
        expect(res.headers['content-security-policy']).toBe('sandbox');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toContain('no-store');
      }
    }
    expect(String((await preview(png.json().id, c.p.respondentA)).headers['content-disposition'])).toContain(
      "filename*=UTF-8''%E0%B8%9C%E0%B8%B1%E0%B8%87.png",
    );
    // Another agency gets nothing; no token, nothing.
    expect((await preview(pdf.json().id, c.p.respondentB)).statusCode).toBe(403);
    const anonymous = await c.t.app.inject({ method: 'GET', url: `/api/evidence/${pdf.json().id}/preview` });
    expect(anonymous.statusCode).toBe(401);
    // A CSV (or any type a browser might run or mis-render) is never served inline.
    const refused = await preview(csv.json().id, c.p.respondentA);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect((await preview(link.json().id, c.p.respondentA)).statusCode).toBe(404);
  });

  it('refuses executables, HTML and SVG whatever their name, storing nothing', async () => {
    const rowsBefore = await evidenceCount(c);
    const filesBefore = filesUnder(c.t.config.storageDir).length;
    const cases = [
      { name: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), randomBytes(200)]) },
      { name: 'report.pdf', content: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') },
      { name: 'notes.txt', content: Buffer.from('<html><body onload="alert(1)"></body></html>') },
      {
        name: 'logo.svg',
        content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      },
      { name: 'archive.zip', content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(100)]) },
      { name: 'empty.pdf', content: Buffer.alloc(0) },
    ];
    for (const file of cases) {
      const res = await upload(c, c.p.respondentA, file);
      expect(res.statusCode, file.name).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await evidenceCount(c)).toBe(rowsBefore);
    expect(filesUnder(c.t.config.storageDir).length).toBe(filesBefore);
  });

  it('stores a path-traversal file name safely', async () => {
    const content = Buffer.concat([PDF, randomBytes(8)]);
    const res = await upload(c, c.p.respondentA, { name: '../../../etc/passwd.pdf', content });
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('passwd.pdf');
    const win = await upload(c, c.p.respondentA, { name: '..\\..\\windows\\evil.pdf', content });
    expect(win.json().fileName).toBe('evil.pdf');
    const dots = await upload(c, c.p.respondentA, { name: '...', content });
    expect(dots.json().fileName).toBe('evidence.pdf');
    // Content lives only under the storage directory, named by its hash.
    for (const f of filesUnder(c.t.config.storageDir)) expect(path.basename(f)).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(c.t.config.dataDir, 'passwd.pdf'))).toBe(false);
  });

  it('accepts http(s) links only', async () => {
    const link = (url: string) =>
      c.t.app.inject({
        method: 'POST',
        url: `/api/responses/${c.responseId}/evidence-url`,
        headers: c.p.respondentA.headers,
        payload: { questionCode: 'DG_STATUS', url },
      });
    const ok = await link('https://data.go.th/dataset/abc');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'url', url: 'https://data.go.th/dataset/abc' });
    for (const bad of ['javascript:alert(1)', 'ftp://files.go.th/x', 'data:text/html,hi', 'not a url']) {
      expect((await link(bad)).statusCode, bad).toBe(400);
    }
    const dl = await c.t.app.inject({
      method: 'GET',
      url: `/api/evidence/${ok.json().id}/download`,
      headers: c.p.respondentA.headers,
    });
    expect(dl.statusCode).toBe(404);
  });

  it('keeps other agencies and viewers from attaching or deleting', async () => {
    const b = await upload(c, c.p.respondentB, { name: 'x.pdf', content: PDF });
    expect(b.statusCode).toBe(403);
    const v = await upload(c, c.p.viewerA, { name: 'x.pdf', content: PDF });
    expect(v.statusCode).toBe(403);
    const ev = (await upload(c, c.p.respondentA, { name: 'keep.pdf', content: PDF })).json();
    for (const who of [c.p.respondentB, c.p.viewerA]) {
      const del = await c.t.app.inject({ method: 'DELETE', url: `/api/evidence/${ev.id}`, headers: who.headers });
      expect(del.statusCode).toBe(403);
    }
  });

  it('deletes evidence, removing the file once nothing refers to it', async () => {
    const content = Buffer.concat([PDF, Buffer.from('unique-to-delete')]);
    const sha = createHash('sha256').update(content).digest('hex');
    const first = (await upload(c, c.p.respondentA, { name: 'a.pdf', content })).json();
    const second = (await upload(c, c.p.respondentA, { name: 'b.pdf', content })).json();
    const has = () => filesUnder(c.t.config.storageDir).some((f) => path.basename(f) === sha);
    expect(has()).toBe(true);
    const del1 = await c.t.app.inject({
      method: 'DELETE',
      url: `/api/evidence/${first.id}`,
      headers: c.p.respondentA.headers,
    });
    expect(del1.statusCode).toBe(200);
    expect(has()).toBe(true);
    await c.t.app.inject({ method: 'DELETE', url: `/api/evidence/${second.id}`, headers: c.p.respondentA.headers });
    expect(has()).toBe(false);
    const again = await c.t.app.inject({
      method: 'DELETE',
      url: `/api/evidence/${second.id}`,
      headers: c.p.respondentA.headers,
    });
    expect(again.statusCode).toBe(404);
    const audit = await c.t.db.selectFrom('audit_log').selectAll().where('action', '=', 'evidence.delete').execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses uploads once the response is submitted', async () => {
    await c.t.db.updateTable('responses').set({ status: 'submitted' }).where('id', '=', c.responseId).execute();
    const res = await upload(c, c.p.respondentA, { name: 'late.pdf', content: PDF });
    expect(res.statusCode).toBe(409);
    const ev = await c.t.db
      .selectFrom('evidence')
      .select('id')
      .where('response_id', '=', c.responseId)
      .executeTakeFirstOrThrow();
    const del = await c.t.app.inject({
      method: 'DELETE',
      url: `/api/evidence/${ev.id}`,
      headers: c.p.respondentA.headers,
    });
    expect(del.statusCode).toBe(409);
    await c.t.db.updateTable('responses').set({ status: 'in_progress' }).where('id', '=', c.responseId).execute();
  });
});

describe('upload limits and storage failures', () => {
  it('refuses a file over MAX_UPLOAD_MB with 413, storing nothing', async () => {
    const c = await setup({ MAX_UPLOAD_MB: '1' });
    try {
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await upload(c, c.p.respondentA, { name: 'big.pdf', content: big });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await evidenceCount(c)).toBe(0);
      expect(filesUnder(c.t.config.storageDir)).toEqual([]);
      const small = await upload(c, c.p.respondentA, { name: 'small.pdf', content: PDF });
      expect(small.statusCode).toBe(201);
    } finally {
      await c.t.close();
    }
  });

  it('answers 507 when storage cannot be written, leaving no orphan row', async () => {
    // Root ignores directory permissions, so make mkdir fail: the storage path runs through a regular file.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-storage-'));
    const blocker = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(blocker, 'x');
    const c = await setup({ STORAGE_DIR: path.join(blocker, 'evidence') });
    try {
      const res = await upload(c, c.p.respondentA, { name: 'x.pdf', content: PDF });
      expect(res.statusCode).toBe(507);
      expect(res.json().error.code).toBe('STORAGE_FAILED');
      expect(await evidenceCount(c)).toBe(0);
    } finally {
      await c.t.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
