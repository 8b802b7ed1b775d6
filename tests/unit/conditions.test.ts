import { describe, expect, it } from 'vitest';
import { buildQuestionIndex, evaluateCondition, isVisible, visibleQuestions } from '../../shared/src/domain/conditions';
import { compileFramework } from '../../shared/src/domain/criteria';
import { isDomainError } from '../../shared/src/domain/errors';
import { normalizeAnswer } from '../../shared/src/domain/maturity-answers';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import { type Condition, type FrameworkInput, FrameworkSchema } from '../../shared/src/schemas/framework';
import { na, no, smallFramework, smallFrameworkInput, tx, val, yes } from '../support/engine-fixtures';

const fw = smallFramework();
const index = buildQuestionIndex(fw);
const ev = (cond: Condition, answers: AnswerMap, hidden?: ReadonlySet<string>): boolean =>
  evaluateCondition(cond, answers, index, hidden);

describe('evaluateCondition: operators', () => {
  it('eq / neq / in on single-valued answers', () => {
    const a = { P1_OPEN: yes };
    expect(ev({ question: 'P1_OPEN', op: 'eq', value: 'yes' }, a)).toBe(true);
    expect(ev({ question: 'P1_OPEN', op: 'eq', value: 'no' }, a)).toBe(false);
    expect(ev({ question: 'P1_OPEN', op: 'neq', value: 'no' }, a)).toBe(true);
    expect(ev({ question: 'P1_OPEN', op: 'in', value: ['no', 'yes'] }, a)).toBe(true);
    expect(ev({ question: 'P1_OPEN', op: 'in', value: ['no'] }, a)).toBe(false);
  });

  it('every operator but `answered` is false on an unanswered question, neq included', () => {
    expect(ev({ question: 'P1_OPEN', op: 'neq', value: 'no' }, {})).toBe(false);
    expect(ev({ not: { question: 'P1_OPEN', op: 'eq', value: 'no' } }, {})).toBe(true);
    expect(ev({ question: 'P2_SHARE', op: 'lt', value: 50 }, {})).toBe(false);
  });

  it('answered: a non-empty value or a justified NA', () => {
    const op = 'answered' as const;
    expect(ev({ question: 'P1_PRACTICES', op }, { P1_PRACTICES: val(['a']) })).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op }, { P1_PRACTICES: val([]) })).toBe(false);
    expect(ev({ question: 'P1_PRACTICES', op }, { P1_PRACTICES: na() })).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op }, { P1_PRACTICES: { notApplicable: { justification: '   ' } } })).toBe(
      false,
    );
    // NA on a question that does not allow it is not an answer.
    expect(ev({ question: 'P1_OPEN', op }, { P1_OPEN: na() })).toBe(false);
    expect(ev({ question: 'P1_SURVEY_REASON', op }, { P1_SURVEY_REASON: val({ choice: 'other', other: 'x' }) })).toBe(
      true,
    );
    expect(ev({ question: 'P1_SURVEY_REASON', op }, { P1_SURVEY_REASON: val(null) })).toBe(false);
  });

  it('includes / excludes on multiple choice', () => {
    const a = { P1_PRACTICES: val(['b', 'a']) };
    expect(ev({ question: 'P1_PRACTICES', op: 'includes', value: 'a' }, a)).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op: 'includes', value: ['a', 'b'] }, a)).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op: 'includes', value: ['a', 'c'] }, a)).toBe(false);
    expect(ev({ question: 'P1_PRACTICES', op: 'excludes', value: 'c' }, a)).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op: 'excludes', value: ['c', 'a'] }, a)).toBe(false);
    expect(ev({ question: 'P1_PRACTICES', op: 'in', value: ['c', 'a'] }, a)).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op: 'eq', value: ['a', 'b'] }, a)).toBe(true);
    expect(ev({ question: 'P1_PRACTICES', op: 'eq', value: 'a' }, a)).toBe(false);
  });

  it('numeric comparisons on number and percentage', () => {
    const a = { P2_SHARE: val(50) };
    expect(ev({ question: 'P2_SHARE', op: 'gte', value: 50 }, a)).toBe(true);
    expect(ev({ question: 'P2_SHARE', op: 'gt', value: 50 }, a)).toBe(false);
    expect(ev({ question: 'P2_SHARE', op: 'lte', value: 50 }, a)).toBe(true);
    expect(ev({ question: 'P2_SHARE', op: 'lt', value: 50.5 }, a)).toBe(true);
    expect(ev({ question: 'P2_SHARE', op: 'eq', value: 50 }, a)).toBe(true);
    // A number of the wrong shape reads as unanswered.
    expect(ev({ question: 'P2_SHARE', op: 'gte', value: 0 }, { P2_SHARE: val('50') })).toBe(false);
  });

  it('stage_at_least compares positions in the option (stage) order', () => {
    const at = (stage: string, value: string): boolean =>
      ev({ question: 'P1_GOV', op: 'stage_at_least', value }, { P1_GOV: val(stage) });
    expect(at('plan', 'list')).toBe(true);
    expect(at('plan', 'plan')).toBe(true);
    expect(at('plan', 'operating')).toBe(false);
    expect(at('none', 'none')).toBe(true);
    expect(at('bogus', 'none')).toBe(false);
  });

  it('matrix: `row` selects the row; without it any row counts', () => {
    const a = { P3_CHANNELS: val({ info: 'full', decision: 'some' }) };
    expect(ev({ question: 'P3_CHANNELS', op: 'eq', value: 'full', row: 'info' }, a)).toBe(true);
    expect(ev({ question: 'P3_CHANNELS', op: 'eq', value: 'full', row: 'decision' }, a)).toBe(false);
    expect(ev({ question: 'P3_CHANNELS', op: 'eq', value: 'full', row: 'consult' }, a)).toBe(false);
    expect(ev({ question: 'P3_CHANNELS', op: 'stage_at_least', value: 'some', row: 'decision' }, a)).toBe(true);
    expect(ev({ question: 'P3_CHANNELS', op: 'includes', value: 'some' }, a)).toBe(true);
    expect(ev({ question: 'P3_CHANNELS', op: 'in', value: ['none'] }, a)).toBe(false);
  });

  it('all / any / not, with hidden questions unknown (three-valued)', () => {
    const a = { P1_OPEN: yes, P2_SHARE: val(10) };
    const open: Condition = { question: 'P1_OPEN', op: 'eq', value: 'yes' };
    const high: Condition = { question: 'P2_SHARE', op: 'gte', value: 50 };
    expect(ev({ all: [open, high] }, a)).toBe(false);
    expect(ev({ any: [open, high] }, a)).toBe(true);
    expect(ev({ not: high }, a)).toBe(true);
    const hidden = new Set(['P2_SHARE']);
    expect(ev({ not: high }, a, hidden)).toBe(false);
    expect(ev({ any: [open, high] }, a, hidden)).toBe(true);
    expect(ev({ all: [open, { not: high }] }, a, hidden)).toBe(false);
  });
});

