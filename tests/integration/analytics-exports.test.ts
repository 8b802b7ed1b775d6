import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrameworks, seedRegistry } from '../../seeds/seed';
import { type AgencyProfile, generate } from '../../seeds/synthetic/generator';
import { importGenerated } from '../../seeds/synthetic/import';
import { framework2566 } from '../../seeds/synthetic/reproduce-2566';
import { wideColumns } from '../../server/src/modules/analytics/analytics.export';
import { codebookRows } from '../../server/src/modules/frameworks/codebook';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { downloadBuilt } from '../support/background-download';
import { insertUser, type SignedIn, signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Aggregate exports (item XLSX, response rates and year over year as CSV/XLSX) and the open-data
 * package, over generated answers of registry agencies in a published 2565 and a closed 2566 cycle.
 */

let t: TestApp;
let analyst: SignedIn;
let respondent: SignedIn;
let cycle2565: number;
let cycle2566: number;
const agencyNames: string[] = [];
const agencyCodes: string[] = [];

const BOM = '\uFEFF';

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistry(t.db);
  const { f2565, f2566 } = await seedFrameworks(t.db);
  const mk = async (fy: number, fw: number, status: 'closed' | 'published') =>
    (
      await t.db
        .insertInto('cycles')
        .values({ fiscal_year: fy, name_th: `ปี ${fy + 543}`, name_en: `${fy}`, framework_id: fw, status })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  cycle2565 = await mk(2022, f2565.id, 'published');
  cycle2566 = await mk(2023, f2566.id, 'closed');
  const registry = await t.db.selectFrom('agencies').select(['id', 'code', 'track', 'name_th', 'name_en']).execute();
  for (const a of registry) {
    agencyNames.push(a.name_th, a.name_en);
    agencyCodes.push(a.code);
  }
  const depts = registry.filter((a) => a.track === 'department').slice(0, 40);
  const provs = registry.filter((a) => a.track === 'province').slice(0, 12);
  const invited = [...depts, ...provs, ...registry.filter((a) => a.track === 'department').slice(40, 44)];
  for (const c of [cycle2565, cycle2566]) {
    await t.db
      .insertInto('cycle_agencies')
      .values(invited.map((a) => ({ cycle_id: c, agency_id: a.id })))
      .execute();
  }
  const profiles: AgencyProfile[] = [...depts, ...provs].map((a) => ({ code: a.code, track: a.track }));
  for (const [c, fwId] of [
    [cycle2565, f2565.id],
    [cycle2566, f2566.id],
  ] as const) {
    const { framework } = await loadFramework(t.db, fwId);
    await importGenerated(t.db, c, generate(framework, profiles, `exports-${c}`));
  }
  await insertUser(t.db, 'analyst@ex.dga.or.th', 'analyst');
  await insertUser(t.db, 'resp@ex.go.th', 'respondent', depts[0]?.id);
  analyst = await signIn(t.app, 'analyst@ex.dga.or.th');
  respondent = await signIn(t.app, 'resp@ex.go.th');
}, 180_000);
afterAll(async () => t?.close());

