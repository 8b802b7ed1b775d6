import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { stableStringify, validateFramework } from '../../shared/src/domain/framework-validate';
import { fixture, issuesAfter, q, tx } from '../support/framework-fixture';

function expectIssue(issues: { code: string; pathText: string }[], code: string, pathText: string) {
  expect(issues.map((i) => ({ code: i.code, pathText: i.pathText }))).toContainEqual({ code, pathText });
}

describe('validateFramework on the seeded frameworks', () => {
  it('accepts DGRS-2565 on its own', () => {
    const result = validateFramework(dgrs2565);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('accepts DGRS-2566 with DGRS-2565 as its previous framework', () => {
    const previous = validateFramework(dgrs2565);
    if (!previous.ok) throw new Error('2565 must validate');
    const result = validateFramework(dgrs2566, { previous: previous.framework });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('rejects DGRS-2566 against a previous framework with another code', () => {
    const previous = validateFramework(dgrs2565);
    if (!previous.ok) throw new Error('2565 must validate');
    const renamed = { ...previous.framework, code: 'DGRS-2564' };
    const result = validateFramework(dgrs2566, { previous: renamed });
    expect(result.ok).toBe(false);
  });
});

describe('validateFramework rules', () => {
  it('accepts the fixture', () => {
    const result = validateFramework(fixture());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('maps zod errors to code schema with a path', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 0).code = 'not a code';
      fw.pillars[1].levelNames.pop();
    });
    expect(issues.every((i) => i.code === 'schema')).toBe(true);
    expectIssue(issues, 'schema', 'pillars[0].indicators[0].questions[0].code');
    expectIssue(issues, 'schema', 'pillars[1].levelNames');
    for (const issue of issues) expect(issue.message).toContain(issue.pathText);
  });

  it('rejects duplicate question codes across pillars', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 1, 0).code = 'Q_NUM';
    });
    expectIssue(issues, 'duplicate_question_code', 'pillars[1].indicators[0].questions[0].code');
    expect(issues.find((i) => i.code === 'duplicate_question_code')?.message).toContain(
      'pillars[0].indicators[0].questions[3]',
    );
  });

  it('rejects duplicate option codes within a question', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).options[1].code = 'x';
    });
    expectIssue(issues, 'duplicate_option_code', 'pillars[0].indicators[0].questions[1].options[1].code');
  });

  it('rejects duplicate pillar keys, pillar numbers and indicator codes', () => {
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[1].key = 'P1';
      }),
      'duplicate_pillar_key',
      'pillars[1].key',
    );
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[1].number = 1;
      }),
      'duplicate_pillar_number',
      'pillars[1].number',
    );
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[1].indicators[0].code = 'P1.1';
      }),
      'duplicate_indicator_code',
      'pillars[1].indicators[0].code',
    );
  });

  it('rejects duplicate criterion codes, counting option criteria as QUESTION.option', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 0).criteria[0].code = 'Q_STATUS.a';
    });
    expectIssue(issues, 'duplicate_criterion_code', 'pillars[0].indicators[0].questions[0].criteria[0].code');
  });

  it('rejects option-type questions without options and matrices without rows', () => {
    expectIssue(
      issuesAfter((fw) => {
        q(fw, 0, 2).options = [];
      }),
      'options_missing',
      'pillars[0].indicators[0].questions[2].options',
    );
    expectIssue(
      issuesAfter((fw) => {
        delete q(fw, 0, 4).rows;
      }),
      'matrix_rows_missing',
      'pillars[0].indicators[0].questions[4].rows',
    );
  });

  it('requires yes_no options to be exactly yes and no when given', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 5).options = [
        { code: 'yes', label: tx('Yes') },
        { code: 'maybe', label: tx('Maybe') },
      ];
    });
    expectIssue(issues, 'yes_no_options_invalid', 'pillars[0].indicators[0].questions[5].options');
  });

  it('allows at most one exclusive option in a multiple-choice question', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).options[0].exclusive = true;
    });
    expectIssue(issues, 'multiple_exclusive_count', 'pillars[0].indicators[0].questions[1].options');
  });

  it('requires exactly one other option on reason questions', () => {
    const issues = issuesAfter((fw) => {
      delete q(fw, 0, 2).options[1].other;
    });
    expectIssue(issues, 'reason_other_count', 'pillars[0].indicators[0].questions[2].options');
  });

  it('rejects conditions on unknown questions', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_GHOST', op: 'answered' };
    });
    expectIssue(issues, 'condition_unknown_question', 'pillars[0].indicators[0].questions[1].showIf');
  });

  it('rejects showIf on later questions and on the question itself', () => {
    expectIssue(
      issuesAfter((fw) => {
        q(fw, 0, 1).showIf = {
          all: [
            { question: 'Q_STATUS', op: 'answered' },
            { question: 'Q_NUM', op: 'gte', value: 1 },
          ],
        };
      }),
      'condition_forward_reference',
      'pillars[0].indicators[0].questions[1].showIf.all[1]',
    );
    expectIssue(
      issuesAfter((fw) => {
        q(fw, 0, 3).showIf = { question: 'Q_NUM', op: 'answered' };
      }),
      'condition_forward_reference',
      'pillars[0].indicators[0].questions[3].showIf',
    );
  });

  it('lets a criterion read its own question but not a later one', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 0).criteria[0].when = { question: 'Q_NUM', op: 'gte', value: 3 };
    });
    expectIssue(issues, 'condition_forward_reference', 'pillars[0].indicators[0].questions[0].criteria[0].when');
  });

  it('rejects option codes the referenced question does not have', () => {
    expectIssue(
      issuesAfter((fw) => {
        q(fw, 0, 1).showIf = { question: 'Q_STATUS', op: 'in', value: ['a', 'zzz'] };
      }),
      'condition_unknown_option',
      'pillars[0].indicators[0].questions[1].showIf.value',
    );
    // yes_no without options implies yes/no.
    expectIssue(
      issuesAfter((fw) => {
        q(fw, 1, 0).showIf = { question: 'Q_YN', op: 'eq', value: 'maybe' };
      }),
      'condition_unknown_option',
      'pillars[1].indicators[0].questions[0].showIf.value',
    );
  });

  it('reports display-condition cycles', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 0).showIf = { question: 'Q_MULTI', op: 'includes', value: 'x' };
    });
    expect(issues.map((i) => i.code)).toContain('condition_cycle');
    expect(issues.find((i) => i.code === 'condition_cycle')?.message).toMatch(
      /Q_STATUS -> Q_MULTI -> Q_STATUS|Q_MULTI -> Q_STATUS -> Q_MULTI/,
    );
  });

  it('rejects maturity and criteria crediting an unknown pillar', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).options[0].maturity.pillar = 'P9';
      q(fw, 0, 0).criteria[0].pillar = 'P8';
    });
    expectIssue(issues, 'unknown_pillar', 'pillars[0].indicators[0].questions[1].options[0].maturity.pillar');
    expectIssue(issues, 'unknown_pillar', 'pillars[0].indicators[0].questions[0].criteria[0].pillar');
  });

  it('requires criteria for every level 2..5 in each track a pillar asks questions in', () => {
    const withoutLevel5 = issuesAfter((fw) => {
      delete q(fw, 0, 1).options[1].maturity;
    });
    expectIssue(withoutLevel5, 'pillar_level_without_criteria', 'pillars[0]');
    expect(withoutLevel5.find((i) => i.code === 'pillar_level_without_criteria')?.message).toContain('level 5');

    const provinceQuestion = issuesAfter((fw) => {
      q(fw, 1, 0).tracks = ['department', 'province'];
      fw.pillars[0].indicators[0].questions.push({
        code: 'Q_PROV',
        type: 'yes_no',
        text: tx('Province?'),
        tracks: ['province'],
      });
    });
    const provIssue = provinceQuestion.find((i) => i.code === 'pillar_level_without_criteria');
    expect(provIssue?.pathText).toBe('pillars[0]');
    expect(provIssue?.message).toContain('province');
  });

  it('requires 4 strictly ascending cut points in 0..100 for score and hybrid pillars', () => {
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[1].scoring.cutPoints = [20, 20, 60, 80];
      }),
      'cut_points_invalid',
      'pillars[1].scoring.cutPoints',
    );
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[1].scoring.cutPoints = [20, 40, 60, 120];
      }),
      'cut_points_invalid',
      'pillars[1].scoring.cutPoints',
    );
    expectIssue(
      issuesAfter((fw) => {
        fw.pillars[0].scoring = { mode: 'hybrid' };
      }),
      'cut_points_missing',
      'pillars[0].scoring.cutPoints',
    );
  });

  it('rejects an option missing a language, naming the exact label', () => {
    const issues = issuesAfter((fw) => {
      delete q(fw, 0, 1).options[0].label.en;
    });
    expect(issues).toHaveLength(1);
    expectIssue(issues, 'schema', 'pillars[0].indicators[0].questions[1].options[0].label.en');
    expect(issues[0]?.message).toContain('pillars[0].indicators[0].questions[1].options[0].label.en');
  });

  it('rejects maturity levels outside 1..5 wherever they appear, with their paths', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 0).options[0].maturity.level = 6;
      q(fw, 0, 0).criteria[0].level = 0;
      q(fw, 1, 0).options[1].maturity.level = 5.5;
    });
    expectIssue(issues, 'schema', 'pillars[0].indicators[0].questions[0].options[0].maturity.level');
    expectIssue(issues, 'schema', 'pillars[0].indicators[0].questions[0].criteria[0].level');
    expectIssue(issues, 'schema', 'pillars[1].indicators[0].questions[0].options[1].maturity.level');
    expect(issues).toHaveLength(3);
  });

  it('requires the levels array to list 1..5 in order', () => {
    const issues = issuesAfter((fw) => {
      [fw.levels[0], fw.levels[1]] = [fw.levels[1], fw.levels[0]];
    });
    expectIssue(issues, 'levels_order', 'levels[0].level');
    expectIssue(issues, 'levels_order', 'levels[1].level');
  });

  it('requires number min <= max', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 3).number = { min: 10, max: 1 };
    });
    expectIssue(issues, 'number_range_invalid', 'pillars[0].indicators[0].questions[3].number');
  });

  it('checks previousKey and previousCode against the previous framework', () => {
    const parsed = validateFramework(fixture());
    if (!parsed.ok) throw new Error('fixture must validate');
    const previous = { ...parsed.framework, code: 'TEST-2022' };
    const issues = issuesAfter(
      (fw) => {
        fw.code = 'TEST-2024';
        fw.previousCode = 'TEST-2021';
        fw.pillars[0].previousKey = 'P1';
        fw.pillars[1].previousKey = 'P7';
      },
      { previous },
    );
    expectIssue(issues, 'previous_code_mismatch', 'previousCode');
    expectIssue(issues, 'unknown_previous_key', 'pillars[1].previousKey');
    expect(issues.filter((i) => i.code === 'unknown_previous_key')).toHaveLength(1);
  });

  it('writes messages that say what, where and why', () => {
    const issues = issuesAfter((fw) => {
      q(fw, 0, 1).showIf = { question: 'Q_NUM', op: 'gte', value: 1 };
    });
    const issue = issues.find((i) => i.code === 'condition_forward_reference');
    expect(issue?.message).toMatch(/Q_MULTI/);
    expect(issue?.message).toMatch(/Q_NUM/);
    expect(issue?.message).toMatch(/later/);
  });
});

describe('stableStringify', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('gives equal strings for equal content written in different key orders', () => {
    const a = { code: 'X', pillars: [{ key: 'P1', number: 1 }], year: 2023 };
    const b = { year: 2023, pillars: [{ number: 1, key: 'P1' }], code: 'X' };
    expect(stableStringify(a)).toBe(stableStringify(b));
  });

  it('drops undefined members like JSON.stringify and round-trips through JSON.parse', () => {
    expect(stableStringify({ a: undefined, b: [undefined, null], c: 'ไทย' })).toBe('{"b":[null,null],"c":"ไทย"}');
    expect(JSON.parse(stableStringify(dgrs2566))).toEqual(JSON.parse(JSON.stringify(dgrs2566)));
  });
});
