import { validateFramework } from '../../shared/src/domain/framework-validate';
import type { Framework, FrameworkInput } from '../../shared/src/schemas/framework';

/** The small framework the framework-validation tests break one rule at a time. */
export const tx = (en: string) => ({ th: `ไทย ${en}`, en });
export const mat = (pillar: string, level: 1 | 2 | 3 | 4 | 5) => ({
  pillar,
  level,
  action: tx(`reach ${pillar} level ${level}`),
});

/** Small but complete: every rule has something to bite on, and it validates as is. */
export function fixture(): FrameworkInput {
  return {
    code: 'TEST-2023',
    year: 2023,
    title: tx('Test framework'),
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: tx(`Level ${level}`), stage: tx(`Stage ${level}`) })),
    overall: { method: 'floor_weighted_mean', rationale: tx('Because') },
    pillars: [
      {
        key: 'P1',
        number: 1,
        name: tx('Pillar one'),
        levelNames: [1, 2, 3, 4, 5].map((l) => tx(`P1 L${l}`)),
        scoring: { mode: 'staged' },
        indicators: [
          {
            code: 'P1.1',
            name: tx('Indicator'),
            questions: [
              {
                code: 'Q_STATUS',
                type: 'single',
                text: tx('Status?'),
                tracks: ['department'],
                options: [
                  { code: 'a', label: tx('A'), maturity: mat('P1', 2) },
                  { code: 'b', label: tx('B') },
                ],
                criteria: [
                  {
                    code: 'Q_STATUS.b',
                    label: tx('B chosen'),
                    when: { question: 'Q_STATUS', op: 'eq', value: 'b' },
                    ...mat('P1', 3),
                  },
                ],
              },
              {
                code: 'Q_MULTI',
                type: 'multiple',
                text: tx('Which?'),
                tracks: ['department'],
                showIf: { question: 'Q_STATUS', op: 'eq', value: 'b' },
                options: [
                  { code: 'x', label: tx('X'), maturity: mat('P1', 4) },
                  { code: 'y', label: tx('Y'), maturity: mat('P1', 5) },
                  { code: 'none', label: tx('None'), exclusive: true },
                ],
              },
              {
                code: 'Q_REASON',
                type: 'reason',
                text: tx('Why not?'),
                tracks: ['department'],
                showIf: { question: 'Q_STATUS', op: 'eq', value: 'a' },
                options: [
                  { code: 'no_budget', label: tx('No budget') },
                  { code: 'other', label: tx('Other'), other: true },
                ],
              },
              {
                code: 'Q_NUM',
                type: 'number',
                text: tx('How many?'),
                tracks: ['department'],
                number: { min: 0, max: 10, integer: true },
              },
              {
                code: 'Q_MATRIX',
                type: 'matrix',
                text: tx('How often?'),
                tracks: ['department'],
                rows: [{ code: 'r1', label: tx('Row 1') }],
                options: [
                  { code: 'never', label: tx('Never') },
                  { code: 'often', label: tx('Often') },
                ],
              },
              { code: 'Q_YN', type: 'yes_no', text: tx('Yes?'), tracks: ['department'] },
            ],
          },
        ],
      },
      {
        key: 'P2',
        number: 2,
        name: tx('Pillar two'),
        levelNames: [1, 2, 3, 4, 5].map((l) => tx(`P2 L${l}`)),
        scoring: { mode: 'score', cutPoints: [20, 40, 60, 80] },
        indicators: [
          {
            code: 'P2.1',
            name: tx('Indicator'),
            questions: [
              {
                code: 'Q_P2',
                type: 'multiple',
                text: tx('Which?'),
                tracks: ['department'],
                options: [2, 3, 4, 5].map((l) => ({
                  code: `l${l}`,
                  label: tx(`L${l}`),
                  maturity: mat('P2', l as 2 | 3 | 4 | 5),
                })),
              },
            ],
          },
        ],
      },
    ],
  };
}

export type Mutable = any;

/** Clones the fixture, applies a mutation and returns the issues (fails the test if it validates). */
export function issuesAfter(mutate: (fw: Mutable) => void, opts?: { previous?: Framework }) {
  const fw = structuredClone(fixture()) as Mutable;
  mutate(fw);
  const result = validateFramework(fw, opts);
  if (result.ok) throw new Error('expected the mutated framework to be rejected');
  return result.issues;
}

export const q = (fw: Mutable, pillar: number, question: number) =>
  fw.pillars[pillar].indicators[0].questions[question];
