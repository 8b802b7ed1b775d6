import { describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { compileDerived, derivedIndicatorOf } from '../../shared/src/domain/derived-indicators';
import { validateFramework } from '../../shared/src/domain/framework-validate';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { DerivedIndicatorDef, Framework } from '../../shared/src/schemas/framework';

function fw(extra?: unknown[]): Framework {
  const input = extra
    ? { ...dgrs2566, derivedIndicators: [...(dgrs2566.derivedIndicators ?? []), ...extra] }
    : dgrs2566;
  const r = validateFramework(input);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.framework;
}
const framework = fw();
const run = (code: string) => {
  const def = derivedIndicatorOf(framework, code) as DerivedIndicatorDef;
  return compileDerived(def, framework);
};
const tx = (dThis: number | null, tThis: number | null, dLast: number | null, tLast: number | null): AnswerMap => {
  const out: AnswerMap = {};
  const put = (code: string, v: number | null) => {
    out[code] = v === null ? { notApplicable: { justification: 'not counted this year' } } : { value: v };
  };
  put('TX_DIGITAL_THIS_YEAR', dThis);
  put('TX_TOTAL_THIS_YEAR', tThis);
  put('TX_DIGITAL_LAST_YEAR', dLast);
  put('TX_TOTAL_LAST_YEAR', tLast);
  return out;
};

describe('derived indicators (framework data)', () => {
  it('places the transaction trend by comparing the digital share of this year and last year', () => {
    const trend = run('TX_DIGITAL_SHARE_TREND');
    expect(trend(tx(60, 100, 40, 100)).category).toBe('rose');
    expect(trend(tx(30, 100, 40, 100)).category).toBe('fell');
    // Equal shares of different totals: 1/3 and 2/6 are the same, not a floating-point rise.
    expect(trend(tx(1, 3, 2, 6)).category).toBe('same');
    expect(trend(tx(null, 100, 40, 100)).category).toBe('unknown');
    expect(trend(tx(10, 0, 4, 10)).category).toBe('unknown');
    const o = trend(tx(60, 100, 40, 100));
    expect(o.inPopulation).toBe(true);
    expect(o.measures.TX_SHARE_CHANGE).toBeCloseTo(0.2, 9);
    // Not answered at all: outside the population.
    expect(trend({}).inPopulation).toBe(false);
  });

  it('counts fully digital agencies over those that gave both counts this year', () => {
    const full = run('TX_FULLY_DIGITAL');
    expect(full(tx(100, 100, null, null)).category).toBe('fully_digital');
    expect(full(tx(99, 100, 100, 100)).category).toBe('partly');
    expect(full(tx(null, 100, 1, 1)).inPopulation).toBe(false);
  });

  it('reads hidden questions as unknown: a leftover value is not an answer', () => {
    const full = run('TX_FULLY_DIGITAL');
    expect(full(tx(100, 100, 1, 1), new Set(['TX_DIGITAL_THIS_YEAR'])).inPopulation).toBe(false);
  });

  it('counts data governance complete on all six items (item 6 via any sub-item)', () => {
    const dg = run('DG_ALL_ASPECTS_ALL_ITEMS');
    const all = ['open_data', 'data_exchange', 'analytics'];
    const v: AnswerMap = { DG_STATUS: { value: 'in_operation' }, DG_PRACTICE_6: { value: 'stage_6_2' } };
    for (let i = 1; i <= 5; i++) v[`DG_PRACTICE_${i}`] = { value: all };
    v.DG_PRACTICE_6_1 = { value: ['open_data'] };
    v.DG_PRACTICE_6_2 = { value: all };
    expect(dg(v)).toMatchObject({ inPopulation: true, category: 'all_items' });
    v.DG_PRACTICE_6_2 = { value: ['analytics'] };
    expect(dg(v).category).toBe('not_all');
    expect(dg({ DG_STATUS: { value: 'list_only' } }).inPopulation).toBe(false);
  });

  it('counts items met and categorises by thresholds', () => {
    const all = ['open_data', 'data_exchange', 'analytics'];
    const f = fw([
      {
        code: 'DG_ITEMS_MET',
        label: { th: 'จำนวนข้อ', en: 'Items met' },
        populationLabel: { th: 'ดำเนินการ', en: 'In operation' },
        tracks: ['department'],
        population: { question: 'DG_STATUS', op: 'eq', value: 'in_operation' },
        measures: [
          {
            code: 'DG_MET_COUNT',
            count: [1, 2, 3, 4, 5].map((i) => ({ question: `DG_PRACTICE_${i}`, op: 'includes', value: all })),
          },
        ],
        categories: [
          { code: 'most', label: { th: 'มาก', en: 'Most' }, when: { question: 'DG_MET_COUNT', op: 'gte', value: 4 } },
          { code: 'some', label: { th: 'บาง', en: 'Some' }, when: { question: 'DG_MET_COUNT', op: 'gte', value: 1 } },
          { code: 'none', label: { th: 'ไม่มี', en: 'None' } },
        ],
        headline: 'most',
      },
    ]);
    const count = compileDerived(derivedIndicatorOf(f, 'DG_ITEMS_MET') as DerivedIndicatorDef, f);
    const v: AnswerMap = { DG_STATUS: { value: 'in_operation' } };
    for (let i = 1; i <= 4; i++) v[`DG_PRACTICE_${i}`] = { value: all };
    expect(count(v)).toMatchObject({ category: 'most', measures: { DG_MET_COUNT: 4 } });
    v.DG_PRACTICE_1 = { value: ['open_data'] };
    v.DG_PRACTICE_2 = { value: ['open_data'] };
    expect(count(v).category).toBe('some');
    expect(count({ DG_STATUS: { value: 'in_operation' } }).category).toBe('none');
  });

  it('rejects an indicator that reads unknown codes, a text question as a number, a misplaced catch-all', () => {
    const r = validateFramework({
      ...dgrs2566,
      derivedIndicators: [
        {
          code: 'BAD_ONE',
          label: { th: 'x', en: 'x' },
          populationLabel: { th: 'x', en: 'x' },
          tracks: ['department'],
          population: { question: 'NO_SUCH_QUESTION', op: 'answered' },
          measures: [{ code: 'BAD_RATIO', ratio: ['DG_STATUS', 'TX_TOTAL_THIS_YEAR'] }],
          categories: [
            { code: 'rest', label: { th: 'x', en: 'x' } },
            { code: 'rest', label: { th: 'y', en: 'y' }, when: { question: 'BAD_RATIO', op: 'gt', value: 0 } },
          ],
          headline: 'missing',
        },
      ],
    });
    expect(r.ok).toBe(false);
    const codes = r.ok ? [] : r.issues.map((i) => `${i.code} ${i.pathText}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'derived_unknown_ref derivedIndicators[0].population.question',
        'derived_not_numeric derivedIndicators[0].measures[0].ratio[0]',
        'derived_catch_all derivedIndicators[0].categories[0]',
        'derived_category_duplicate derivedIndicators[0].categories[1].code',
        'derived_headline derivedIndicators[0].headline',
      ]),
    );
  });
});
