import { describe, expect, it } from 'vitest';
import { validateAnswerValue } from '../../shared/src/domain/answer-validate';
import { type Question, QuestionSchema } from '../../shared/src/schemas/framework';

const t = (en: string) => ({ th: en, en });
const q = (x: Record<string, unknown>): Question =>
  QuestionSchema.parse({ code: 'Q_TEST', text: t('Question'), tracks: ['department'], ...x });
const opts = (...codes: string[]) => codes.map((code) => ({ code, label: t(code) }));

const ok = (question: Question, v: unknown) => expect(validateAnswerValue(question, v)).toEqual({ ok: true });
const bad = (question: Question, v: unknown) => {
  const r = validateAnswerValue(question, v);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.message.th.length).toBeGreaterThan(0);
    expect(r.message.en.length).toBeGreaterThan(0);
  }
};

describe('validateAnswerValue', () => {
  it('null clears any answer', () => {
    for (const type of ['single', 'multiple', 'number', 'date', 'matrix', 'reason'])
      ok(q({ type, options: opts('a') }), null);
  });

  it('single and staged: the option must exist', () => {
    const s = q({ type: 'single', options: opts('a', 'b') });
    ok(s, 'a');
    bad(s, 'c');
    bad(s, ['a']);
    bad(s, 3);
    const st = q({ type: 'staged', options: opts('s1', 's2') });
    ok(st, 's2');
    bad(st, 's3');
  });

  it('yes_no: yes or no', () => {
    const y = q({ type: 'yes_no' });
    ok(y, 'yes');
    ok(y, 'no');
    bad(y, 'maybe');
    bad(y, true);
  });

  it('multiple: known codes, no duplicates, an exclusive option stands alone', () => {
    const m = q({
      type: 'multiple',
      options: [...opts('a', 'b'), { code: 'none', label: t('None'), exclusive: true }],
    });
    ok(m, ['a', 'b']);
    ok(m, ['none']);
    ok(m, []);
    bad(m, ['a', 'none']);
    bad(m, ['a', 'x']);
    bad(m, ['a', 'a']);
    bad(m, 'a');
  });

  it("reason: a known choice; 'other' needs its text", () => {
    const r = q({ type: 'reason', options: [...opts('no_budget'), { code: 'other', label: t('Other'), other: true }] });
    ok(r, { choice: 'no_budget' });
    ok(r, { choice: 'other', other: 'Waiting for the ministry' });
    bad(r, { choice: 'other' });
    bad(r, { choice: 'other', other: '   ' });
    bad(r, { choice: 'nope' });
    bad(r, 42);
  });

  it('number: bounds and integers', () => {
    const n = q({ type: 'number', number: { min: 0, max: 10, integer: true } });
    ok(n, 0);
    ok(n, 10);
    bad(n, -1);
    bad(n, 11);
    bad(n, 2.5);
    bad(n, '3');
    bad(n, Number.NaN);
    ok(q({ type: 'number' }), -12.5);
  });

  it('number: only values a double holds exactly (2^53 + 2 is refused, the largest safe integer is not)', () => {
    const whole = q({ type: 'number', number: { min: 0, integer: true } });
    const free = q({ type: 'number' });
    ok(whole, Number.MAX_SAFE_INTEGER);
    ok(free, -Number.MAX_SAFE_INTEGER);
    for (const n of [whole, free]) {
      const r = validateAnswerValue(n, 2 ** 53 + 2);
      expect(r).toMatchObject({ ok: false, message: { en: expect.stringMatching(/too large to store exactly/) } });
      bad(n, 2 ** 53);
      bad(n, 1e300);
    }
    bad(free, -(2 ** 53 + 2));
    // 17 significant digits: what 0.1 + 0.2 is, and more than a double keeps of a typed decimal.
    const digits = validateAnswerValue(free, 0.1 + 0.2);
    expect(digits).toMatchObject({ ok: false, message: { en: expect.stringMatching(/15 significant digits/) } });
    bad(free, 1234567.123456789);
    ok(free, 123456789.123456);
    ok(free, 0.000001);
    ok(free, 12.5);
    ok(free, 0);
  });

  it('percentage: 0..100 even without a spec', () => {
    const p = q({ type: 'percentage' });
    ok(p, 0);
    ok(p, 99.5);
    ok(p, 100);
    bad(p, 100.01);
    bad(p, -0.1);
  });

  it('date: a real YYYY-MM-DD day', () => {
    const d = q({ type: 'date' });
    ok(d, '2023-09-30');
    ok(d, '2024-02-29');
    bad(d, '2023-02-29');
    bad(d, '2023-13-01');
    bad(d, '30/09/2023');
    bad(d, '2023-9-30');
  });

  it('text: a string of bounded length', () => {
    ok(q({ type: 'text' }), 'hello');
    bad(q({ type: 'text' }), 5);
    bad(q({ type: 'text' }), 'x'.repeat(2001));
    ok(q({ type: 'long_text' }), 'x'.repeat(5000));
  });

  it('matrix: known rows and options', () => {
    const m = q({
      type: 'matrix',
      rows: [
        { code: 'r1', label: t('Row 1') },
        { code: 'r2', label: t('Row 2') },
      ],
      options: opts('yes', 'no'),
    });
    ok(m, { r1: 'yes' });
    ok(m, { r1: 'yes', r2: 'no' });
    bad(m, { r3: 'yes' });
    bad(m, { r1: 'maybe' });
    bad(m, ['yes']);
  });
});
