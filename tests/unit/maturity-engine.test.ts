import { describe, expect, it } from 'vitest';
import { compileFramework } from '../../shared/src/domain/criteria';
import { computeResult, computeResults, ENGINE_VERSION } from '../../shared/src/domain/maturity-engine';
import { roundHalfUp2 } from '../../shared/src/domain/maturity-scoring';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import { type FrameworkInput, FrameworkSchema, type OverallMethod } from '../../shared/src/schemas/framework';
import { type PillarResult, type Result, ResultSchema } from '../../shared/src/schemas/result';
import { na, no, smallFramework, smallFrameworkInput, val, yes } from '../support/engine-fixtures';

const dept = compileFramework(smallFramework(), 'department');
const run = (answers: AnswerMap, compiled = dept): { selfAssessed: Result; verified: Result } =>
  computeResults(compiled, answers, { frameworkHash: 'sha256:test' });
const self = (answers: AnswerMap, compiled = dept): Result => run(answers, compiled).selfAssessed;
const pillar = (r: Result, key: string): PillarResult => {
  const p = r.pillars.find((x) => x.key === key);
  if (!p) throw new Error(`no pillar ${key}`);
  return p;
};
const states = (p: PillarResult): Record<string, string> => Object.fromEntries(p.criteria.map((c) => [c.id, c.state]));

/** A mid-level agency used across tests. */
const base: AnswerMap = {
  P1_GOV: val('plan'),
  P1_PRACTICES: val(['a']),
  P1_OPEN: yes,
  P1_SURVEY: no,
  P1_SURVEY_REASON: val({ choice: 'meeting' }),
  P2_TECH: val(['api', 'bigdata']),
  P2_SHARE: val(55),
  P2_CERT: no,
  P3_POLICY: yes,
  P3_PLAN: yes,
  P3_CHANNELS: val({ info: 'full', consult: 'some', decision: 'some' }),
  P3_STAFF: val(4),
};

describe('result envelope', () => {
  it('carries version, framework, basis and track, and matches ResultSchema', () => {
    const { selfAssessed, verified } = run(base);
    expect(selfAssessed).toMatchObject({
      engineVersion: ENGINE_VERSION,
      frameworkCode: 'TEST-SMALL',
      frameworkHash: 'sha256:test',
      basis: 'self',
      track: 'department',
    });
    expect(verified.basis).toBe('verified');
    expect(ENGINE_VERSION).toBe('1.0.0');
    expect(() => ResultSchema.parse(selfAssessed)).not.toThrow();
    expect(() => ResultSchema.parse(verified)).not.toThrow();
  });

  it('computeResult gives the same as the pair helper', () => {
    expect(computeResult(dept, base, { basis: 'verified', frameworkHash: 'sha256:test' })).toEqual(run(base).verified);
  });

  it('does not depend on answer key order', () => {
    const reversed = Object.fromEntries(Object.entries(base).reverse());
    expect(JSON.stringify(self(reversed))).toBe(JSON.stringify(self(base)));
  });
});

