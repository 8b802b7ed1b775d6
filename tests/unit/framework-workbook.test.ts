import { frameworkChanges, nextYearDraft } from '@dg/shared/domain/framework-next-year';
import { stableStringify, validateFramework } from '@dg/shared/domain/framework-validate';
import { frameworkToWorkbook, type WorkbookRows } from '@dg/shared/domain/framework-workbook-export';
import { type WorkbookData, workbookToFramework } from '@dg/shared/domain/framework-workbook-import';
import { SHEET_SPECS, WORKBOOK_SHEETS } from '@dg/shared/domain/framework-workbook-sheets';
import type { Framework } from '@dg/shared/schemas/framework';
import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';

const valid = (input: unknown): Framework => {
  const r = validateFramework(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.framework;
};

const asData = (rows: WorkbookRows): WorkbookData =>
  Object.fromEntries(
    WORKBOOK_SHEETS.map((s) => [
      s,
      { columns: SHEET_SPECS[s].columns.map((c) => c.key), rows: rows[s].map((cells, i) => ({ row: i + 3, cells })) },
    ]),
  );

describe('framework workbook mapping (pure)', () => {
  it.each([
    ['2565', dgrs2565],
    ['2566', dgrs2566],
  ])('maps %s to rows and back without loss', (_year, seed) => {
    const f = valid(seed);
    const back = workbookToFramework(asData(frameworkToWorkbook(f)));
    if (!back.ok) throw new Error(JSON.stringify(back.issues.slice(0, 3)));
    expect(stableStringify(back.framework)).toBe(stableStringify(f));
  });

  it('names an unknown parent, a condition node hanging loose and a missing sheet', () => {
    const rows = frameworkToWorkbook(valid(dgrs2566));
    const q = rows.questions[4];
    if (!q) throw new Error('fixture');
    q.indicator = 'P9.9';
    rows.conditions.push({
      question: 'POL_DG_PLAN',
      criterion: null,
      node: '1.1',
      logic: null,
      reads: 'X',
      op: 'answered',
    });
    const data = asData(rows);
    delete data.matrix_rows;
    const res = workbookToFramework(data);
    if (res.ok) throw new Error('expected problems');
    expect(res.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'questions', row: 7, column: 'A', code: 'unknown_parent' }),
        expect.objectContaining({ sheet: 'conditions', code: 'condition_node_missing' }),
        expect.objectContaining({ sheet: 'matrix_rows', row: null, code: 'sheet_missing' }),
      ]),
    );
    for (const i of res.issues) expect(i.messageTh).toMatch(/^ชีต "/);
  });

  it("next year's draft keeps every code, maps pillars to themselves and has no changes", () => {
    const f = valid(dgrs2566);
    const next = valid(nextYearDraft(f, { code: 'DGRS-2567', year: f.year + 1 }));
    expect(next.previousCode).toBe(f.code);
    expect(next.title.th).toContain(String(f.year + 544));
    const c = frameworkChanges(f, next);
    expect(c.questions).toEqual({ added: [], removed: [], changed: [] });
    expect(c.criteria).toEqual({ added: [], removed: [], changed: [] });
    expect(c.droppedPillars).toEqual([]);
  });

  it('lists a removed question with its criteria and a changed option maturity', () => {
    const f = valid(dgrs2566);
    const next = structuredClone(f);
    const q = next.pillars
      .flatMap((p) => p.indicators.flatMap((i) => i.questions))
      .find((x) => x.options?.some((o) => o.maturity));
    const opt = q?.options?.find((o) => o.maturity);
    if (!q || !opt?.maturity) throw new Error('fixture needs an option with maturity');
    opt.maturity.weight += 1;
    const removed = next.pillars.at(-1)?.indicators.at(-1)?.questions.pop();
    if (!removed) throw new Error('fixture');
    const c = frameworkChanges(f, next);
    expect(c.questions.removed.map((q) => q.code)).toEqual([removed.code]);
    expect(c.criteria.changed).toEqual([
      expect.objectContaining({ code: `${q.code}:${opt.code}`, fields: ['weight'] }),
    ]);
    expect(c.criteria.removed.length).toBe(
      (removed.criteria ?? []).length + (removed.options ?? []).filter((o) => o.maturity).length,
    );
  });
});
