import { compileFramework } from '@dg/shared/domain/criteria';
import {
  addIndicator,
  addPillar,
  addQuestion,
  removeIndicator,
  removeQuestion,
} from '@dg/shared/domain/framework-draft-edits';
import { validateFramework } from '@dg/shared/domain/framework-validate';
import { computeResult } from '@dg/shared/domain/maturity-engine';
import type { Condition, Framework } from '@dg/shared/schemas/framework';
import { describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';

const seed = (): Framework => {
  const r = validateFramework(dgrs2566);
  if (!r.ok) throw new Error('seed does not validate');
  return structuredClone(r.framework);
};

const reads = (c: Condition | undefined): string[] =>
  !c ? [] : 'question' in c ? [c.question] : 'not' in c ? reads(c.not) : ('all' in c ? c.all : c.any).flatMap(reads);

describe('structural edits of a draft (add and remove questions, indicators, pillars)', () => {
  it('adds a question, an indicator and a pillar that validate as added and score from level 1 to 5', () => {
    const fw = seed();
    const q = addQuestion(fw, 0, 0, 0);
    expect(fw.pillars[0]?.indicators[0]?.questions[1]?.code).toBe(q);
    const before = fw.pillars[1]?.indicators.length ?? 0;
    addIndicator(fw, 1);
    expect(fw.pillars[1]?.indicators.at(-1)?.code).toBe(`P2.${before + 1}`);
    const pq = addPillar(fw);
    expect(fw.pillars.at(-1)).toMatchObject({ key: 'P8', number: 8 });
    const r = validateFramework(fw);
    expect(r.ok ? [] : r.issues.map((i) => i.pathText)).toEqual([]);
    // The new pillar reaches level 5 when its question says so.
    const result = computeResult(
      compileFramework(fw, 'department'),
      { [pq]: { value: 'level_5' } },
      {
        basis: 'self',
        frameworkHash: 'test',
      },
    );
    expect(result.pillars.find((p) => p.key === 'P8')?.level).toBe(5);
  });

  it('names what a removal breaks: a condition reading the removed question, an empty indicator', () => {
    const fw = seed();
    // A question whose display condition reads an earlier question of the same framework.
    const all = fw.pillars.flatMap((p, pi) =>
      p.indicators.flatMap((ind, ii) => ind.questions.map((q, qi) => ({ q, pi, ii, qi }))),
    );
    const dependent = all.find((x) => reads(x.q.showIf).length > 0);
    if (!dependent) throw new Error('no conditional question in 2566');
    const readCode = reads(dependent.q.showIf)[0];
    const target = all.find((x) => x.q.code === readCode);
    if (!target) throw new Error('condition reads an unknown question');
    removeQuestion(fw, target.pi, target.ii, target.qi);
    const r = validateFramework(fw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.message.includes(readCode ?? '?'))).toBe(true);

    const fw2 = seed();
    const ind = fw2.pillars[0]?.indicators[0];
    for (let i = (ind?.questions.length ?? 0) - 1; i >= 0; i--) removeQuestion(fw2, 0, 0, i);
    const r2 = validateFramework(fw2);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.issues.some((i) => i.pathText.startsWith('pillars[0].indicators[0]'))).toBe(true);
    removeIndicator(fw2, 0, 0);
    expect(fw2.pillars[0]?.indicators[0]?.code).not.toBe('P1.1');
  });
});