describe('staged mode (P1, minOptionalShare 0.5)', () => {
  it('reaches level 3 when the plan is in place and half the level-3 practices are', () => {
    const p = pillar(self(base), 'P1');
    expect(p).toMatchObject({
      status: 'assessed',
      level: 3,
      stagedLevel: 3,
      scoreLevel: null,
      levelName: { en: 'Constituent value' },
    });
    expect(states(p)).toEqual({
      'P1_GOV.list': 'met',
      'P1_OPEN.yes': 'met',
      'P1_GOV.plan': 'met',
      'P1_PRACTICES.a': 'met',
      'P1_PRACTICES.b': 'not_met',
      'P1_GOV.operating': 'not_met',
      'P1_PRACTICES.c': 'not_met',
      'P1_PRACTICES.d': 'not_met',
      'P1_GOV.improving': 'not_met',
      'P1_SURVEY.yes': 'not_met',
    });
    // Weights 1,1,1,1,2,1,1,1,1,1: 4 of 11 met (staged pillars still report a score).
    expect(p.score).toBe(36.36);
  });

  it('stays at level 2 when too few optional criteria of level 3 are met', () => {
    expect(pillar(self({ ...base, P1_PRACTICES: val(['none']) }), 'P1').level).toBe(2);
  });

  it('a stage implies the earlier stages, and a missing stage stops the climb', () => {
    const all = { ...base, P1_PRACTICES: val(['a', 'b', 'c', 'd']), P1_SURVEY: yes };
    expect(pillar(self({ ...all, P1_GOV: val('improving') }), 'P1').level).toBe(5);
    // Everything optional is in place, but no dataset list: level 1, never level 3 or 4.
    expect(pillar(self({ ...all, P1_GOV: val('none') }), 'P1').level).toBe(1);
  });

  it('a level with no optional criteria left after NA passes on its required ones', () => {
    const p = pillar(self({ ...base, P1_GOV: val('operating'), P1_PRACTICES: na() }), 'P1');
    expect(p.level).toBe(4);
    expect(p.criteria.filter((c) => c.state === 'not_applicable').map((c) => c.id)).toEqual([
      'P1_PRACTICES.a',
      'P1_PRACTICES.b',
      'P1_PRACTICES.c',
      'P1_PRACTICES.d',
    ]);
  });

  it('a follow-up hidden by showIf is not met (and flagged hidden)', () => {
    const p = pillar(self({ ...base, P1_OPEN: no, P1_SURVEY: yes }), 'P1');
    const survey = p.criteria.find((c) => c.id === 'P1_SURVEY.yes');
    expect(survey).toMatchObject({ state: 'not_met', hidden: true });
  });

  it('explains the next level literally, in Thai and English', () => {
    const next = pillar(self(base), 'P1').nextLevel;
    expect(next?.targetLevel).toBe(4);
    expect(next?.actions.map((a) => a.criterionId)).toEqual(['P1_GOV.operating', 'P1_PRACTICES.c']);
    expect(next?.summary).toEqual({
      th: 'เพื่อยกระดับเป็นระดับ 4 (การเปลี่ยนแปลงด้วยข้อมูลเชิงลึก): ดำเนินการธรรมาภิบาลข้อมูล; ดำเนินการ C',
      en: 'To reach level 4 (Insight-driven transformation): Operate data governance; Adopt practice C',
    });
    expect(next?.pointsNeeded).toBeNull();
  });

  it('lists the blocking optional criteria, heaviest first, lowest level first', () => {
    const next = pillar(self({ ...base, P1_PRACTICES: val(['none']) }), 'P1').nextLevel;
    // Level 3 needs one of a (weight 1) / b (weight 2): b is proposed.
    expect(next?.actions.map((a) => a.criterionId)).toEqual(['P1_PRACTICES.b']);
    expect(next?.summary.en).toBe('To reach level 3 (Constituent value): Adopt practice B');
    expect(next?.summary.th).toBe('เพื่อยกระดับเป็นระดับ 3 (คุณค่าต่อประชาชน): ดำเนินการ B');
  });

  it('has no next level at level 5', () => {
    const all = { ...base, P1_GOV: val('improving'), P1_PRACTICES: val(['a', 'b', 'c', 'd']), P1_SURVEY: yes };
    expect(pillar(self(all), 'P1').nextLevel).toBeNull();
  });
});

