import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import {
  loadNationalReportData,
  type NationalReportData,
} from '../../server/src/modules/national-report/national-report.data';
import { nationalReportHtml } from '../../server/src/modules/national-report/national-report.html';
import type { NationalReportModel } from '../../server/src/modules/national-report/national-report.kit';
import { buildNationalReportModel } from '../../server/src/modules/national-report/national-report.model';
import { hasBrowser } from '../support/browser';
import { type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * The national report of the demo 2566 cycle, built by the background job as an administrator
 * starts it, then read back as a reader would: the PDF through poppler (fonts, text, page images),
 * the DOCX through a ZIP reader. The model is built again from the same data to compare with.
 */

let t: TestApp;
let admin: SignedIn;
let viewer: SignedIn;
let cycleId: number;
let jobId: string;
let jobCreatedAt: Date;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'national-report-'));

beforeAll(async () => {
  t = await createTestApp();
  await runSeeds(t.db, { demo: true });
  const c = await t.db.selectFrom('cycles').select(['id']).where('fiscal_year', '=', 2023).executeTakeFirstOrThrow();
  cycleId = c.id;
  admin = await signIn(t.app, 'admin@dga.or.th', 'Admin-2566-demo');
  viewer = await signIn(t.app, 'viewer1@demo.go.th', 'Viewer-2566-demo');
}, 600_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const start = (who: SignedIn, id = cycleId) =>
  t.app.inject({ method: 'POST', url: `/api/admin/cycles/${id}/national-report`, headers: who.headers });
const publicUrl = (format: string, lang: string, year = 2566) =>
  `/api/public/cycles/${year}/national-report?format=${format}&lang=${lang}`;
/** Whitespace and hyphens go: pdftotext joins a word hyphenated at a line end (DGRS-2566 → DGRS2566). */
const norm = (s: string) => s.normalize('NFC').replace(/[\s-]+/g, '');

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  // The page's body only (A4 in points, less the 18 mm header and 16 mm footer margins): a paragraph
  // that runs over a page break then reads on without the running header and footer in between.
  const crop = ['-x', '0', '-y', '51', '-W', '595', '-H', '746'];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...crop, file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString(
    'utf8',
  );
}