async function get(url: string, who: SignedIn = analyst) {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

/** The open-data package is built by a background job (202 and a job to follow), then served from storage. */
const openData = (url: string, who: SignedIn = analyst) => downloadBuilt(t.app, url, who.headers);

async function sheetRows(payload: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

/** Minimal CSV reader for the files under test (quoted cells, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Rows as objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.startsWith(BOM) ? text.slice(1) : text);
  return rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? ''])));
}

const num = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

describe('aggregate exports match the JSON API', () => {
  it('item statistics as XLSX', async () => {
    const json = (await get(`/api/analytics/cycles/${cycle2566}/items/TECHNOLOGIES?crossBy=track`)).json();
    const x = await get(`/api/analytics/cycles/${cycle2566}/items/TECHNOLOGIES.xlsx?crossBy=track`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const [header, ...rows] = await sheetRows(x.rawPayload, 'items');
    expect(header).toEqual([
      'segment',
      'row',
      'kind',
      'code',
      'label_th',
      'label_en',
      'count',
      'denominator',
      'percent',
      'value',
    ]);
    const api = json.overall.options.find((o: { code: string }) => o.code === 'api');
    const row = rows.find((r) => r[0] === 'all' && r[2] === 'option' && r[3] === 'api') as unknown[];
    expect([row[6], row[7], num(row[8])]).toEqual([api.count, api.share.denominator, api.share.percent]);
    expect(api.share.denominator).toBeGreaterThan(0);
    const dept = json.segments.find((s: { value: string }) => s.value === 'department').stat;
    const pop = rows.find((r) => r[0] === 'department' && r[2] === 'population') as unknown[];
    expect(pop[6]).toBe(dept.population);
  });

  it('response rates as CSV and XLSX', async () => {
    const json = (await get(`/api/analytics/cycles/${cycle2566}/response-rates`)).json();
    expect(json.overall.invited).toBe(56);
    expect(json.overall.submitted.numerator).toBe(52);
    const c = await get(`/api/analytics/cycles/${cycle2566}/response-rates.csv`);
    expect(c.body.startsWith(BOM)).toBe(true);
    expect(c.headers['content-disposition']).toBe('attachment; filename="response-rates-2566.csv"');
    const en = await get(`/api/analytics/cycles/${cycle2566}/response-rates.xlsx?lang=en`);
    expect(en.headers['content-disposition']).toBe('attachment; filename="response-rates-2023.xlsx"');
    const recs = records(c.body);
    const all = recs.find((r) => r.segment_by === 'all') as Record<string, string>;
    expect([num(all.invited), num(all.submitted), num(all.submitted_percent)]).toEqual([
      56,
      52,
      json.overall.submitted.percent,
    ]);
    const dept = json.byTrack.find((r: { key: string }) => r.key === 'department');
    const d = recs.find((r) => r.segment_by === 'track' && r.segment_value === 'department') as Record<string, string>;
    expect([num(d.invited), num(d.submitted), num(d.submitted_percent)]).toEqual([
      dept.invited,
      dept.submitted.numerator,
      dept.submitted.percent,
    ]);
    const x = await get(`/api/analytics/cycles/${cycle2566}/response-rates.xlsx`);
    const [header, ...rows] = await sheetRows(x.rawPayload, 'response_rates');
    expect(header?.slice(0, 5)).toEqual(['segment_by', 'segment_value', 'label_th', 'label_en', 'invited']);
    const xd = rows.find((r) => r[0] === 'track' && r[1] === 'department') as unknown[];
    expect([xd[4], xd[7], xd[8]]).toEqual([dept.invited, dept.submitted.numerator, dept.submitted.percent]);
  });

  it('year over year as CSV and XLSX', async () => {
    const q = '?track=department&atLeast=3';
    const json = (await get(`/api/analytics/cycles/${cycle2566}/year-over-year${q}`)).json();
    expect(json.previousCycleId).toBe(cycle2565);
    const p1 = json.pillars.find((p: { key: string }) => p.key === 'P1');
    const c = await get(`/api/analytics/cycles/${cycle2566}/year-over-year.csv${q}`);
    expect(c.body.startsWith(BOM)).toBe(true);
    expect(c.headers['content-disposition']).toBe('attachment; filename="year-over-year-2566.csv"');
    const en = await get(`/api/analytics/cycles/${cycle2566}/year-over-year.csv${q}&lang=en`);
    expect(en.headers['content-disposition']).toBe('attachment; filename="year-over-year-2023.csv"');
    const recs = records(c.body);
    const at = (which: string, level: string) =>
      recs.find((r) => r.pillar_key === 'P1' && r.cycle === which && r.level === level) as Record<string, string>;
    expect([
      num(at('current', '3+').count),
      num(at('current', '3+').denominator),
      num(at('current', '3+').percent),
    ]).toEqual([p1.current.atLeast.numerator, p1.current.atLeast.denominator, p1.current.atLeast.percent]);
    expect(num(at('previous', '2').count)).toBe(p1.previous.levels[1].count);
    expect(num(at('previous', '2').denominator)).toBe(40);
    const x = await get(`/api/analytics/cycles/${cycle2566}/year-over-year.xlsx${q}`);
    const [, ...rows] = await sheetRows(x.rawPayload, 'year_over_year');
    const cur = rows.find((r) => r[0] === 'overall' && r[7] === 'current' && r[8] === 1) as unknown[];
    expect([cur[9], cur[10]]).toEqual([json.overall.current.levels[0].count, json.overall.current.denominator]);
  });
});

describe('open-data package', () => {
  it('agency users get it only once the cycle is published', async () => {
    const closed = await t.app.inject({
      method: 'GET',
      url: `/api/analytics/cycles/${cycle2566}/open-data.zip`,
      headers: respondent.headers,
    });
    expect(closed.statusCode).toBe(403);
    await openData(`/api/analytics/cycles/${cycle2565}/open-data.zip`, respondent);
  });

  it('holds BOM CSVs without agency names, 14-item metadata, and the levels API figures', async () => {
    const res = await openData(`/api/analytics/cycles/${cycle2566}/open-data.zip`);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('open-data-2566.zip');
    // The same package, named in the English reader's calendar.
    const en = await openData(`/api/analytics/cycles/${cycle2566}/open-data.zip?lang=en`);
    expect(en.headers['content-disposition']).toContain('open-data-2023.zip');
    expect(en.rawPayload.equals(res.rawPayload)).toBe(true);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      'item-statistics.csv',
      'level-distribution.csv',
      'metadata.csv',
      'metadata.json',
      'response-rates.csv',
    ]);
    const text: Record<string, string> = {};
    for (const n of names) text[n] = await (zip.file(n) as JSZip.JSZipObject).async('string');
    for (const n of names.filter((x) => x.endsWith('.csv'))) expect(text[n]?.startsWith(BOM), n).toBe(true);
    // No data cell names or codes an agency. (Question and option wording may cite an authority,
    // e.g. the NCSA's cybersecurity standard, and the metadata names DGA as the data owner: that is
    // the framework's and the publisher's text, not a respondent.)
    const identifying = new Set([...agencyNames, ...agencyCodes]);
    const dataFiles = ['item-statistics.csv', 'level-distribution.csv', 'response-rates.csv'];
    for (const n of dataFiles) {
      for (const r of parseCsv((text[n] as string).slice(1))) {
        for (const cell of r) expect(identifying.has(cell), `${n}: ${cell}`).toBe(false);
      }
      const wordingFree = records(text[n] as string).map((r) =>
        Object.entries(r)
          .filter(([k]) => !/^(question|label)_(th|en)$/.test(k))
          .map(([, v]) => v)
          .join('\u0001'),
      );
      for (const agency of agencyNames)
        expect(
          wordingFree.some((x) => x.includes(agency)),
          `${n}: ${agency}`,
        ).toBe(false);
    }

    // DGA's 14-item dataset metadata, in Thai and English, in both files.
    const meta = records(text['metadata.csv'] as string);
    expect(meta.map((m) => m.key)).toEqual([
      'title',
      'owner_org',
      'maintainer',
      'maintainer_email',
      'tags',
      'description',
      'objective',
      'update_frequency',
      'geographic_scope',
      'source',
      'format',
      'category',
      'license',
      'access_conditions',
    ]);
    for (const m of meta)
      for (const k of ['field_th', 'field_en', 'value_th', 'value_en']) expect(m[k], k).not.toBe('');
    expect(meta[0]?.value_th).toContain('2566');
    const json = JSON.parse(text['metadata.json'] as string);
    expect(json.metadata).toHaveLength(14);
    expect(json.metadata[1].value.th).toContain('สำนักงานพัฒนารัฐบาลดิจิทัล');

    // A level-distribution figure equals the levels API's.
    const levels = (await get(`/api/analytics/cycles/${cycle2566}/levels?track=department`)).json();
    const p1 = levels.pillars.find((p: { key: string }) => p.key === 'P1');
    const dist = records(text['level-distribution.csv'] as string);
    const row = dist.find(
      (r) =>
        r.segment_by === 'track' &&
        r.segment_value === 'department' &&
        r.scope === 'pillar_at_least' &&
        r.pillar_key === 'P1',
    ) as Record<string, string>;
    expect([num(row.count), num(row.denominator), num(row.percent)]).toEqual([
      p1.atLeast.numerator,
      p1.atLeast.denominator,
      p1.atLeast.percent,
    ]);
    expect(dist.some((r) => r.segment_by === 'org_type')).toBe(true);
    expect(dist.some((r) => r.segment_by === 'role' && r.segment_value === 'policy')).toBe(true);

    // Item statistics: closed questions only, counts with denominators, no free text.
    const items = records(text['item-statistics.csv'] as string);
    const tech = items.find(
      (r) => r.question_code === 'TECHNOLOGIES' && r.segment === 'department' && r.code === 'api',
    );
    const api = (await get(`/api/analytics/cycles/${cycle2566}/items/TECHNOLOGIES?track=department`)).json();
    const o = api.overall.options.find((x: { code: string }) => x.code === 'api');
    expect([num(tech?.count), num(tech?.denominator), num(tech?.percent)]).toEqual([
      o.count,
      o.share.denominator,
      o.share.percent,
    ]);
    expect(items.some((r) => r.kind === 'other_text')).toBe(false);
    expect(items.some((r) => r.question_type === 'text' || r.question_type === 'number')).toBe(false);
    const rates = records(text['response-rates.csv'] as string);
    expect(rates.some((r) => r.segment_by === 'ministry')).toBe(false);
  });
});

describe('codebook for the wide export', () => {
  it('describes every column of the raw wide CSV', () => {
    const fw = framework2566();
    const described = new Set(codebookRows(fw).map((r) => r.code));
    const missing = wideColumns(fw).names.filter((n) => !described.has(n));
    expect(missing).toEqual([]);
    const rows = codebookRows(fw);
    const api = rows.find((r) => r.code === 'TECHNOLOGIES__api');
    expect(api).toMatchObject({ kind: 'wide_column', type: 'binary', option_code: 'api', min: 0, max: 1 });
    expect(rows.find((r) => r.code === 'OD_USER_SURVEY_REASON__coded')?.kind).toBe('wide_column');
    expect(rows.find((r) => r.code === 'OD_USER_SURVEY_REASON__other')?.type).toBe('text');
  });
});