describe('score mode (P2, cut points 20/40/60/80, total weight 10)', () => {
  it('counts the level by cut points reached, a cut point included', () => {
    const p = pillar(self(base), 'P2');
    expect(p).toMatchObject({
      level: 4,
      score: 60,
      metWeight: 6,
      applicableWeight: 10,
      totalWeight: 10,
      stagedLevel: null,
      scoreLevel: 4,
    });
    expect(pillar(self({ ...base, P2_TECH: val(['api']), P2_SHARE: val(49) }), 'P2')).toMatchObject({
      level: 2,
      score: 20,
    });
    expect(pillar(self({ ...base, P2_TECH: val(['none']), P2_SHARE: val(10) }), 'P2')).toMatchObject({
      level: 1,
      score: 0,
    });
  });

  it('NA leaves numerator and denominator', () => {
    const p = pillar(self({ ...base, P2_CERT: na() }), 'P2');
    expect(p).toMatchObject({ applicableWeight: 9, metWeight: 6, score: 66.67, level: 4 });
    expect(states(p)['P2_CERT.yes']).toBe('not_applicable');
  });

  it('compares the unrounded score with the cut point', () => {
    const input = structuredClone(smallFrameworkInput) as FrameworkInput;
    const p2 = input.pillars[1];
    if (p2) p2.scoring = { mode: 'score', cutPoints: [20, 40, 66.67, 80] };
    const compiled = compileFramework(FrameworkSchema.parse(input), 'department');
    // 6 / 9 = 66.666...: reported as 66.67, still below the 66.67 cut.
    const p = pillar(self({ ...base, P2_CERT: na() }, compiled), 'P2');
    expect(p).toMatchObject({ score: 66.67, level: 3 });
    expect(p.nextLevel?.pointsNeeded).toBe(0);
  });

  it('explains the points needed and the criteria that close the gap', () => {
    const next = pillar(self(base), 'P2').nextLevel;
    expect(next).toMatchObject({ targetLevel: 5, targetScore: 80, pointsNeeded: 20 });
    // Level 4 criteria first; AI (weight 3) before the certificate (weight 1), and AI alone suffices.
    expect(next?.actions.map((a) => a.criterionId)).toEqual(['P2_TECH.ai']);
    expect(next?.summary).toEqual({
      th: 'เพื่อยกระดับเป็นระดับ 5 (ท:Exemplary): ใช้ปัญญาประดิษฐ์ (คะแนน 60.00 ต้องได้อย่างน้อย 80.00 ขาดอีก 20.00 คะแนน)',
      en: 'To reach level 5 (Exemplary): Use AI (score 60.00, needs 80.00: 20.00 more points)',
    });
  });

  it('the province track leaves out department-only questions', () => {
    const prov = compileFramework(smallFramework(), 'province');
    const p = pillar(self(base, prov), 'P2');
    expect(p.totalWeight).toBe(9);
    expect(p.criteria.some((c) => c.questionCode === 'P2_CERT')).toBe(false);
    expect(self(base, prov).track).toBe('province');
  });
});

describe('hybrid mode (P3, cut points 25/50/75/90)', () => {
  const strong: AnswerMap = {
    ...base,
    P3_PLAN: no,
    P3_CHANNELS: val({ info: 'full', consult: 'some', decision: 'full' }),
    P3_STAFF: val(12),
  };

  it('a high score cannot hide a missing prerequisite', () => {
    const p = pillar(self(strong), 'P3');
    expect(p).toMatchObject({ score: 90, scoreLevel: 5, stagedLevel: 2, level: 2, levelName: { en: 'Elementary' } });
    expect(p.nextLevel?.actions.map((a) => a.criterionId)).toEqual(['P3_PLAN.yes']);
    expect(p.nextLevel?.summary.en).toBe('To reach level 3 (Intermediate): Adopt a skills plan');
    expect(p.nextLevel?.pointsNeeded).toBe(0);
  });

  it('with the prerequisite, the score decides', () => {
    expect(pillar(self({ ...strong, P3_PLAN: yes }), 'P3')).toMatchObject({ score: 100, level: 5 });
    // 1 + 1 + 1 + 3 met of 10 = 60: staged allows 3, the score allows 3.
    expect(pillar(self(base), 'P3')).toMatchObject({ score: 60, stagedLevel: 5, scoreLevel: 3, level: 3 });
  });

  it('the score part of the explanation adds criteria until the cut point', () => {
    const next = pillar(self(base), 'P3').nextLevel;
    // 60 -> 75 needs 1.5 weight: staff (L3, w2) comes before e-decision (L4, w2).
    expect(next?.actions.map((a) => a.criterionId)).toEqual(['P3_STAFF_10']);
    expect(next?.summary.en).toBe(
      'To reach level 4 (Effective): Assess at least 10 staff (score 60.00, needs 75.00: 15.00 more points)',
    );
  });
});