describe('the national report', () => {
  it('is refused for an open cycle (409) and to a viewer (403)', async () => {
    const open = await start(admin);
    expect(open.statusCode, open.body).toBe(409);
    expect(open.json().error.message).toMatch(/closed or published/);
    await t.db.updateTable('cycles').set({ status: 'closed' }).where('id', '=', cycleId).execute();
    expect((await start(viewer)).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/admin/cycles/${cycleId}/national-report`,
          headers: viewer.headers,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('builds in the background for a closed cycle, with progress, and the job is listed after leaving the page', async () => {
    const res = await start(admin);
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({ kind: 'national-report', cycleId, total: 5 });
    jobId = job.id;
    const list = await t.app.inject({ method: 'GET', url: '/api/jobs', headers: admin.headers });
    expect(list.json().jobs.map((j: { id: string }) => j.id)).toContain(jobId);
    await expect
      .poll(
        async () => {
          const s = (await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: admin.headers })).json();
          if (s.status === 'failed') throw new Error(s.error);
          return s.status;
        },
        { timeout: 400_000, interval: 1000 },
      )
      .toBe('done');
    const done = (await t.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: admin.headers })).json();
    expect(done).toMatchObject({ done: 5, total: 5, downloadUrl: `/api/jobs/${jobId}/download` });
    const zip = await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: admin.headers });
    expect(zip.statusCode).toBe(200);
    const names = Object.keys((await JSZip.loadAsync(zip.rawPayload)).files).sort();
    expect(names).toEqual([
      'dg-national-report-2023-en.docx',
      'dg-national-report-2023-en.pdf',
      'dg-national-report-2566-th.docx',
      'dg-national-report-2566-th.pdf',
    ]);
    const row = await t.db
      .selectFrom('background_jobs')
      .select('created_at')
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    jobCreatedAt = new Date(row.created_at);
    const status = await t.app.inject({
      method: 'GET',
      url: `/api/admin/cycles/${cycleId}/national-report`,
      headers: admin.headers,
    });
    expect(status.json()).toMatchObject({ buildable: true, latestJob: { id: jobId, status: 'done' } });
    expect(status.json().files).toHaveLength(4);
  }, 420_000);

  it('the public address answers 404 until the cycle is published, then serves the built report without signing in', async () => {
    expect((await t.app.inject({ method: 'GET', url: publicUrl('pdf', 'th') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: publicUrl('pdf', 'th', 2599) })).statusCode).toBe(404);
    const pub = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/cycles/${cycleId}`,
      headers: admin.headers,
      payload: { status: 'published' },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    // Publication queues a build of its own (the public page's report follows the published results).
    const auto = await t.db
      .selectFrom('background_jobs')
      .select(['id', 'created_by'])
      .where('kind', '=', 'national-report')
      .where('created_by', 'is', null)
      .execute();
    expect(auto.length).toBe(1);
    const res = await t.app.inject({ method: 'GET', url: publicUrl('pdf', 'th') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.app.inject({ method: 'GET', url: publicUrl('docx', 'en') });
    expect(docx.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: publicUrl('xls', 'th') })).statusCode).toBe(400);
  });

  describe.skipIf(!hasBrowser || !hasPoppler)('read back', () => {
    let data: NationalReportData;
    const models: Record<'th' | 'en', NationalReportModel> = {} as never;
    const staffFile = async (format: string, lang: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/admin/cycles/${cycleId}/national-report/file?format=${format}&lang=${lang}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.rawPayload;
    };
    beforeAll(async () => {
      // The data as the job read it: the build's own time; nothing changed since.
      data = await loadNationalReportData(t.db, cycleId, jobCreatedAt);
      models.th = buildNationalReportModel(data, 'th');
      models.en = buildNationalReportModel(data, 'en');
    }, 300_000);

    it('every figure in the text is the figure of its table, in the model', () => {
      for (const m of [models.th, models.en]) {
        const figures = new Map(m.sections.flatMap((s) => s.figures).map((f) => [f.id, f]));
        let facts = 0;
        for (const s of m.sections)
          for (const p of s.paragraphs)
            for (const f of p.facts) {
              facts++;
              expect(figures.get(f.figure)?.table.rows[f.row]?.[f.col], `${f.figure} ${f.row},${f.col}`).toBe(f.value);
              expect(p.text).toContain(f.value);
            }
        expect(facts).toBeGreaterThan(50);
        // The sections follow the findings: rates, levels, pillars, segments, targets, year over year, derived, fact-finding, method.
        expect(m.sections.filter((s) => s.level === 1).map((s) => s.id)).toEqual([
          'rates',
          'levels',
          'pillars',
          'segments',
          'targets',
          'yoy',
          'derived',
          'fact-finding',
          'method',
        ]);
      }
      // The demo cycle has a previous year, targets and derived indicators: none of those chapters is empty.
      for (const id of ['targets', 'yoy', 'derived'])
        expect(models.th.sections.find((s) => s.id === id)?.figures.length, id).toBe(1);
      expect(models.th.sections.filter((s) => s.id.startsWith('ff-')).length).toBeGreaterThan(10);
      expect(models.th.subtitle).toContain('2566');
    });

    it('the PDFs embed Sarabun, keep every Thai sentence whole, and print every cited figure in its table', async () => {
      for (const L of ['th', 'en'] as const) {
        const pdf = await staffFile('pdf', L);
        const file = path.join(tmp, `fonts-${L}.pdf`);
        fs.writeFileSync(file, pdf);
        const fonts = execFileSync('pdffonts', [file]).toString();
        const sarabun = fonts.split('\n').filter((l) => /Sarabun/.test(l));
        expect(sarabun.length, fonts).toBeGreaterThan(0);
        // Columns: name type encoding emb sub uni object ID; every Sarabun face embedded.
        for (const l of sarabun) expect(l.split(/\s+/).slice(-5, -4)[0], l).toBe('yes');
        const text = norm(pdfText(pdf, `report-${L}`));
        const m = models[L];
        for (const s of m.sections) {
          expect(text, s.heading).toContain(norm(s.heading));
          for (const p of s.paragraphs) expect(text, p.text).toContain(norm(p.text));
        }
        // Each cited figure stands in its table: after the table's caption and before the next one.
        const figures = m.sections.flatMap((s) => s.figures);
        const tableWord = L === 'th' ? 'ตาราง' : 'Table';
        const at = figures.map((f, i) => text.indexOf(norm(`${tableWord} ${i + 1}: ${f.title}`)));
        for (const [i, pos] of at.entries()) expect(pos, figures[i]?.id).toBeGreaterThan(-1);
        for (const s of m.sections)
          for (const p of s.paragraphs)
            for (const f of p.facts) {
              const i = figures.findIndex((x) => x.id === f.figure);
              const from = at[i] as number;
              const to = at.slice(i + 1).find((x) => x > from) ?? text.length;
              const rowText = norm((figures[i]?.table.rows[f.row] ?? []).join(''));
              const table = text.slice(from, to);
              expect(table.includes(rowText) || table.includes(norm(f.value)), `${f.figure} ${f.value}`).toBe(true);
              expect(table, `${f.figure} ${f.value}`).toContain(norm(f.value));
            }
      }
    }, 120_000);

    it('the Thai PDF renders to pages with ink (charts and text)', async () => {
      const file = path.join(tmp, 'pages-th.pdf');
      fs.writeFileSync(file, await staffFile('pdf', 'th'));
      execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '2', '-png', file, path.join(tmp, 'page')]);
      const pages = fs.readdirSync(tmp).filter((f) => f.startsWith('page') && f.endsWith('.png'));
      expect(pages.length).toBe(2);
      for (const p of pages) expect(fs.statSync(path.join(tmp, p)).size).toBeGreaterThan(3000);
      // Charts are vector: the SVG's paths are drawn, not an embedded image.
      const info = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n');
      expect(info.length).toBeLessThanOrEqual(2);
    }, 120_000);

    it('the DOCX parses back with the same headings as the PDF and Sarabun as its complex-script font', async () => {
      for (const L of ['th', 'en'] as const) {
        const zip = await JSZip.loadAsync(await staffFile('docx', L));
        const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
        const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading[12]"\/>.*?<\/w:p>/gs)].map(
          (p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
        );
        const decode = (s: string) =>
          s
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'");
        expect(headings.map(decode)).toEqual(models[L].sections.map((s) => s.heading));
        const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
        expect(styles).toMatch(/w:cs="Sarabun"/);
        const tables = (xml.match(/<w:tbl>/g) ?? []).length;
        expect(tables).toBe(models[L].sections.flatMap((s) => s.figures).length);
      }
    }, 120_000);

    it('the DOCX embeds every chart of the PDF as SVG (Sarabun) with a PNG fallback, each before its table', async () => {
      for (const L of ['th', 'en'] as const) {
        const zip = await JSZip.loadAsync(await staffFile('docx', L));
        const pdfCharts = (nationalReportHtml(models[L]).match(/<figure class="chart"/g) ?? []).length;
        expect(pdfCharts).toBeGreaterThan(3);
        const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
        const svgs = media.filter((f) => f.endsWith('.svg'));
        const pngs = media.filter((f) => f.endsWith('.png'));
        expect(svgs.length).toBe(pdfCharts);
        expect(pngs.length).toBe(pdfCharts);
        for (const f of svgs) {
          const svg = (await zip.file(f)?.async('string')) ?? '';
          expect(svg.startsWith('<svg'), f).toBe(true);
          expect(svg, f).toContain('Sarabun');
        }
        for (const f of pngs) {
          const png = (await zip.file(f)?.async('nodebuffer')) ?? Buffer.alloc(0);
          expect(png.subarray(1, 4).toString(), f).toBe('PNG');
          // A drawn chart, not a blank: bars, axes and labels compress to more than a few hundred bytes.
          expect(png.length, f).toBeGreaterThan(5000);
        }
        const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
        // Each drawing has its PNG as the blip and the SVG as the extension Word shows.
        expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(pdfCharts);
        expect((xml.match(/svgBlip/g) ?? []).length).toBe(pdfCharts);
        // Chart n's caption, then table n: a drawing is always followed by a table before the next drawing.
        const order = [...xml.matchAll(/<w:drawing>|<w:tbl>/g)].map((x) => x[0]);
        for (const [i, tag] of order.entries()) if (tag === '<w:drawing>') expect(order[i + 1]).toBe('<w:tbl>');
        const chartWord = L === 'th' ? 'แผนภูมิ' : 'Chart';
        const figures = models[L].sections.flatMap((s) => s.figures);
        for (const [i, f] of figures.entries()) if (f.chart) expect(xml).toContain(`${chartWord} ${i + 1}: `);
      }
    }, 120_000);
  });
});
