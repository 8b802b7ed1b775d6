import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Framework } from '@dg/shared/schemas/framework';
import type { ResultsDashboard } from '@dg/shared/schemas/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../support/browser';
import { insertUser, signIn } from '../support/fixtures';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  pillarQuestionCodes,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Pagination is checked on the printed PDF itself, rendered by poppler: what an agency prints is
 * what is measured. Chromium's print layout cannot be read back from the DOM (the page boxes exist
 * only inside the printer), so the HTML is not measured. Boxes are found by their border colour,
 * which nothing else in the report uses (report-html.ts .box); a box split by a page boundary is a
 * frame that lacks its top or bottom edge on one of the two pages.
 */
const DPI = 100;
const mm = (v: number) => Math.round((v / 25.4) * DPI);
const CONTENT_TOP = mm(18);
const CONTENT_BOTTOM = mm(297 - 16);
const BOX_RGB = [0x0b, 0x72, 0x85] as const;

interface Page {
  width: number;
  height: number;
  rgb: Buffer;
}

function readPpm(file: string): Page {
  const buf = fs.readFileSync(file);
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error(`${file} is not a PPM`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, rgb: buf.subarray(m[0].length, m[0].length + width * height * 3) };
}

const px = (p: Page, x: number, y: number): [number, number, number] => {
  const i = (y * p.width + x) * 3;
  return [p.rgb[i] as number, p.rgb[i + 1] as number, p.rgb[i + 2] as number];
};

/** The lowest row with anything printed between the page margins (header and footer excluded). */
function lowestInk(p: Page): number {
  for (let y = CONTENT_BOTTOM; y >= CONTENT_TOP; y--)
    for (let x = 0; x < p.width; x++) if (Math.min(...px(p, x, y)) < 200) return y;
  return CONTENT_TOP;
}

/** Box frames on a page: connected border-coloured pixels, with whether each has a top and a bottom edge. */
function boxFrames(p: Page) {
  const isBorder = (x: number, y: number) => {
    const [r, g, b] = px(p, x, y);
    return Math.abs(r - BOX_RGB[0]) < 40 && Math.abs(g - BOX_RGB[1]) < 40 && Math.abs(b - BOX_RGB[2]) < 40;
  };
  const seen = new Uint8Array(p.width * p.height);
  const frames: { x0: number; y0: number; x1: number; y1: number; top: boolean; bottom: boolean }[] = [];
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      if (seen[y * p.width + x] || !isBorder(x, y)) continue;
      const f = { x0: x, y0: y, x1: x, y1: y, top: false, bottom: false };
      const stack: [number, number][] = [[x, y]];
      seen[y * p.width + x] = 1;
      const cells: [number, number][] = [];
      while (stack.length) {
        const [cx, cy] = stack.pop() as [number, number];
        cells.push([cx, cy]);
        f.x0 = Math.min(f.x0, cx);
        f.x1 = Math.max(f.x1, cx);
        f.y0 = Math.min(f.y0, cy);
        f.y1 = Math.max(f.y1, cy);
        for (const [dx, dy] of [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ] as const) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= p.width || ny >= p.height || seen[ny * p.width + nx] || !isBorder(nx, ny))
            continue;
          seen[ny * p.width + nx] = 1;
          stack.push([nx, ny]);
        }
      }
      // A frame is at least a few millimetres wide and tall; smaller specks are anti-aliasing.
      if (f.x1 - f.x0 < mm(20) || f.y1 - f.y0 < mm(3)) continue;
      const rowSpan = (y: number) => cells.filter(([, cy]) => Math.abs(cy - y) <= 2).length;
      const width = f.x1 - f.x0;
      f.top = rowSpan(f.y0) > width * 0.6;
      f.bottom = rowSpan(f.y1) > width * 0.6;
      frames.push(f);
    }
  return frames;
}

