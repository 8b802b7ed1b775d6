import type { Framework, Level } from '@dg/shared/schemas/framework';
import type { ResultsDashboard } from '@dg/shared/schemas/report';
import { REJECTION_REASONS } from '@dg/shared/schemas/review';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Personas, setupPersonas } from '../support/fixtures';
import {
  importTestFramework,
  insertCycle,
  insertNamedAgency,
  pillarQuestionCodes,
  strengthAnswers,
  submitWithSnapshot,
} from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/** A rejection reason code as the review screen stores it, its label, and the comment the fixture stores. */
const REASON = 'evidence_no_action';
const REASON_TH = REJECTION_REASONS.evidence_no_action.th;
const REASON_EN = REJECTION_REASONS.evidence_no_action.en;
const COMMENT = 'ตรวจสอบหลักฐานแล้วไม่พบการดำเนินการ';
/** Topic-tagged yes/no questions of the department track (fact-finding). */
const FACT_DIFFER = 'PLATFORM_CONNECTED';
const FACT_AGREE = 'CYBER_STANDARD';

/** Median as the schema defines it (mean of the middle two for an even count), written out independently. */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

describe('agency results and reports', () => {
  let t: TestApp;
  let p: Personas;
  let fw: Framework;
  let cycle: number;
  let previewCycle: number;
  const INJECTION = '=HYPERLINK("http://evil.example","x")';
  let textCode: string;
  const fixtureIds = { peers: [] as number[], stateEnterprise: 0, provinces: [] as number[] };

  beforeAll(async () => {
    t = await createTestApp();
    p = await setupPersonas(t.app, t.db);
    const f = await importTestFramework(t.db);
    fw = f.framework;
    const prev = await insertCycle(t.db, f.id, 2022, 'published');
    cycle = (await insertCycle(t.db, f.id, 2023, 'published')).id;
    previewCycle = (await insertCycle(t.db, f.id, 2024, 'closed')).id;

    // A P2 text question carries a formula-looking answer (XLSX escaping) and P2 is rejected at verification.
    const p2 = pillarQuestionCodes(fw, 'P2');
    textCode =
      fw.pillars
        .flatMap((x) => x.indicators.flatMap((i) => i.questions))
        .find((q) => (q.type === 'text' || q.type === 'long_text') && q.tracks.includes('department'))?.code ?? '';
    // Fact-finding: A says no on FACT_DIFFER where four of its five peers say yes, and yes on FACT_AGREE
    // like all of them. The state enterprise (not a peer) says no too and must not be counted.
    const fact = (v: { differ: string; agree: string }) => ({ [FACT_DIFFER]: v.differ, [FACT_AGREE]: v.agree });
    const answersA = {
      ...strengthAnswers(fw, 'department', 0.9, 1),
      ...(textCode ? { [textCode]: INJECTION } : {}),
      ...fact({ differ: 'no', agree: 'yes' }),
    };
    // Reasons are stored as codes (as the review screen saves them); reports must show their labels.
    const rejected = Object.fromEntries(p2.filter((c) => c in answersA).map((c) => [c, REASON]));
    await submitWithSnapshot(t.db, cycle, p.agencyA, answersA, rejected);
    await submitWithSnapshot(t.db, cycle, p.agencyB, {
      ...strengthAnswers(fw, 'department', 0.4, 2),
      ...fact({ differ: 'no', agree: 'yes' }),
    });
    for (let i = 0; i < 4; i++) {
      const a = await insertNamedAgency(t.db, `TP0${i}`, `หน่วยงานเปรียบเทียบ ${i}`, `Peer ${i}`);
      await submitWithSnapshot(t.db, cycle, a.id, {
        ...strengthAnswers(fw, 'department', 0.2 + i * 0.2, 10 + i),
        ...fact({ differ: 'yes', agree: 'yes' }),
      });
      fixtureIds.peers.push(a.id);
    }
    // A department of another type: in the national comparison, not in A's peer group.
    const se = await insertNamedAgency(t.db, 'TSE1', 'รัฐวิสาหกิจทดสอบ', 'Test SOE', 'department', 'state_enterprise');
    await submitWithSnapshot(t.db, cycle, se.id, {
      ...strengthAnswers(fw, 'department', 0.1, 30),
      ...fact({ differ: 'no', agree: 'no' }),
    });
    fixtureIds.stateEnterprise = se.id;
    // Strong provinces: counted with departments they would pull the national medians up.
    for (let i = 0; i < 3; i++) {
      const prov = await insertNamedAgency(t.db, `TPV${i}`, `จังหวัดทดสอบ ${i}`, `Test province ${i}`, 'province');
      await submitWithSnapshot(t.db, cycle, prov.id, strengthAnswers(fw, 'province', 1, 20 + i));
      fixtureIds.provinces.push(prov.id);
    }
    await submitWithSnapshot(t.db, prev.id, p.agencyA, strengthAnswers(fw, 'department', 0.3, 3));
    await submitWithSnapshot(t.db, previewCycle, p.agencyA, strengthAnswers(fw, 'department', 0.6, 4), {
      [pillarQuestionCodes(fw, 'P1')[0] as string]: 'ไม่มีหลักฐาน',
    });
  }, 180_000);
  afterAll(async () => t?.close());

  const get = (url: string, who: keyof Personas) =>
    t.app.inject({ method: 'GET', url, headers: (p[who] as { headers: Record<string, string> }).headers });

  it('gives an agency user its own dashboard: official levels, benchmarks, year over year, verification changes', async () => {
    const res = await get(`/api/results/${cycle}/agency/${p.agencyA}`, 'respondentA');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ResultsDashboard;
    expect(d.official).toBe(true);
    expect(d.label).toBe('official');
    expect(d.basis).toBe('verified');
    expect(d.agency).toMatchObject({
      id: p.agencyA,
      track: 'department',
      orgType: 'government_agency',
      role: 'service',
    });
    expect(d.cycle.fiscalYear).toBe(2023);
    expect(d.result.pillars).toHaveLength(7);
    for (const pl of d.result.pillars) {
      if (pl.level)
        expect(pl.levelName?.en).toBe(fw.pillars.find((x) => x.key === pl.key)?.levelNames[pl.level - 1]?.en);
    }
    expect(d.peerGroup.size).toBe(6); // A, B and four peers; the state enterprise and provinces are not peers
    expect(d.nationalSize).toBe(7); // the seven departments; provinces are another track
    // Medians recomputed from each agency's own published pillar levels (read by an analyst).
    const levelsOf = async (id: number) =>
      ((await get(`/api/results/${cycle}/agency/${id}`, 'analyst')).json() as ResultsDashboard).result.pillars;
    const peerIds = [p.agencyA, p.agencyB, ...fixtureIds.peers];
    const departmentIds = [...peerIds, fixtureIds.stateEnterprise];
    const byAgency = new Map<number, Awaited<ReturnType<typeof levelsOf>>>();
    for (const id of [...departmentIds, ...fixtureIds.provinces]) byAgency.set(id, await levelsOf(id));
    const medianOf = (ids: number[], key: string) =>
      median(ids.map((id) => byAgency.get(id)?.find((x) => x.key === key)?.level).filter((v): v is Level => v != null));
    let mixedDiffers = false;
    for (const b of d.benchmarks) {
      expect(b.peerMedian, b.key).toBe(medianOf(peerIds, b.key));
      expect(b.nationalMedian, b.key).toBe(medianOf(departmentIds, b.key));
      if (medianOf([...departmentIds, ...fixtureIds.provinces], b.key) !== b.nationalMedian) mixedDiffers = true;
    }
    expect(mixedDiffers, 'the fixture must tell a track median from a mixed one').toBe(true);
    expect(d.benchmarks.every((b) => b.peerMedian !== null && b.nationalMedian !== null)).toBe(true);
    expect(d.previousCycle?.fiscalYear).toBe(2022);
    // The pillar mapping (previousKey) carries last year's levels.
    const p7 = d.benchmarks.find((b) => b.key === 'P7');
    expect(p7?.previousKey).toBe(fw.pillars.find((x) => x.key === 'P7')?.previousKey ?? null);
    expect(d.benchmarks.some((b) => b.previousLevel !== null)).toBe(true);
    const p2 = d.verificationChanges.find((c) => c.pillarKey === 'P2');
    expect(p2, JSON.stringify(d.verificationChanges)).toBeDefined();
    expect(p2?.selfLevel).not.toBe(p2?.verifiedLevel);
    expect(p2?.answers.length).toBeGreaterThan(0);
    expect(p2?.answers[0]?.reason).toBe(REASON);
    expect(p2?.answers[0]?.comment).toBe(COMMENT);

    // Fact-finding: the question A answers unlike most peers, with the peers' share; not the one it agrees on.
    const differ = d.factFinding.find((f) => f.questionCode === FACT_DIFFER);
    expect(differ, JSON.stringify(d.factFinding)).toBeDefined();
    const optionOf = (code: string) =>
      fw.pillars
        .flatMap((x) => x.indicators.flatMap((i) => i.questions))
        .find((q) => q.code === FACT_DIFFER)
        ?.options?.find((o) => o.code === code)?.label;
    expect(differ?.agencyAnswer).toEqual(optionOf('no') ?? { th: 'ไม่ใช่', en: 'No' });
    expect(differ?.peerModalAnswer).toEqual(optionOf('yes') ?? { th: 'ใช่', en: 'Yes' });
    expect(differ?.agencyAnswer.en).toBe('No');
    expect(differ?.peerAnswered).toBe(5); // B and four peers; not A itself, not the state enterprise
    expect(differ?.peerModalShare).toBeCloseTo(4 / 5, 10);
    expect(d.factFinding.some((f) => f.questionCode === FACT_AGREE)).toBe(false);

    const viewer = await get(`/api/results/${cycle}/agency/${p.agencyA}`, 'viewerA');
    expect(viewer.statusCode).toBe(200);
    const analyst = await get(`/api/results/${cycle}/agency/${p.agencyB}`, 'analyst');
    expect(analyst.statusCode).toBe(200);
  });

  it("refuses another agency's dashboard and report downloads with 403", async () => {
    for (const suffix of ['', '/report.pdf', '/report.xlsx']) {
      const res = await get(`/api/results/${cycle}/agency/${p.agencyB}${suffix}`, 'respondentA');
      expect(res.statusCode, suffix).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await get(`/api/results/${cycle}/agency/${p.agencyA}${suffix}`, 'respondentB')).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/results/${cycle}/agency/${p.agencyA}` })).statusCode).toBe(
      401,
    );
    // Bulk jobs are for DGA staff.
    const zip = await t.app.inject({
      method: 'POST',
      url: `/api/results/${cycle}/reports-zip`,
      headers: p.respondentA.headers,
    });
    expect(zip.statusCode).toBe(403);
  });

  it('round-trips the XLSX: four sheets, the same levels, formula-looking text neutralised', async () => {
    const res = await get(`/api/results/${cycle}/agency/${p.agencyA}/report.xlsx?lang=en`, 'respondentA');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    // English: the C.E. year in the file name (Thai keeps B.E.), as every export.
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="dg-readiness-2023-TA01\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Answers', 'Pillars', 'Criteria', 'Benchmarks']);
    const d = (await get(`/api/results/${cycle}/agency/${p.agencyA}`, 'respondentA')).json() as ResultsDashboard;
    const pillars = wb.getWorksheet('Pillars');
    for (const [i, pl] of d.result.pillars.entries()) {
      const row = pillars?.getRow(i + 2);
      expect(row?.getCell(1).value).toBe(pl.key);
      expect(row?.getCell(3).value ?? null).toBe(pl.level);
      expect(row?.getCell(5).value ?? null).toBe(pl.score);
    }
    const criteria = wb.getWorksheet('Criteria');
    expect(criteria?.rowCount).toBe(1 + d.result.pillars.reduce((n, pl) => n + pl.criteria.length, 0));
    // The sheet names criteria as the results screen and the PDF do (one source: d.criteria), by
    // pillar and indicator, with the answer; no criterion is called by a bare "Yes".
    const lines = d.criteria.flatMap((pl) => pl.indicators.flatMap((ind) => ind.criteria.map((c) => ({ pl, ind, c }))));
    expect(lines.length).toBe(d.result.pillars.reduce((n, pl) => n + pl.criteria.length, 0));
    for (const [i, { pl, ind, c }] of lines.entries()) {
      const row = criteria?.getRow(i + 2);
      expect(row?.getCell(1).value).toBe(`${pl.number}. ${pl.name.en}`);
      // The indicator by its name: codes stay only in the criterion and question code columns.
      expect(row?.getCell(2).value).toBe(ind.name.en);
      expect(row?.getCell(4).value).toBe(c.label.en);
      expect(String(row?.getCell(4).value)).not.toMatch(/^(yes|no)$/i);
      expect(row?.getCell(11).value).toBe(c.id);
    }
    const cio = lines.find((l) => l.c.id === 'POL_CIO.yes');
    expect(cio?.c.label.en).toBe('Chief Information Officer (CIO) appointed');
    expect(cio?.ind.code).toBe('P1.1');
    expect(cio?.c.answer?.en).toMatch(/^(Yes|No)$/);
    const bench = wb.getWorksheet('Benchmarks');
    expect(bench?.getRow(2).getCell(4).value).toBe(d.benchmarks[0]?.peerMedian);
    // Rejected answers carry the reason's label and the analyst's comment; the stored code shows nowhere.
    const rejectedRows: string[][] = [];
    wb.getWorksheet('Answers')?.eachRow((row) => {
      if (row.getCell(6).value === 'rejected') rejectedRows.push([7, 8].map((c) => String(row.getCell(c).value)));
    });
    expect(rejectedRows.length).toBeGreaterThan(0);
    for (const r of rejectedRows) expect(r).toEqual([REASON_EN, COMMENT]);
    const cellsText = (book: ExcelJS.Workbook) => {
      const out: string[] = [];
      for (const ws of book.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
      return out.join('\n');
    };
    expect(cellsText(wb)).not.toContain(REASON);
    const thRes = await get(`/api/results/${cycle}/agency/${p.agencyA}/report.xlsx?lang=th`, 'respondentA');
    const thBook = new ExcelJS.Workbook();
    await thBook.xlsx.load(thRes.rawPayload as unknown as ArrayBuffer);
    expect(cellsText(thBook)).toContain(REASON_TH);
    expect(cellsText(thBook)).not.toContain(REASON);
    if (textCode) {
      const answers = wb.getWorksheet('Answers');
      let found = false;
      answers?.eachRow((row) => {
        if (row.getCell(1).value === textCode) {
          found = true;
          expect(row.getCell(4).value).toBe(`'${INJECTION}`);
          expect(row.getCell(4).formula).toBeUndefined();
        }
      });
      expect(found).toBe(true);
    }
  });

  it('shows agencies only their self-assessed preview before publication, clearly labelled', async () => {
    const res = await get(`/api/results/${previewCycle}/agency/${p.agencyA}`, 'respondentA');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ResultsDashboard;
    expect(d.official).toBe(false);
    expect(d.label).toBe('preview');
    expect(d.basis).toBe('self');
    expect(d.verified).toBeNull();
    expect(d.result).toEqual(d.selfAssessed);
    expect(d.benchmarksAvailable).toBe(false);
    expect(d.benchmarks.every((b) => b.peerMedian === null && b.nationalMedian === null)).toBe(true);
    expect(d.verificationChanges).toEqual([]);
    expect(d.factFinding).toEqual([]);
    // DGA staff see the verified result, still labelled as a preview.
    const staff = (await get(`/api/results/${previewCycle}/agency/${p.agencyA}`, 'analyst')).json() as ResultsDashboard;
    expect(staff.label).toBe('preview');
    expect(staff.basis).toBe('verified');
    expect(staff.verified).not.toBeNull();
    // No result before submission; unknown cycles are 404.
    expect((await get(`/api/results/${previewCycle}/agency/${p.agencyB}`, 'respondentB')).statusCode).toBe(404);
    expect((await get(`/api/results/999999/agency/${p.agencyA}`, 'respondentA')).statusCode).toBe(404);
    // The preview XLSX hides verification columns' content.
    const x = await get(`/api/results/${previewCycle}/agency/${p.agencyA}/report.xlsx`, 'respondentA');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain('-preview.xlsx');
  });
});
