import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Framework } from '@dg/shared/schemas/framework';
import type { ResultsDashboard } from '@dg/shared/schemas/report';
import { REJECTION_REASONS } from '@dg/shared/schemas/review';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfPrinter } from '../../server/src/modules/reports/pdf';
import { esc, pageTemplates, reportHtml, sarabunFontFaces } from '../../server/src/modules/reports/report-html';
import { hasBrowser, launchBrowser } from '../support/browser';
import { insertUser, signIn } from '../support/fixtures';
import {
  frameworkWithAction,
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  LONG_THAI_ACTION,
  pillarQuestionCodes,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const OPS = 'สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม';
const DBD = 'กรมพัฒนาธุรกิจการค้า';
const HEADMAN = 'ผู้ใหญ่บ้าน';
const REASON = 'evidence_no_action';
const COMMENT = `${HEADMAN}ยืนยันหลักฐานไม่ได้`;
const shotDir = process.env.SCREENSHOT_DIR;

/** Parses a binary PGM (P5) as pdftoppm -gray writes it. */
function readPgm(file: string) {
  const buf = fs.readFileSync(file);
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, data: buf.subarray(m[0].length, m[0].length + width * height) };
}

/** Ink (dark pixel) mask cropped to its bounding box. */
function inkMask(gray: (x: number, y: number) => number, width: number, height: number) {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (gray(x, y) < 128) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const mask = new Uint8Array(Math.max(0, w * h));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) mask[y * w + x] = gray(x0 + x, y0 + y) < 128 ? 1 : 0;
  return { w, h, mask };
}

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
}

/** Connected ink regions (8-neighbour, gray < 128) of a PGM inside a rectangle, in page pixels. */
function inkBlobs(pgm: ReturnType<typeof readPgm>, left: number, top: number, right: number, bottom: number) {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const w = Math.min(pgm.width, right) - x0;
  const h = Math.min(pgm.height, bottom) - y0;
  const ink = (x: number, y: number) => (pgm.data[(y0 + y) * pgm.width + x0 + x] as number) < 128;
  const seen = new Uint8Array(w * h);
  const blobs: Blob[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (seen[y * w + x] || !ink(x, y)) continue;
      const b: Blob = { x0: x, y0: y, x1: x, y1: y, area: 0 };
      const stack: [number, number][] = [[x, y]];
      seen[y * w + x] = 1;
      while (stack.length) {
        const [px, py] = stack.pop() as [number, number];
        b.area++;
        b.x0 = Math.min(b.x0, px);
        b.x1 = Math.max(b.x1, px);
        b.y0 = Math.min(b.y0, py);
        b.y1 = Math.max(b.y1, py);
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const qx = px + dx;
            const qy = py + dy;
            if (qx < 0 || qy < 0 || qx >= w || qy >= h || seen[qy * w + qx] || !ink(qx, qy)) continue;
            seen[qy * w + qx] = 1;
            stack.push([qx, qy]);
          }
      }
      // Anti-aliasing specks are not glyph parts.
      if (b.area >= 12) blobs.push(b);
    }
  return blobs;
}