describe('unanswered, rejected and completeness', () => {
  it('unanswered visible questions count as not met and lower completeness', () => {
    const { P1_GOV: _gov, P2_SHARE: _share, ...rest } = base;
    const r = self(rest);
    expect(states(pillar(r, 'P1'))['P1_GOV.list']).toBe('unanswered');
    expect(pillar(r, 'P1').level).toBe(1);
    expect(states(pillar(r, 'P2')).P2_SHARE_HALF).toBe('unanswered');
    expect(pillar(r, 'P2')).toMatchObject({ applicableWeight: 10, metWeight: 4 });
    // Required & visible: 5 in P1 (reason visible after "no"), 3 in P2, 3 in P3 (staff is optional).
    expect(r.completeness).toEqual({ answered: 9, required: 11, share: 9 / 11 });
    expect(pillar(r, 'P1').completeness).toEqual({ answered: 4, required: 5, share: 0.8 });
    expect(pillar(r, 'P3').completeness).toEqual({ answered: 3, required: 3, share: 1 });
  });

  it('a hidden question is not required and its stale answer is ignored', () => {
    const r = self({ ...base, P1_OPEN: no });
    expect(pillar(r, 'P1').completeness).toEqual({ answered: 3, required: 3, share: 1 });
  });

  it('rejection lowers the verified result only', () => {
    const answers: AnswerMap = { ...base, P3_PLAN: val('yes', 'rejected'), P2_SHARE: val(55, 'rejected') };
    const { selfAssessed, verified } = run(answers);
    expect(pillar(selfAssessed, 'P3').level).toBe(3);
    expect(pillar(verified, 'P3')).toMatchObject({ level: 2, stagedLevel: 2 });
    expect(states(pillar(verified, 'P3'))['P3_PLAN.yes']).toBe('rejected');
    expect(states(pillar(selfAssessed, 'P3'))['P3_PLAN.yes']).toBe('met');
    expect(pillar(selfAssessed, 'P2')).toMatchObject({ level: 4, score: 60 });
    expect(pillar(verified, 'P2')).toMatchObject({ level: 3, score: 40 });
    // Rejection is about the evidence, not whether the question was answered.
    expect(verified.completeness).toEqual(selfAssessed.completeness);
  });

  it('a question-level criterion is rejected when any answer it reads is rejected', () => {
    const input = structuredClone(smallFrameworkInput) as FrameworkInput;
    const share = input.pillars[1]?.indicators[0]?.questions.find((q) => q.code === 'P2_SHARE');
    share?.criteria?.push({
      code: 'P2_SHARE_API',
      label: { th: 'บริการออนไลน์ผ่าน API', en: 'Online services via API' },
      when: {
        all: [
          { question: 'P2_SHARE', op: 'gte', value: 50 },
          { question: 'P2_TECH', op: 'includes', value: 'api' },
        ],
      },
      pillar: 'P2',
      level: 4,
      action: { th: 'เชื่อมบริการผ่าน API', en: 'Serve through APIs' },
    });
    const compiled = compileFramework(FrameworkSchema.parse(input), 'department');
    const { selfAssessed, verified } = run({ ...base, P2_TECH: val(['api'], 'rejected') }, compiled);
    expect(states(pillar(selfAssessed, 'P2')).P2_SHARE_API).toBe('met');
    expect(states(pillar(verified, 'P2')).P2_SHARE_API).toBe('rejected');
  });

  it('a rejected NA counts as applicable and not met on the verified basis', () => {
    const { selfAssessed, verified } = run({
      ...base,
      P2_CERT: { notApplicable: { justification: 'No systems' }, verification: 'rejected' },
    });
    expect(pillar(selfAssessed, 'P2').applicableWeight).toBe(9);
    expect(pillar(verified, 'P2')).toMatchObject({ applicableWeight: 10, score: 60 });
  });
});

