import { describe, expect, it } from 'vitest';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { correctionIssues } from '../../shared/src/domain/framework-correction';
import { type FrameworkIssue, validateFramework } from '../../shared/src/domain/framework-validate';
import { type Framework, FrameworkSchema } from '../../shared/src/schemas/framework';
import { fixture, issuesAfter, type Mutable, q, tx } from '../support/framework-fixture';

const THAI = /[\u0E00-\u0E7F]/;

function previousFramework(): Framework {
  const parsed = validateFramework(fixture());
  if (!parsed.ok) throw new Error('fixture must validate');
  return { ...parsed.framework, code: 'TEST-2022' };
}

/** Each case: the issue code it must produce, and how to break the fixture to get it. */
const cases: [string, (fw: Mutable) => void, { previous?: Framework }?][] = [
  [
    'levels_order',
    (fw) => {
      [fw.levels[0], fw.levels[1]] = [fw.levels[1], fw.levels[0]];
    },
  ],
  [
    'duplicate_pillar_key',
    (fw) => {
      fw.pillars[1].key = 'P1';
    },
  ],
  [
    'duplicate_pillar_number',
    (fw) => {
      fw.pillars[1].number = 1;
    },
  ],
  [
    'cut_points_missing',
    (fw) => {
      fw.pillars[0].scoring = { mode: 'hybrid' };
    },
  ],
  [
    'cut_points_invalid',
    (fw) => {
      fw.pillars[1].scoring.cutPoints = [20, 20, 60, 120];
    },
  ],
  [
    'duplicate_indicator_code',
    (fw) => {
      fw.pillars[1].indicators[0].code = 'P1.1';
    },
  ],
  [
    'indicator_pillar_mismatch',
    (fw) => {
      fw.pillars[1].indicators[0].code = 'P1.9';
    },
  ],
  [
    'duplicate_question_code',
    (fw) => {
      q(fw, 1, 0).code = 'Q_NUM';
    },
  ],
  [
    'duplicate_criterion_code',
    (fw) => {
      q(fw, 0, 0).criteria[0].code = 'Q_STATUS.a';
    },
  ],
  [
    'unknown_pillar',
    (fw) => {
      q(fw, 0, 1).options[0].maturity.pillar = 'P9';
    },
  ],
  [
    'pillar_level_without_criteria',
    (fw) => {
      delete q(fw, 0, 1).options[1].maturity;
    },
  ],
  [
    'previous_code_mismatch',
    (fw) => {
      fw.previousCode = 'TEST-2021';
    },
    { previous: previousFramework() },
  ],
  [
    'unknown_previous_key',
    (fw) => {
      fw.previousCode = 'TEST-2022';
      fw.pillars[1].previousKey = 'P7';
    },
    { previous: previousFramework() },
  ],
  [
    'duplicate_option_code',
    (fw) => {
      q(fw, 0, 1).options[1].code = 'x';
    },
  ],
  [
    'options_missing',
    (fw) => {
      q(fw, 0, 2).options = [];
    },
  ],
  [
    'yes_no_options_invalid',
    (fw) => {
      q(fw, 0, 5).options = [
        { code: 'yes', label: tx('Yes') },
        { code: 'maybe', label: tx('Maybe') },
      ];
    },
  ],
  [
    'matrix_rows_missing',
    (fw) => {
      delete q(fw, 0, 4).rows;
    },
  ],
  [
    'duplicate_row_code',
    (fw) => {
      q(fw, 0, 4).rows.push({ code: 'r1', label: tx('Row 1 again') });
    },
  ],
  [
    'multiple_exclusive_count',
    (fw) => {
      q(fw, 0, 1).options[0].exclusive = true;
    },
  ],
  [
    'reason_other_count',
    (fw) => {
      delete q(fw, 0, 2).options[1].other;
    },
  ],
  [
    'number_range_invalid',
    (fw) => {
      q(fw, 0, 3).number = { min: 10, max: 1 };
    },
  ],
  [
    'condition_unknown_question',
    (fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_GHOST', op: 'answered' };
    },
  ],
  [
    'condition_forward_reference',
    (fw) => {
      q(fw, 0, 3).showIf = { question: 'Q_NUM', op: 'answered' };
    },
  ],
  [
    'condition_forward_reference',
    (fw) => {
      q(fw, 0, 0).criteria[0].when = { question: 'Q_NUM', op: 'gte', value: 3 };
    },
  ],
  [
    'condition_track_mismatch',
    (fw) => {
      q(fw, 1, 0).tracks = ['department', 'province'];
      q(fw, 1, 0).showIf = { question: 'Q_STATUS', op: 'answered' };
    },
  ],
  [
    'condition_value_missing',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_STATUS', op: 'eq' };
    },
  ],
  [
    'condition_row_missing',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_MATRIX', op: 'eq', value: 'never' };
    },
  ],
  [
    'condition_unknown_row',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_MATRIX', op: 'eq', row: 'r9', value: 'never' };
    },
  ],
  [
    'condition_op_mismatch',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_STATUS', op: 'stage_at_least', value: 'a' };
    },
  ],
  [
    'condition_op_mismatch',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_STATUS', op: 'gte', value: 1 };
    },
  ],
  [
    'condition_invalid_value',
    (fw) => {
      q(fw, 1, 0).showIf = { question: 'Q_NUM', op: 'gte', value: 'three' };
    },
  ],
  [
    'condition_unknown_option',
    (fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_STATUS', op: 'in', value: ['a', 'zzz'] };
    },
  ],
  [
    'condition_cycle',
    (fw) => {
      q(fw, 0, 0).showIf = { question: 'Q_MULTI', op: 'includes', value: 'x' };
    },
  ],
  // Schema (zod) issues of several kinds: bad format, wrong type, missing member, bounds, unknown value.
  [
    'schema',
    (fw) => {
      q(fw, 0, 0).code = 'not a code';
      fw.code = 'x';
      fw.year = 'next year';
      delete fw.title;
      fw.pillars[1].levelNames.pop();
      q(fw, 0, 1).options[0].maturity.level = 6;
      q(fw, 0, 0).criteria[0].level = 0;
      q(fw, 0, 3).type = 'bogus';
      fw.overall.method = 'guess';
      fw.pillars[0].number = 1.5;
    },
  ],
];