describe('visibility', () => {
  it('follow-ups show only on their trigger, and cascade', () => {
    const dept = 'department';
    expect(isVisible(fw, dept, {}, 'P1_SURVEY')).toBe(false);
    expect(isVisible(fw, dept, { P1_OPEN: yes }, 'P1_SURVEY')).toBe(true);
    expect(isVisible(fw, dept, { P1_OPEN: yes, P1_SURVEY: no }, 'P1_SURVEY_REASON')).toBe(true);
    // P1_SURVEY is hidden after "no", so its stale "no" cannot keep the reason visible.
    expect(isVisible(fw, dept, { P1_OPEN: no, P1_SURVEY: no }, 'P1_SURVEY_REASON')).toBe(false);
  });

  it('lists visible codes of the track in document order', () => {
    expect([...visibleQuestions(fw, 'province', { P1_OPEN: yes })]).toEqual([
      'P1_GOV',
      'P1_PRACTICES',
      'P1_OPEN',
      'P1_SURVEY',
      'P2_TECH',
      'P2_SHARE',
      'P3_POLICY',
      'P3_PLAN',
      'P3_CHANNELS',
      'P3_STAFF',
    ]);
    expect(visibleQuestions(fw, 'department', {}).has('P2_CERT')).toBe(true);
  });

  it('a showIf on a hidden question hides, even under `not`', () => {
    const input = structuredClone(smallFrameworkInput) as FrameworkInput;
    const ind = input.pillars[0]?.indicators[1];
    ind?.questions.push({
      code: 'P1_NOT_SURVEYED',
      type: 'text',
      text: tx('Unless surveyed'),
      tracks: ['department'],
      showIf: { not: { question: 'P1_SURVEY', op: 'eq', value: 'yes' } },
    });
    const f = FrameworkSchema.parse(input);
    expect(isVisible(f, 'department', { P1_OPEN: yes, P1_SURVEY: no }, 'P1_NOT_SURVEYED')).toBe(true);
    expect(isVisible(f, 'department', { P1_OPEN: no, P1_SURVEY: no }, 'P1_NOT_SURVEYED')).toBe(false);
  });

  it('rejects showIf cycles and unknown questions at compile time', () => {
    const cyclic = structuredClone(smallFrameworkInput) as FrameworkInput;
    const q = cyclic.pillars[0]?.indicators[1]?.questions[0];
    if (q) q.showIf = { question: 'P1_SURVEY', op: 'answered' };
    const err = (() => {
      try {
        compileFramework(FrameworkSchema.parse(cyclic), 'department');
      } catch (e) {
        return e;
      }
    })();
    expect(isDomainError(err) && err.code === 'FRAMEWORK_INVALID').toBe(true);

    const unknown = structuredClone(smallFrameworkInput) as FrameworkInput;
    const q2 = unknown.pillars[0]?.indicators[0]?.questions[0];
    if (q2) q2.showIf = { question: 'NOPE', op: 'answered' };
    expect(() => compileFramework(FrameworkSchema.parse(unknown), 'department')).toThrow(/unknown question NOPE/);
  });
});

describe('normalizeAnswer', () => {
  it('ignores malformed values instead of guessing', () => {
    const q = index.get('P1_PRACTICES');
    if (!q) throw new Error('fixture');
    expect(normalizeAnswer(q, val('a')).present).toBe(false);
    expect(normalizeAnswer(q, val(['a', ''])).codes).toEqual(['a']);
  });
});