const flat = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(!hasBrowser || !hasPoppler)('PDF report pagination (2566 framework, printed by Chromium)', () => {
  let t: TestApp;
  let fw: Framework;
  let cycleId: number;
  let agencyId: number;
  let headers: { authorization: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pdf-layout-'));
  const shotDir = process.env.SCREENSHOT_DIR;

  beforeAll(async () => {
    t = await createTestApp();
    const f = await importTestFramework(t.db);
    fw = f.framework;
    const prev = await insertCycle(t.db, f.id, 2022, 'published');
    cycleId = (await insertCycle(t.db, f.id, 2023, 'published')).id;
    const agency = await insertNamedAgency(
      t.db,
      'D200',
      'กรมส่งเสริมการปกครองท้องถิ่น',
      'Department of Local Administration',
      'department',
      'government_agency',
      'service',
    );
    agencyId = agency.id;
    await insertUser(t.db, 'cio@dla.go.th', 'respondent', agency.id);
    headers = (await signIn(t.app, 'cio@dla.go.th')).headers;
    // A middling agency: many criteria met, many to do, and one pillar's answers rejected.
    const answers = strengthAnswers(fw, 'department', 0.55, 21);
    const rejected = Object.fromEntries(
      pillarQuestionCodes(fw, 'P5')
        .filter((c) => c in answers)
        .slice(0, 4)
        .map((c) => [c, 'evidence_no_action']),
    );
    await submitWithSnapshot(t.db, cycleId, agency.id, answers, rejected);
    await submitWithSnapshot(t.db, prev.id, agency.id, strengthAnswers(fw, 'department', 0.4, 22));
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['th', 'en'] as const) {
    it(`${lang}: no page is more than half empty but a section's last, no box crosses a page, no heading ends a page`, async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/results/${cycleId}/agency/${agencyId}/report.pdf?lang=${lang}`,
        headers,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const file = path.join(dir, `report-${lang}.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      const d = (
        await t.app.inject({ method: 'GET', url: `/api/results/${cycleId}/agency/${agencyId}`, headers })
      ).json() as ResultsDashboard;

      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      expect(pages).toBeGreaterThan(4);
      const prefix = path.join(dir, `p-${lang}`);
      execFileSync('pdftoppm', ['-r', String(DPI), file, prefix]);
      const pageFile = (n: number) => `${prefix}-${String(n).padStart(String(pages).length, '0')}.ppm`;
      const pageText = (n: number) =>
        execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });

      // Sections: the body, and the criteria appendix, which starts a page of its own.
      const appendixTitle = lang === 'th' ? 'ภาคผนวก: เกณฑ์การประเมินรายตัวชี้วัด' : 'Appendix: the criteria of each pillar';
      const texts = Array.from({ length: pages }, (_, i) => pageText(i + 1));
      const appendixPage = texts.findIndex((x) => flat(x).includes(flat(appendixTitle))) + 1;
      expect(appendixPage).toBeGreaterThan(1);
      const lastOfSection = new Set([appendixPage - 1, pages]);

      // Every criterion of the result is in the appendix, by its name.
      const appendixText = flat(texts.slice(appendixPage - 1).join(''));
      const all = d.criteria.flatMap((p) => p.indicators.flatMap((i) => i.criteria));
      expect(all.length).toBe(d.result.pillars.reduce((n, p) => n + p.criteria.length, 0));
      for (const c of all.slice(0, 400)) expect(appendixText).toContain(flat(c.label[lang]).slice(0, 30));

      const headings = [
        ...d.criteria.flatMap((p) => p.indicators.map((i) => `${i.code} ${i.name[lang]}`)),
        ...d.result.pillars.map((p) => `${p.number}. ${p.name[lang]}`),
      ].map(flat);
      const problems: string[] = [];
      for (let n = 1; n <= pages; n++) {
        const page = readPpm(pageFile(n));
        const fill = (lowestInk(page) - CONTENT_TOP) / (CONTENT_BOTTOM - CONTENT_TOP);
        if (!lastOfSection.has(n) && fill < 0.5) problems.push(`page ${n} is ${Math.round(fill * 100)}% full`);
        for (const f of boxFrames(page))
          if (!f.top || !f.bottom)
            problems.push(`page ${n}: a box at y=${f.y0}..${f.y1} lacks its ${f.top ? 'bottom' : 'top'} edge`);
        // The last line above the footer is not a heading left alone.
        const lines = texts[n - 1]
          ?.split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const last = flat(lines?.[lines.length - 2] ?? '');
        if (last.length > 4 && headings.some((h) => h === last || (last.length >= 10 && h.startsWith(last))))
          problems.push(`page ${n} ends with the heading "${lines?.[lines.length - 2]}"`);
        if (shotDir) {
          fs.mkdirSync(shotDir, { recursive: true });
          if (n === 1) fs.copyFileSync(file, path.join(shotDir, `report-layout-${lang}.pdf`));
          execFileSync('pdftoppm', [
            '-png',
            '-r',
            '60',
            '-f',
            String(n),
            '-l',
            String(n),
            '-singlefile',
            file,
            path.join(shotDir, `report-layout-${lang}-page${n}`),
          ]);
        }
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