function expectThai(issues: FrameworkIssue[]) {
  for (const issue of issues) {
    expect(issue.messageTh, `${issue.code} at ${issue.pathText}`).toMatch(THAI);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('framework issues carry a Thai message', () => {
  it.each(cases)('%s', (code, mutate, opts) => {
    const issues = issuesAfter(mutate, opts);
    expect(issues.map((i) => i.code)).toContain(code);
    expectThai(issues);
  });

  it('covers every rule the cases above exercise', () => {
    const seen = new Set(cases.flatMap(([, mutate, opts]) => issuesAfter(mutate, opts).map((i) => i.code)));
    expect(seen.size).toBeGreaterThanOrEqual(30);
  });

  it('keeps codes, paths and values verbatim in the Thai text', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_STATUS', op: 'in', value: ['zzz'] };
    });
    const issue = issues.find((i) => i.code === 'condition_unknown_option');
    expect(issue?.messageTh).toContain('Q_MULTI');
    expect(issue?.messageTh).toContain('Q_STATUS');
    expect(issue?.messageTh).toContain('"zzz"');
    const schema = issuesAfter((fw) => {
      fw.year = 'next year';
    });
    expect(schema[0]?.messageTh).toMatch(/^year: /);
  });

  it('leaves the English messages as they were', () => {
    const duplicate = issuesAfter((fw) => {
      q(fw, 1, 0).code = 'Q_NUM';
    }).find((i) => i.code === 'duplicate_question_code');
    expect(duplicate?.message).toBe(
      'Question code Q_NUM is already used by question Q_NUM (pillars[0].indicators[0].questions[3]); question codes must be unique across the whole framework.',
    );
    const range = issuesAfter((fw) => {
      q(fw, 0, 3).number = { min: 10, max: 1 };
    });
    expect(range.find((i) => i.code === 'number_range_invalid')?.message).toBe(
      'Question Q_NUM has number.min 10 greater than number.max 1.',
    );
    const unknown = issuesAfter((fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_GHOST', op: 'answered' };
    });
    expect(unknown.find((i) => i.code === 'condition_unknown_question')?.message).toBe(
      'The showIf of question Q_MULTI refers to question Q_GHOST, which does not exist in this framework.',
    );
    const schema = issuesAfter((fw) => {
      fw.year = 'next year';
    });
    expect(schema.map((i) => i.message)).toEqual(['year: Invalid input: expected number, received string']);
  });
});

describe('correction issues carry a Thai message', () => {
  const base = FrameworkSchema.parse(dgrs2566);

  it('names what may not change, in Thai, for every fixed thing', () => {
    const f = structuredClone(base) as Framework;
    f.code = `${base.code}-B`;
    f.year = base.year + 1;
    const q0 = f.pillars[0]?.indicators[0]?.questions[0];
    if (!q0) throw new Error('no question');
    q0.type = q0.type === 'single' ? 'staged' : 'single';
    q0.tracks = ['province'];
    q0.required = !q0.required;
    q0.allowNotApplicable = !q0.allowNotApplicable;
    const issues = correctionIssues(base, f);
    expect(issues.length).toBeGreaterThanOrEqual(5);
    expectThai(issues);
    const code = issues.find((i) => i.pathText === 'code');
    expect(code?.message).toBe(
      `code: a correction cannot change the framework code (was "${base.code}", now "${base.code}-B")`,
    );
    expect(code?.messageTh).toBe(`code: การแก้ไขต้องไม่เปลี่ยนรหัสกรอบการประเมิน (เดิม "${base.code}" แก้เป็น "${base.code}-B")`);
    expect(issues.find((i) => i.pathText === 'year')?.messageTh).toContain('ปีงบประมาณ');
  });

  it('translates the structural changes too', () => {
    const moved = structuredClone(base) as Framework;
    const questions = moved.pillars[0]?.indicators[0]?.questions;
    if (!questions || questions.length < 2) throw new Error('need two questions');
    questions.reverse();
    const issues = correctionIssues(base, moved);
    expectThai(issues);
    expect(issues[0]?.messageTh).toContain('คำถาม (รหัสและลำดับ)');

    const dropped = structuredClone(base) as Framework;
    dropped.pillars.pop();
    const pillarIssues = correctionIssues(base, dropped);
    expectThai(pillarIssues);
    expect(pillarIssues[0]?.messageTh).toContain('ตัวชี้วัด (คีย์ หมายเลข และลำดับ)');
  });
});