describe('not assessable and overall', () => {
  const fewApplicable: AnswerMap = { ...base, P1_PRACTICES: na() };

  it('a pillar with too little applicable weight is not assessable', () => {
    const compiled = compileFramework(smallFramework({ minApplicableShare: 0.6 }), 'department');
    const p = pillar(self(fewApplicable, compiled), 'P1');
    // 6 of 11 applicable = 0.545 < 0.6.
    expect(p).toMatchObject({ status: 'not_assessable', level: null, levelName: null, score: null, nextLevel: null });
    expect(p.applicableShare).toBeCloseTo(6 / 11, 12);
    // At the default 0.5 the same answers are assessable.
    expect(pillar(self(fewApplicable), 'P1').status).toBe('assessed');
  });

  const overall = (method: OverallMethod, answers: AnswerMap, minApplicableShare = 0.5): Result['overall'] =>
    self(answers, compileFramework(smallFramework({ method, minApplicableShare }), 'department')).overall;

  it('floor_weighted_mean: P1 3 (w1), P2 4 (w1), P3 3 (w2) -> floor(13/4) = 3', () => {
    expect(overall('floor_weighted_mean', base)).toEqual({
      method: 'floor_weighted_mean',
      level: 3,
      levelName: { th: 'ระดับขั้นกลาง', en: 'Defined' },
      assessedPillars: 3,
      totalPillars: 3,
    });
    // P3 down to 2: floor(11/4) = 2.
    expect(overall('floor_weighted_mean', { ...base, P3_PLAN: no }).level).toBe(2);
  });

  it('median: odd count takes the middle, even count floors the mean of the middle two', () => {
    expect(overall('median', { ...base, P3_PLAN: no }).level).toBe(3);
    // P1 not assessable, P2 4 and P3 2 -> 3; P2 4 and P3 3 -> floor(3.5) = 3.
    expect(overall('median', { ...fewApplicable, P3_PLAN: no }, 0.6)).toMatchObject({ level: 3, assessedPillars: 2 });
    expect(overall('median', { ...fewApplicable, P2_TECH: val(['api']), P2_SHARE: val(1) }, 0.6).level).toBe(2);
  });

  it('minimum', () => {
    expect(overall('minimum', base).level).toBe(3);
    expect(overall('minimum', { ...base, P1_GOV: val('none') }).level).toBe(1);
  });

  it('no assessable pillar -> overall null; nothing applicable is never assessable', () => {
    const input = structuredClone(smallFrameworkInput) as FrameworkInput;
    const answers: AnswerMap = {};
    for (const p of input.pillars)
      for (const ind of p.indicators)
        for (const q of ind.questions) {
          q.allowNotApplicable = true;
          answers[q.code] = na();
        }
    const r = self(answers, compileFramework(FrameworkSchema.parse(input), 'department'));
    expect(r.overall).toMatchObject({ level: null, levelName: null, assessedPillars: 0, totalPillars: 3 });
    expect(r.pillars.map((p) => p.status)).toEqual(['not_assessable', 'not_assessable', 'not_assessable']);

    input.minApplicableShare = 0;
    const r0 = self(answers, compileFramework(FrameworkSchema.parse(input), 'department'));
    // P1 keeps one applicable criterion: P1_SURVEY is hidden (NA on P1_OPEN), hence not met.
    expect(r0.pillars.map((p) => p.status)).toEqual(['assessed', 'not_assessable', 'not_assessable']);
    expect(pillar(r0, 'P1')).toMatchObject({ applicableWeight: 1, metWeight: 0, level: 4 });
  });
});

describe('roundHalfUp2', () => {
  it('rounds half up despite binary fractions', () => {
    expect(roundHalfUp2(1.005)).toBe(1.01);
    expect(roundHalfUp2(67.465)).toBe(67.47);
    expect(roundHalfUp2(200 / 3)).toBe(66.67);
    expect(roundHalfUp2(100)).toBe(100);
  });
});
