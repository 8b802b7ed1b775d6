import { describe, expect, it } from 'vitest';
import { agencies } from '../../seeds/registry/agencies';
import { DEMO_OWN_AGENCIES, demoAnswers2566 } from '../../seeds/synthetic/demo';
import { framework2566 } from '../../seeds/synthetic/reproduce-2566';
import { compileFramework } from '../../shared/src/domain/criteria';
import { computeResults } from '../../shared/src/domain/maturity-engine';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Track } from '../../shared/src/schemas/framework';

/**
 * The demo's 2566 answers (what `npm start` seeds), scored by the engine as the seed scores them:
 * the published shape (BRIEF.md) - departments strongest in pillar 1 and weakest in pillar 3 at
 * level 3 or above, provinces mostly at level 2 - and the published respondents less D001/D002.
 */
describe('demo 2566 answers', () => {
  const fw = framework2566();
  const generated = demoAnswers2566();
  const compiled = { department: compileFramework(fw, 'department'), province: compileFramework(fw, 'province') };
  const results = generated.responses.map((r) => {
    const map: AnswerMap = {};
    for (const [code, a] of Object.entries(r.answers)) map[code] = { value: a.value, verification: 'self_reported' };
    const verified = computeResults(compiled[r.track], map, { frameworkHash: 'demo' }).verified;
    return { ...verified, track: r.track as Track };
  });

  it('answers the published respondents except the demo agencies, which stay open', () => {
    const codes = new Set(generated.responses.map((r) => r.agencyCode));
    for (const own of DEMO_OWN_AGENCIES) expect(codes.has(own)).toBe(false);
    const respondents = agencies.filter((a) => a.respondent2566).map((a) => a.code);
    expect(respondents).toEqual(expect.arrayContaining([...DEMO_OWN_AGENCIES]));
    for (const a of agencies.filter((x) => !x.respondent2566)) expect(codes.has(a.code)).toBe(false);
    expect(results.filter((r) => r.track === 'department')).toHaveLength(292 - DEMO_OWN_AGENCIES.length);
    expect(results.filter((r) => r.track === 'province')).toHaveLength(76);
  });

  it('departments: pillar 1 has the largest level-3+ share, pillar 3 the smallest', () => {
    const depts = results.filter((r) => r.track === 'department');
    const share = new Map<string, number>();
    for (const p of fw.pillars) {
      const n = depts.filter((r) => (r.pillars.find((x) => x.key === p.key)?.level ?? 0) >= 3).length;
      share.set(p.key, n / depts.length);
    }
    const ranked = [...share.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('P1');
    expect(ranked.at(-1)?.[0]).toBe('P3');
  });

  it('provinces: mostly level 2 overall', () => {
    const provs = results.filter((r) => r.track === 'province');
    const counts = [1, 2, 3, 4, 5].map((l) => provs.filter((r) => r.overall.level === l).length);
    expect(Math.max(...counts)).toBe(counts[1]);
    expect((counts[1] as number) / provs.length).toBeGreaterThan(0.5);
  });
});
