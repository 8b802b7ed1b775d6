import { describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { correctionIssues } from '../../shared/src/domain/framework-correction';
import { type Framework, FrameworkSchema, type Question } from '../../shared/src/schemas/framework';

const base = FrameworkSchema.parse(dgrs2566);
const clone = () => structuredClone(base) as Framework;
const paths = (f: Framework) => correctionIssues(base, f).map((i) => i.pathText);

/** The first question with options, and where it sits. */
function firstOptionQuestion(f: Framework): { q: Question; at: string } {
  for (const [pi, p] of f.pillars.entries())
    for (const [ii, ind] of p.indicators.entries())
      for (const [qi, q] of ind.questions.entries())
        if ((q.options?.length ?? 0) > 1 && q.options?.some((o) => o.maturity))
          return { q, at: `pillars[${pi}].indicators[${ii}].questions[${qi}]` };
  throw new Error('no option question');
}

describe('what a correction of a frozen framework may change', () => {
  it('accepts new texts, scoring, criteria, option maturity and pillar mapping', () => {
    const f = clone();
    f.title.en = 'Corrected title';
    const p1 = f.pillars[0] as Framework['pillars'][number];
    p1.name.th = 'ชื่อใหม่';
    p1.weight = 2;
    p1.scoring = { mode: 'score', minOptionalShare: 0, cutPoints: [10, 20, 30, 40] };
    p1.previousKey = 'P1';
    f.overall.method = 'median';
    const { q } = firstOptionQuestion(f);
    q.text.en = 'Reworded question';
    q.help = { th: 'คำอธิบาย', en: 'Help' };
    const withMaturity = q.options?.find((o) => o.maturity);
    if (withMaturity?.maturity) withMaturity.maturity = { ...withMaturity.maturity, level: 5, weight: 3 };
    if (q.options?.[0]) q.options[0].label.en = 'Relabelled';
    expect(correctionIssues(base, f)).toEqual([]);
  });

  it('refuses changes to what stored answers are keyed by, naming each path', () => {
    const f = clone();
    f.code = 'DGRS-2566-B';
    const { q, at } = firstOptionQuestion(f);
    q.type = q.type === 'single' ? 'staged' : 'single';
    q.tracks = ['province'];
    const first = q.options?.[0];
    if (first) first.code = 'renamed_option';
    expect(paths(f)).toEqual(['code', `${at}.type`, `${at}.tracks`, `${at}.options`]);
    expect(correctionIssues(base, f).every((i) => i.code === 'correction_not_allowed')).toBe(true);
  });

  it('refuses added, removed or moved questions and pillars', () => {
    const moved = clone();
    const ind = moved.pillars[0]?.indicators[0];
    if (!ind) throw new Error('no indicator');
    ind.questions.reverse();
    expect(paths(moved)).toEqual(['pillars[0].indicators[0].questions']);

    const dropped = clone();
    dropped.pillars.pop();
    expect(paths(dropped)).toEqual(['pillars']);
  });
});