describe.skipIf(!hasBrowser || !hasPoppler)('PDF report in correct Thai (Chromium + Sarabun)', () => {
  let t: TestApp;
  let fw: Framework;
  let cycleId: number;
  let opsId: number;
  let dbdId: number;
  let headers: { authorization: string };
  let analyst: { authorization: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pdf-'));

  beforeAll(async () => {
    t = await createTestApp();
    const f = await importTestFramework(t.db, frameworkWithAction(LONG_THAI_ACTION));
    fw = f.framework;
    const prev = await insertCycle(t.db, f.id, 2022, 'published');
    cycleId = (await insertCycle(t.db, f.id, 2023, 'published')).id;
    const ops = await insertNamedAgency(
      t.db,
      'D100',
      OPS,
      'Office of the Permanent Secretary, MDES',
      'department',
      'government_agency',
      'policy',
    );
    const dbd = await insertNamedAgency(
      t.db,
      'D101',
      DBD,
      'Department of Business Development',
      'department',
      'government_agency',
      'policy',
    );
    opsId = ops.id;
    dbdId = dbd.id;
    await insertUser(t.db, 'cio@ops.go.th', 'respondent', ops.id);
    await insertUser(t.db, 'analyst@dga.or.th', 'analyst');
    headers = (await signIn(t.app, 'cio@ops.go.th')).headers;
    analyst = (await signIn(t.app, 'analyst@dga.or.th')).headers;
    // P1 left unanswered so its level-2 actions (with the long Thai paragraph) are due; P2 rejected
    // with a reason code (as the review screen stores it) and an analyst's comment in Thai.
    const answers = strengthAnswers(fw, 'department', 0.85, 7, ['P1']);
    const rejected = Object.fromEntries(
      pillarQuestionCodes(fw, 'P2')
        .filter((c) => c in answers)
        .map((c) => [c, REASON]),
    );
    const opsResponse = await submitWithSnapshot(t.db, cycleId, ops.id, answers, rejected);
    await t.db
      .updateTable('answers')
      .set({ verification_comment: COMMENT })
      .where('response_id', '=', opsResponse)
      .where('verification', '=', 'rejected')
      .execute();
    await submitWithSnapshot(t.db, cycleId, dbd.id, strengthAnswers(fw, 'department', 0.5, 8));
    // Last year's result, so the report has its year-over-year chart.
    await submitWithSnapshot(t.db, prev.id, ops.id, strengthAnswers(fw, 'department', 0.4, 9));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  it('keeps Thai names and a long Thai paragraph intact, breaking lines only between words', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/results/${cycleId}/agency/${opsId}/report.pdf?lang=th`,
      headers,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'ops.pdf');
    fs.writeFileSync(file, res.rawPayload);
    // Every named font in the report is an embedded subset of Sarabun: no fallback font slipped in.
    // (Chromium also writes one unnamed Type 3 font, with embedded data URLs or without.)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.split(/\s+/)[0])
      .filter((name) => name !== '[none]');
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Sarabun-(Regular|Bold)$/);
    const out = text(file);
    const flat = out.replace(/\s+/g, '');
    // Same code points in the same order once line breaks (and layout padding) are gone.
    expect(flat).toContain(OPS);
    expect(flat).toContain(COMMENT);
    // The rejection reason prints as its Thai label, never as the stored code (reading order, not
    // -layout: the label wraps inside its table cell).
    const cells = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(cells).toContain(REJECTION_REASONS[REASON].th.replace(/\s+/g, ''));
    expect(out).not.toContain(REASON);
    expect(flat).toContain(LONG_THAI_ACTION);
    expect(out).toContain('2566'); // B.E. cycle in the header
    expect(out).toMatch(/หน้า 1 \/ \d+/); // page numbers in the footer

    // Every line break inside the paragraph falls on a word boundary.
    const lines = out.split('\n').map((l) => l.replace(/\s+/g, ''));
    const joined = lines.join('');
    const start = joined.indexOf(LONG_THAI_ACTION);
    expect(start).toBeGreaterThanOrEqual(0);
    const breaks: number[] = [];
    let pos = 0;
    for (const l of lines) {
      pos += l.length;
      const rel = pos - start;
      if (rel > 0 && rel < LONG_THAI_ACTION.length) breaks.push(rel);
    }
    expect(breaks.length).toBeGreaterThan(0); // the paragraph wraps
    const boundaries = new Set<number>([0]);
    for (const s of new Intl.Segmenter('th', { granularity: 'word' }).segment(LONG_THAI_ACTION))
      boundaries.add(s.index + s.segment.length);
    for (const b of breaks) {
      expect(
        boundaries.has(b),
        `break inside a word at ${b}: …${LONG_THAI_ACTION.slice(b - 8, b)}|${LONG_THAI_ACTION.slice(b, b + 8)}…`,
      ).toBe(true);
    }

    // Page 1 rendered is not blank.
    const png = path.join(shotDir ?? dir, 'report-page1');
    if (shotDir) fs.mkdirSync(shotDir, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(20_000);
    execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'p1')]);
    const pgm = readPgm(path.join(dir, 'p1.pgm'));
    const dark = pgm.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    expect(dark / pgm.data.length).toBeGreaterThan(0.01);
    if (shotDir) {
      for (const pg of [2, 3]) {
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '80',
          '-f',
          String(pg),
          '-l',
          String(pg),
          '-singlefile',
          file,
          path.join(shotDir, `report-page${pg}`),
        ]);
      }
    }
  });

  it('prints another agency (analyst) and in English', async () => {
    const th = await t.app.inject({
      method: 'GET',
      url: `/api/results/${cycleId}/agency/${dbdId}/report.pdf`,
      headers: analyst,
    });
    expect(th.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, 'dbd.pdf'), th.rawPayload);
    expect(text(path.join(dir, 'dbd.pdf')).replace(/\s+/g, '')).toContain(DBD);
    const en = await t.app.inject({
      method: 'GET',
      url: `/api/results/${cycleId}/agency/${opsId}/report.pdf?lang=en`,
      headers,
    });
    expect(en.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, 'en.pdf'), en.rawPayload);
    const out = text(path.join(dir, 'en.pdf'));
    expect(out).toContain('Office of the Permanent Secretary, MDES');
    expect(out).toContain('2023');
    expect(out).toMatch(/Page 1 \/ \d+/);
    const raw = execFileSync('pdftotext', [path.join(dir, 'en.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(raw).toContain(REJECTION_REASONS[REASON].en);
    expect(raw).not.toContain(REASON);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/results/${cycleId}/agency/${dbdId}/report.pdf`,
      headers,
    });
    expect(other.statusCode).toBe(403);
  });

  it('renders one PDF at a time per user: a second at once is 429 with Retry-After, another user is served', async () => {
    const url = `/api/results/${cycleId}/agency/${dbdId}/report.pdf`;
    const [first, second, otherUser] = await Promise.all([
      t.app.inject({ method: 'GET', url, headers: analyst }),
      t.app.inject({ method: 'GET', url: `${url}?lang=en`, headers: analyst }),
      t.app.inject({ method: 'GET', url: `/api/results/${cycleId}/agency/${opsId}/report.pdf`, headers }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 429]);
    const refused = first.statusCode === 429 ? first : second;
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json().error.message).toMatch(/PDF report being prepared/);
    expect(otherUser.statusCode).toBe(200);
    // Released when done: the same user is served again.
    expect((await t.app.inject({ method: 'GET', url, headers: analyst })).statusCode).toBe(200);
  });

  it('prints A4 pages, charts as vector graphics, the generated date in B.E. and every page number', async () => {
    const before = new Date();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/results/${cycleId}/agency/${opsId}/report.pdf?lang=th`,
      headers,
    });
    const after = new Date();
    expect(res.statusCode).toBe(200);
    const file = path.join(dir, 'layout.pdf');
    fs.writeFileSync(file, res.rawPayload);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /^Page\s+\d+ size:/.test(l));
    expect(sizes).toHaveLength(pages);
    // A4 is 595.28 x 841.89 pt; Chromium rounds the page box up to whole CSS pixels (595.92 x 842.88).
    for (const l of sizes) expect(l).toMatch(/size:\s+59[56](\.\d+)? x 84[123](\.\d+)? pts \(A4\)/);

    const pageText = (n: number) =>
      execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
    // Page k of n in every footer.
    for (const [i, tx] of texts.entries()) expect(tx, `page ${i + 1}`).toContain(`หน้า ${i + 1} / ${pages}`);

    // Generated date in the Thai calendar (Bangkok day, B.E. year), not the C.E. year.
    const MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
    const bangkok = (d: Date) => {
      const b = new Date(d.getTime() + 7 * 3600_000);
      return `${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear() + 543}`;
    };
    const expected = [...new Set([bangkok(before), bangkok(after)])];
    const generated = texts.map((tx) => /จัดทำเมื่อ\s+(\d{1,2} \S+ \d{4})/.exec(tx)?.[1]);
    for (const [i, g] of generated.entries()) expect(expected, `page ${i + 1}: ${g}`).toContain(g);

    // Charts are SVG printed as vector paths and text: no raster image anywhere, and the chart
    // legends (text only the charts carry) come back from pdftotext on the chart pages.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2);
    expect(images.filter((l) => l.trim())).toEqual([]);
    const yoyPage = texts.findIndex((tx) => tx.includes('ปีนี้ (2566)'));
    expect(yoyPage).toBeGreaterThanOrEqual(0);
    expect(texts[yoyPage]).toContain('ปีก่อน (2565)');
    const radarLegend = `${OPS.slice(0, 38)}…`; // the radar's legend shortens long agency names
    expect(texts.some((tx) => tx.includes(radarLegend))).toBe(true);
  });

  it('stacks marks over their base consonant: rule-checked on poppler raster, no reference shaper', async () => {
    /*
     * Independent of Chromium's shaper: nothing here is rendered by HarfBuzz/Skia a second time.
     * pdftotext (poppler) locates each word from the PDF's own text objects and maps it back to code
     * points; pdftoppm (poppler + FreeType) rasterises the page; the oracle is the writing rule itself:
     * the base consonant and any following spacing vowel sit on the baseline, every upper vowel and
     * tone mark is a separate blob above it whose centre lies within the base consonant's width, and
     * stacked marks (tone over upper vowel, tone over nikhahit) do not touch. Unshaped output breaks
     * this: a tone mark left at its low default collides with the vowel (one blob instead of two), a
     * mark after its base or a dotted circle adds blobs outside the base.
     */
    const cases = [
      { word: 'กี่', baseRow: 1, upper: 2 },
      { word: 'ที่', baseRow: 1, upper: 2 },
      { word: 'น้ำ', baseRow: 2, upper: 2 }, // น + า on the baseline; nikhahit and the tone mark above น
      { word: 'ป่า', baseRow: 2, upper: 1 }, // the tone mark moves left of ป's ascender
    ];
    const printer = new PdfPrinter(1);
    const file = path.join(dir, 'stack.pdf');
    try {
      const html = `<!doctype html><html lang="th"><head><meta charset="utf-8"><style>${sarabunFontFaces()}
@page{size:A4;margin:0}body{margin:0;padding:40px;font-family:Sarabun;font-size:72px;line-height:2}</style></head><body>${cases
        .map((c) => `<div>${c.word}</div>`)
        .join('')}</body></html>`;
      fs.writeFileSync(file, await printer.print(html, { header: '<span></span>', footer: '<span></span>' }));
    } finally {
      await printer.close();
    }
    const dpi = 144;
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(dir, 'stack'),
    ]);
    const pgm = readPgm(path.join(dir, 'stack.pgm'));
    const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const words = [
      ...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<\/word>/g),
    ];
    expect(words.map((w) => w[5])).toEqual(cases.map((c) => c.word)); // same code points, same order
    const k = dpi / 72;
    for (const [i, c] of cases.entries()) {
      const [x0, y0, x1, y1] = [1, 2, 3, 4].map((j) => Number(words[i]?.[j]) * k) as [number, number, number, number];
      const pad = (y1 - y0) * 0.3; // marks may rise above the font's ascent box
      const blobs = inkBlobs(pgm, Math.floor(x0 - pad), Math.floor(y0 - pad), Math.ceil(x1 + pad), Math.ceil(y1 + pad));
      const baseline = Math.max(...blobs.map((b) => b.y1));
      const onBaseline = blobs.filter((b) => b.y1 >= baseline - 3).sort((a, b) => a.x0 - b.x0);
      const upper = blobs.filter((b) => b.y1 < baseline - 3).sort((a, b) => a.y0 - b.y0);
      const detail = `${c.word}: ${JSON.stringify(blobs)}`;
      expect(onBaseline, detail).toHaveLength(c.baseRow);
      expect(upper, detail).toHaveLength(c.upper);
      const base = onBaseline[0] as Blob;
      for (const m of upper) {
        const centre = (m.x0 + m.x1) / 2;
        expect(centre, detail).toBeGreaterThanOrEqual(base.x0);
        expect(centre, detail).toBeLessThanOrEqual(base.x1);
      }
      for (let j = 1; j < upper.length; j++)
        expect((upper[j - 1] as Blob).y1, `${detail}: stacked marks touch`).toBeLessThan((upper[j] as Blob).y0);
    }
  });

  it('escapes agency and answer text: <script> prints as text', async () => {
    const d = (
      await t.app.inject({ method: 'GET', url: `/api/results/${cycleId}/agency/${opsId}`, headers })
    ).json() as ResultsDashboard;
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    d.agency.name.th = `${OPS} ${evil}`;
    d.verificationChanges = [
      {
        pillarKey: 'P2',
        pillarName: d.result.pillars[1]?.name ?? { th: 'x', en: 'x' },
        selfLevel: 3,
        verifiedLevel: 2,
        answers: [
          {
            questionCode: 'Q_X',
            question: { th: 'คำถาม', en: 'Q' },
            answer: { th: evil, en: evil },
            reason: evil,
            comment: null,
          },
        ],
      },
    ];
    const opts = { lang: 'th' as const };
    const html = reportHtml(d, fw, opts);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(esc('<script>alert("x")</script>'));
    const printer = new PdfPrinter(1);
    try {
      const pdf = await printer.print(html, pageTemplates(d, opts));
      fs.writeFileSync(path.join(dir, 'xss.pdf'), pdf);
      expect(text(path.join(dir, 'xss.pdf'))).toContain('<script>alert("x")</script>');
    } finally {
      await printer.close();
    }
  });

  it('places tone marks and upper vowels over their consonants (PDF raster vs Chromium canvas)', async () => {
    const size = 64;
    const printer = new PdfPrinter(1);
    const pdfFile = path.join(dir, 'marks.pdf');
    try {
      const html = `<!doctype html><html lang="th"><head><meta charset="utf-8"><style>${sarabunFontFaces()}
@page{size:A4;margin:0}body{margin:0;padding:40px;font-family:Sarabun;font-size:${size}px;line-height:2}</style></head><body><div>${HEADMAN}</div></body></html>`;
      fs.writeFileSync(pdfFile, await printer.print(html, { header: '<span></span>', footer: '<span></span>' }));
    } finally {
      await printer.close();
    }
    // 96 dpi: one CSS px is one raster px.
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '96',
      '-f',
      '1',
      '-l',
      '1',
      '-x',
      '0',
      '-y',
      '0',
      '-W',
      '700',
      '-H',
      '260',
      '-singlefile',
      pdfFile,
      path.join(dir, 'marks'),
    ]);
    const pgm = readPgm(path.join(dir, 'marks.pgm'));
    const fromPdf = inkMask((x, y) => pgm.data[y * pgm.width + x] as number, pgm.width, pgm.height);

    const browser = await launchBrowser();
    let ref: { w: number; h: number; mask: Uint8Array };
    try {
      const page = await browser.newPage();
      const fontData = fs
        .readFileSync(path.resolve('node_modules/@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf'))
        .toString('base64');
      const { width, height, pixels } = await page.evaluate(
        async ({ fontData, text, size }) => {
          const face = new FontFace('SarabunRef', `url(data:font/ttf;base64,${fontData})`);
          await face.load();
          document.fonts.add(face);
          const c = document.createElement('canvas');
          c.width = 700;
          c.height = 260;
          const g = c.getContext('2d') as CanvasRenderingContext2D;
          g.fillStyle = '#fff';
          g.fillRect(0, 0, c.width, c.height);
          g.fillStyle = '#000';
          g.font = `${size}px SarabunRef`;
          g.fillText(text, 40, 160);
          const img = g.getImageData(0, 0, c.width, c.height).data;
          const gray: number[] = [];
          for (let i = 0; i < img.length; i += 4) gray.push(img[i] as number);
          return { width: c.width, height: c.height, pixels: gray };
        },
        { fontData, text: HEADMAN, size },
      );
      ref = inkMask((x, y) => pixels[y * width + x] as number, width, height);
    } finally {
      await browser.close();
    }
    // Same ink box within a few pixels, and the ink overlaps (marks misplaced or drawn as boxes would not).
    expect(Math.abs(fromPdf.w - ref.w)).toBeLessThanOrEqual(4);
    expect(Math.abs(fromPdf.h - ref.h)).toBeLessThanOrEqual(4);
    let inter = 0;
    let union = 0;
    for (let y = 0; y < Math.max(fromPdf.h, ref.h); y++)
      for (let x = 0; x < Math.max(fromPdf.w, ref.w); x++) {
        const a = x < fromPdf.w && y < fromPdf.h ? fromPdf.mask[y * fromPdf.w + x] : 0;
        const b = x < ref.w && y < ref.h ? ref.mask[y * ref.w + x] : 0;
        if (a && b) inter++;
        if (a || b) union++;
      }
    expect(inter / union).toBeGreaterThan(0.75);
  });

  it('bulk: generates every agency PDF into a ZIP in the background', async () => {
    const start = await t.app.inject({ method: 'POST', url: `/api/results/${cycleId}/reports-zip`, headers: analyst });
    expect(start.statusCode, start.body).toBe(202);
    const job = start.json();
    expect(job.total).toBe(2);
    let status = job;
    for (let i = 0; i < 120 && status.status !== 'done' && status.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: analyst })).json();
    }
    expect(status).toMatchObject({ status: 'done', done: 2, total: 2, downloadUrl: `/api/jobs/${job.id}/download` });
    const zip = await t.app.inject({ method: 'GET', url: status.downloadUrl, headers: analyst });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const zfile = path.join(dir, 'all.zip');
    fs.writeFileSync(zfile, zip.rawPayload);
    const list = execFileSync('unzip', ['-l', zfile], { encoding: 'utf8' });
    expect(list).toContain('dg-readiness-2566-D100.pdf');
    expect(list).toContain('dg-readiness-2566-D101.pdf');
  });
});
