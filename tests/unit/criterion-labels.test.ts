import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { compileFramework } from '../../shared/src/domain/criteria';
import { isBareOptionWord, optionCriterionLabel } from '../../shared/src/domain/criterion-label';
import { validateFramework } from '../../shared/src/domain/framework-validate';
import type { Framework, FrameworkInput } from '../../shared/src/schemas/framework';

function parse(input: FrameworkInput): Framework {
  const result = validateFramework(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.code} ${i.pathText}`).join('\n'));
  return result.framework;
}

const editions = [
  ['DGRS-2566', parse(dgrs2566)],
  ['DGRS-2565', parse(dgrs2565)],
] as const;

describe('criterion names in the seed frameworks', () => {
  for (const [code, fw] of editions) {
    for (const track of ['department', 'province'] as const) {
      it(`${code} ${track}: no criterion is called by a bare answer word, and none repeats within a pillar`, () => {
        const compiled = compileFramework(fw, track);
        expect(compiled.criteria.length).toBeGreaterThan(50);
        const bare = compiled.criteria.filter((c) => isBareOptionWord(c.label.th) || isBareOptionWord(c.label.en));
        expect(bare.map((c) => `${c.id}: ${c.label.th}`)).toEqual([]);
        for (const p of compiled.pillars) {
          const names = p.criteria.map((i) => compiled.criteria[i]?.label.th);
          const repeated = names.filter((n, i) => names.indexOf(n) !== i);
          expect(repeated, `${p.key} repeats criterion names`).toEqual([]);
        }
      });
    }
  }

  it('names yes/no criteria by the practice, e.g. the CIO appointment', () => {
    const compiled = compileFramework(editions[0][1], 'department');
    expect(compiled.criteria.find((c) => c.id === 'POL_CIO.yes')?.label).toEqual({
      th: 'มีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)',
      en: 'Chief Information Officer (CIO) appointed',
    });
    expect(compiled.criteria.find((c) => c.id === 'DG_PRACTICE_3.open_data')?.label.th).toBe(
      'มีระบบบริหารจัดการและคุ้มครองข้อมูลครบวงจร: ด้านการเปิดเผยข้อมูลภาครัฐ',
    );
  });
});

describe('the criterion-name rule of the framework validator', () => {
  const cioPath = (fw: Framework) => {
    for (const [pi, p] of fw.pillars.entries())
      for (const [ii, ind] of p.indicators.entries())
        for (const [qi, q] of ind.questions.entries()) if (q.code === 'POL_CIO') return { pi, ii, qi, q };
    throw new Error('POL_CIO missing');
  };

  it('refuses a yes/no criterion that would be called "มี/ใช่", with the path and a Thai message', () => {
    const doc = structuredClone(dgrs2566) as unknown as Framework;
    const { pi, ii, qi, q } = cioPath(doc);
    const yes = q.options?.find((o) => o.code === 'yes');
    if (!yes?.maturity) throw new Error('POL_CIO has no credited yes');
    delete yes.maturity.label;
    const result = validateFramework(doc);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues.filter((i) => i.code === 'criterion_label_bare');
    expect(issues).toHaveLength(1);
    const path = `pillars[${pi}].indicators[${ii}].questions[${qi}].options[0].maturity.label`;
    expect(issues[0]?.pathText).toBe(path);
    expect(issues[0]?.messageTh).toContain(path);
    expect(issues[0]?.messageTh).toContain('"มี/ใช่"');
    expect(issues[0]?.messageTh).toContain('POL_CIO.yes');
  });

  it('refuses "Yes" in English and a bare question-level label too', () => {
    const doc = structuredClone(dgrs2566) as unknown as Framework;
    const { q } = cioPath(doc);
    const yes = q.options?.find((o) => o.code === 'yes');
    if (!yes?.maturity) throw new Error('POL_CIO has no credited yes');
    yes.maturity.label = { th: 'มีการแต่งตั้ง CIO', en: ' yes ' };
    const plan = doc.pillars[0]?.indicators[0]?.questions.find((x) => x.code === 'POL_DG_PLAN');
    const crit = plan?.criteria?.[0];
    if (!crit) throw new Error('POL_DG_PLAN has no criteria');
    crit.label = { th: 'ใช่', en: 'Approved plan' };
    const result = validateFramework(doc);
    const codes = result.ok ? [] : result.issues.filter((i) => i.code === 'criterion_label_bare');
    expect(codes.map((i) => i.pathText.split('.').slice(-2).join('.'))).toEqual(
      expect.arrayContaining(['maturity.label', expect.stringMatching(/criteria\[0\]\.label$/)]),
    );
    expect(codes).toHaveLength(2);
  });

  it('keeps a stored framework loadable and names its yes/no criteria from the question', () => {
    const doc = structuredClone(dgrs2566) as unknown as Framework;
    const { q } = cioPath(doc);
    const yes = q.options?.find((o) => o.code === 'yes');
    if (!yes?.maturity) throw new Error('POL_CIO has no credited yes');
    delete yes.maturity.label;
    expect(validateFramework(doc, { stored: true }).ok).toBe(true);
    expect(optionCriterionLabel(q, yes).th).toBe('มีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)');
  });
});
