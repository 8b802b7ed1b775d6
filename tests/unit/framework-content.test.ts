import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { factFindingTopics } from '../../shared/src/domain/fact-finding-topics';
import { validateFramework } from '../../shared/src/domain/framework-validate';
import type { Framework, FrameworkInput, Question, Track } from '../../shared/src/schemas/framework';

function parse(input: FrameworkInput): Framework {
  const result = validateFramework(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.code} ${i.pathText}`).join('\n'));
  return result.framework;
}

const fw2566 = parse(dgrs2566);
const fw2565 = parse(dgrs2565);

const questionsOf = (fw: Framework, track?: Track) =>
  fw.pillars
    .flatMap((p) => p.indicators.flatMap((i) => i.questions))
    .filter((q) => track === undefined || q.tracks.includes(track));
const byCode = new Map(questionsOf(fw2566).map((q) => [q.code, q]));
const optionCodes = (q: Question) => (q.options ?? []).map((o) => o.code);

describe('DGRS-2566 content', () => {
  const department = questionsOf(fw2566, 'department');
  const province = questionsOf(fw2566, 'province');

  it('asks departments 120-250 questions', () => {
    expect(department.length).toBeGreaterThanOrEqual(120);
    expect(department.length).toBeLessThanOrEqual(250);
  });

  it('has the seven pillars and five levels of the brief', () => {
    expect(fw2566.code).toBe('DGRS-2566');
    expect(fw2566.year).toBe(2023);
    expect(fw2566.pillars.map((p) => p.name.en)).toEqual([
      'Policies and Practices',
      'Data-driven Practices',
      'Digital Capability',
      'Public Services',
      'Smart Back Office',
      'Secure & Efficient Infrastructure',
      'Digital Technology Practices',
    ]);
    expect(fw2566.levels.map((l) => l.name.th)).toEqual([
      'ระดับขั้นริเริ่ม',
      'ระดับขั้นต้น',
      'ระดับขั้นกลาง',
      'ระดับขั้นสูง',
      'ระดับขั้นสูงสุด',
    ]);
    expect(fw2566.pillars.map((p) => p.levelNames.map((n) => n.en).join('/'))).toEqual([
      'Compliance/Transparency/Constituent value/Insight-driven transformation/Sustainability',
      'Foundational/Standardized/Optimized/Integrated/Exemplary',
      'Inefficient/Elementary/Intermediate/Effective/Digital savvy',
      'Reactive/Intermediated/Proactive/Embedded/Predictive',
      'Basic/Co-ordinated/Digital/Strategic/Transformational',
      'Obsolete/Fundamental/Cross-channel/Integrated/Digitized',
      'Outdated/Standard/Disruptive-tech/Leading-tech/Future-tech',
    ]);
    expect(fw2566.overall.rationale.th.length).toBeGreaterThan(20);
  });

  it('maps every fact-finding topic to at least one department question', () => {
    const mapping = Object.fromEntries(
      factFindingTopics.map((topic) => [
        topic.id,
        department.filter((q) => q.topics?.includes(topic.id)).map((q) => q.code),
      ]),
    );
    console.info('fact-finding topic -> department question codes\n', JSON.stringify(mapping, null, 2));
    for (const [topic, codes] of Object.entries(mapping)) expect(codes, topic).not.toHaveLength(0);
    expect(mapping.open_data_user_survey_reasons).toEqual(['OD_USER_SURVEY_REASON']);
    expect(mapping.transaction_volumes).toEqual([
      'TX_DIGITAL_THIS_YEAR',
      'TX_TOTAL_THIS_YEAR',
      'TX_DIGITAL_LAST_YEAR',
      'TX_TOTAL_LAST_YEAR',
    ]);
  });

  it('tags only known topics', () => {
    const known = new Set<string>(factFindingTopics.map((t) => t.id));
    for (const q of questionsOf(fw2566))
      for (const topic of q.topics ?? []) expect(known.has(topic), `${q.code}: ${topic}`).toBe(true);
  });

  it('gives provinces a variant of their own', () => {
    const deptCodes = new Set(department.map((q) => q.code));
    const provCodes = new Set(province.map((q) => q.code));
    const provinceOnly = [...provCodes].filter((c) => !deptCodes.has(c));
    const departmentOnly = [...deptCodes].filter((c) => !provCodes.has(c));
    expect(provinceOnly).toEqual(expect.arrayContaining(['PV_COMMITTEE', 'PV_DATA_SOURCES', 'PV_SHARED_INFRA']));
    expect(departmentOnly).toEqual(expect.arrayContaining(['POL_CIO', 'TX_TOTAL_THIS_YEAR', 'SA_STAFF_ASSESSED']));
    expect(province.length).toBeGreaterThan(60);
  });

  const expected: [code: string, type: Question['type'], options?: string[]][] = [
    ['DG_STATUS', 'single', ['none_plan', 'list_only', 'list_and_plan', 'in_operation']],
    ['DG_PRACTICE_1', 'multiple', ['open_data', 'data_exchange', 'analytics', 'none']],
    ['DG_PRACTICE_2', 'multiple', ['open_data', 'data_exchange', 'analytics', 'none']],
    ['DG_PRACTICE_3', 'multiple', ['open_data', 'data_exchange', 'analytics', 'none']],
    ['DG_PRACTICE_4', 'multiple', ['open_data', 'data_exchange', 'analytics', 'none']],
    ['DG_PRACTICE_5', 'multiple', ['open_data', 'data_exchange', 'analytics', 'none']],
    ['DG_PRACTICE_6', 'staged', ['stage_6_1', 'stage_6_2', 'stage_6_3']],
    ['DG_PRACTICE_6_1', 'multiple', ['open_data', 'data_exchange', 'analytics']],
    ['DG_PRACTICE_6_2', 'multiple', ['open_data', 'data_exchange', 'analytics']],
    ['DG_PRACTICE_6_3', 'multiple', ['open_data', 'data_exchange', 'analytics']],
    ['OD_PRACTICES', 'multiple'],
    ['OD_USER_SURVEY', 'yes_no'],
    [
      'OD_USER_SURVEY_REASON',
      'reason',
      [
        'internal_meeting',
        'not_yet',
        'in_progress',
        'not_specified',
        'not_core_mission',
        'under_study',
        'no_budget',
        'no_staff',
        'evidence_no_action',
        'other',
      ],
    ],
    ['OD_REUSE_PROMOTION', 'yes_no'],
    ['PDPA_TRAINING', 'yes_no'],
    ['PDPA_TRAINING_TIERS', 'multiple', ['tier_1_data_staff', 'tier_2_service_staff', 'tier_3_all_staff']],
    ['PDPA_COMPLIANCE', 'multiple', ['s23_25', 's24_26_27', 's37_1', 's37_3', 'none']],
    ['PLATFORM_CONNECTED', 'yes_no'],
    ['PLATFORM_TARGETS', 'multiple', ['citizen_portal', 'thaid']],
    ['TECHNOLOGIES', 'multiple', ['api', 'big_data', 'ai', 'iot', 'blockchain', 'cloud', 'rpa', 'none']],
    ['SKILL_PROMOTION', 'multiple'],
    ['SKILL_MEASUREMENT', 'multiple'],
    ['SA_STAFF_ASSESSED', 'number'],
    ['SA_SAMPLE_RATIO', 'number'],
    ['SA_AVG_SCORE', 'number'],
    ['VULN_DESIGN', 'yes_no'],
    ['VULN_REASON', 'reason', ['evidence_no_action', 'other']],
    ['EPART_CHANNELS', 'multiple', ['e_information', 'e_consultation', 'e_decision_making']],
    ['EPART_DIGITAL_CHANNELS', 'multiple', ['website', 'social_media', 'email']],
    ['EDECISION_SCOPE', 'multiple'],
    ['TX_DIGITAL_THIS_YEAR', 'number'],
    ['TX_TOTAL_THIS_YEAR', 'number'],
    ['TX_DIGITAL_LAST_YEAR', 'number'],
    ['TX_TOTAL_LAST_YEAR', 'number'],
    ['CYBER_STANDARD', 'yes_no'],
    ['CYBER_STANDARDS_USED', 'multiple', ['iso27001', 'nist_csf', 'ncsa_baseline']],
    ['CYBER_REASON', 'reason', ['evidence_no_action', 'other']],
  ];

  it.each(expected)('has stable code %s (%s) in the department track', (code, type, options) => {
    const question = byCode.get(code);
    expect(question, code).toBeDefined();
    expect(question?.type).toBe(type);
    expect(question?.tracks).toContain('department');
    if (options !== undefined) expect(optionCodes(question as Question)).toEqual(expect.arrayContaining(options));
  });

  it('marks the exclusive none options and the reason "other"', () => {
    for (const code of ['DG_PRACTICE_1', 'PDPA_COMPLIANCE', 'TECHNOLOGIES']) {
      expect(byCode.get(code)?.options?.find((o) => o.code === 'none')?.exclusive, code).toBe(true);
    }
    for (const code of ['OD_USER_SURVEY_REASON', 'VULN_REASON', 'CYBER_REASON']) {
      expect(
        byCode
          .get(code)
          ?.options?.filter((o) => o.other)
          .map((o) => o.code),
        code,
      ).toEqual(['other']);
    }
  });

  it('wires the follow-up questions to their population', () => {
    expect(byCode.get('DG_PRACTICE_3')?.showIf).toEqual({ question: 'DG_STATUS', op: 'eq', value: 'in_operation' });
    expect(byCode.get('DG_PRACTICE_6')?.showIf).toEqual({ question: 'DG_STATUS', op: 'eq', value: 'in_operation' });
    expect(byCode.get('DG_PRACTICE_6_2')?.showIf).toEqual({
      question: 'DG_PRACTICE_6',
      op: 'stage_at_least',
      value: 'stage_6_2',
    });
    expect(byCode.get('OD_USER_SURVEY_REASON')?.showIf).toEqual({ question: 'OD_USER_SURVEY', op: 'eq', value: 'no' });
    expect(byCode.get('PDPA_TRAINING_TIERS')?.showIf).toEqual({ question: 'PDPA_TRAINING', op: 'eq', value: 'yes' });
    expect(byCode.get('PLATFORM_TARGETS')?.showIf).toEqual({ question: 'PLATFORM_CONNECTED', op: 'eq', value: 'yes' });
    expect(byCode.get('EDECISION_SCOPE')?.showIf).toEqual({
      question: 'EPART_CHANNELS',
      op: 'includes',
      value: 'e_decision_making',
    });
    expect(byCode.get('CYBER_STANDARDS_USED')?.showIf).toEqual({ question: 'CYBER_STANDARD', op: 'eq', value: 'yes' });
    expect(byCode.get('CYBER_REASON')?.showIf).toEqual({ question: 'CYBER_STANDARD', op: 'eq', value: 'no' });
    expect(byCode.get('VULN_REASON')?.showIf).toEqual({ question: 'VULN_DESIGN', op: 'eq', value: 'no' });
    for (const code of ['TX_DIGITAL_THIS_YEAR', 'TX_TOTAL_THIS_YEAR', 'TX_DIGITAL_LAST_YEAR', 'TX_TOTAL_LAST_YEAR']) {
      expect(byCode.get(code)?.number).toEqual({ unit: expect.anything(), min: 0, integer: true });
      expect(byCode.get(code)?.allowNotApplicable).toBe(true);
    }
  });

  it('uses every question type, evidence policies and not-applicable', () => {
    const all = questionsOf(fw2566);
    expect(new Set(all.map((q) => q.type))).toEqual(
      new Set([
        'single',
        'multiple',
        'yes_no',
        'number',
        'percentage',
        'text',
        'long_text',
        'date',
        'staged',
        'reason',
        'matrix',
      ]),
    );
    expect(all.filter((q) => q.evidence === 'required').length).toBeGreaterThan(10);
    expect(all.some((q) => q.allowNotApplicable)).toBe(true);
  });

  it('mixes scoring modes and explains the overall method', () => {
    expect(new Set(fw2566.pillars.map((p) => p.scoring.mode))).toEqual(new Set(['staged', 'score', 'hybrid']));
    expect(fw2566.overall.method).toBe('floor_weighted_mean');
  });

  it.each(['department', 'province'] as const)(
    'gives every pillar criteria for levels 2..5 in the %s track',
    (track) => {
      for (const pillar of fw2566.pillars) {
        const levels = new Set<number>();
        const required = new Set<number>();
        for (const q of questionsOf(fw2566, track)) {
          const refs = [...(q.options ?? []).flatMap((o) => (o.maturity ? [o.maturity] : [])), ...(q.criteria ?? [])];
          for (const ref of refs.filter((r) => r.pillar === pillar.key)) {
            levels.add(ref.level);
            if (ref.required) required.add(ref.level);
          }
        }
        expect([...levels].sort(), `${pillar.key} ${track}`).toEqual(expect.arrayContaining([2, 3, 4, 5]));
        // Staged pillars gate levels: at least one required criterion somewhere in 2..5.
        if (pillar.scoring.mode === 'staged' && track === 'department')
          expect(required.size, pillar.key).toBeGreaterThan(0);
      }
    },
  );

  it('words every action in Thai and English', () => {
    for (const q of questionsOf(fw2566)) {
      const refs = [...(q.options ?? []).flatMap((o) => (o.maturity ? [o.maturity] : [])), ...(q.criteria ?? [])];
      for (const ref of refs) {
        expect(ref.action.th, q.code).toMatch(/[\u0E00-\u0E7F]/);
        expect(ref.action.en, q.code).toMatch(/^[A-Z]/);
      }
    }
  });

  it('links every pillar to 2565, with the split pillars marked as changed', () => {
    expect(fw2566.previousCode).toBe('DGRS-2565');
    for (const pillar of fw2566.pillars) expect(pillar.previousKey, pillar.key).toBeDefined();
    const [p6, p7] = [fw2566.pillars[5], fw2566.pillars[6]];
    expect(p6?.previousKey).toBe('P6');
    expect(p7?.previousKey).toBe('P6');
    expect(p6?.changedFromPrevious).toBeDefined();
    expect(p7?.changedFromPrevious).toBeDefined();
  });
});

describe('DGRS-2565 content', () => {
  it('is a distinct edition with six pillars and a combined infrastructure-and-technology pillar', () => {
    expect(fw2565.code).toBe('DGRS-2565');
    expect(fw2565.year).toBe(2022);
    expect(fw2565.pillars.map((p) => p.key)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    expect(fw2565.pillars[5]?.name.en).toBe('Infrastructure and Digital Technology');
    const codes = new Set(questionsOf(fw2565).map((q) => q.code));
    expect(codes.has('TECHNOLOGIES')).toBe(true);
    expect(codes.has('EDECISION_SCOPE')).toBe(false);
    expect(codes.has('SVC_COVID_ONLINE')).toBe(true);
    expect(questionsOf(fw2565).find((q) => q.code === 'DG_PRACTICE_6')?.type).toBe('multiple');
    const technology = questionsOf(fw2565).find((q) => q.code === 'TECHNOLOGIES');
    expect(technology?.options?.every((o) => o.maturity === undefined || o.maturity.pillar === 'P6')).toBe(true);
  });

  it('asks departments a full questionnaire', () => {
    const department = questionsOf(fw2565, 'department');
    console.info(
      `questions: 2566 department ${questionsOf(fw2566, 'department').length}, province ${questionsOf(fw2566, 'province').length}; 2565 department ${department.length}, province ${questionsOf(fw2565, 'province').length}`,
    );
    expect(department.length).toBeGreaterThanOrEqual(120);
  });
});
