import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledFramework, compileFramework } from '../../shared/src/domain/criteria';
import { computeResults, criterionStates, prepareAnswers } from '../../shared/src/domain/maturity-engine';
import { scorePillar } from '../../shared/src/domain/maturity-scoring';
import type { AnswerMap, EngineAnswer } from '../../shared/src/schemas/answer';
import type { Framework, ScoringMode, Track } from '../../shared/src/schemas/framework';
import { type PillarResult, ResultSchema } from '../../shared/src/schemas/result';
import { randomAnswers, randomFramework, rng } from '../support/engine-fixtures';

const RUNS = { numRuns: 200 };

/** Compiling is the slow part of a run; seeds repeat across properties, so keep compiled frameworks. */
const cache = new Map<string, { framework: Framework; compiled: CompiledFramework }>();
function setup(seed: number, track: Track, mode?: ScoringMode): { framework: Framework; compiled: CompiledFramework } {
  const key = `${seed}/${track}/${mode ?? '*'}`;
  let hit = cache.get(key);
  if (!hit) {
    const framework = randomFramework(seed, mode ? { modes: [mode] } : {});
    hit = { framework, compiled: compileFramework(framework, track) };
    cache.set(key, hit);
  }
  return hit;
}

const seedArb = fc.integer({ min: 1, max: 400 });
const trackArb = fc.constantFrom<Track>('department', 'province');
const modeArb = fc.constantFrom<ScoringMode>('staged', 'score', 'hybrid');

describe('maturity engine properties', () => {
  it('meeting one more criterion never lowers a pillar level (all modes)', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), trackArb, modeArb, fc.nat(), (fSeed, aSeed, track, mode, pickN) => {
        const { framework, compiled } = setup(fSeed, track, mode);
        const prepared = prepareAnswers(compiled, randomAnswers(framework, track, aSeed));
        const states = criterionStates(compiled, prepared, 'verified');
        const open = states.flatMap((s, i) => (s === 'not_met' || s === 'unanswered' || s === 'rejected' ? [i] : []));
        if (open.length === 0) return;
        const flip = open[pickN % open.length] as number;
        const pillar = compiled.pillars[(compiled.criteria[flip] as { pillarIndex: number }).pillarIndex];
        if (!pillar) throw new Error('pillar');
        const before = scorePillar(pillar, compiled.criteria, states, compiled.minApplicableShare);
        const more = [...states];
        more[flip] = 'met';
        const after = scorePillar(pillar, compiled.criteria, more, compiled.minApplicableShare);
        expect(after.status).toBe(before.status);
        if (before.level !== null) expect(after.level ?? 0).toBeGreaterThanOrEqual(before.level);
        if (before.score !== null) expect(after.score ?? 0).toBeGreaterThanOrEqual(before.score);
      }),
      RUNS,
    );
  });

  it('rejecting an answer never raises a verified level', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), trackArb, fc.nat(), (fSeed, aSeed, track, pickN) => {
        const { framework, compiled } = setup(fSeed, track);
        const answers = randomAnswers(framework, track, aSeed);
        const codes = Object.keys(answers)
          .filter((c) => answers[c]?.verification !== 'rejected')
          .sort();
        if (codes.length === 0) return;
        const code = codes[pickN % codes.length] as string;
        const rejected: AnswerMap = {
          ...answers,
          [code]: { ...(answers[code] as EngineAnswer), verification: 'rejected' },
        };
        const before = computeResults(compiled, answers, { frameworkHash: 'h' }).verified;
        const after = computeResults(compiled, rejected, { frameworkHash: 'h' }).verified;
        before.pillars.forEach((p, i) => {
          const q = after.pillars[i] as PillarResult;
          // Rejection never removes applicable weight, so an assessable pillar stays assessable.
          if (p.level !== null) expect(q.level ?? 0).toBeLessThanOrEqual(p.level);
          if (p.level !== null) expect(q.level).not.toBeNull();
        });
        const sameSet = before.pillars.every((p, i) => (p.level === null) === (after.pillars[i]?.level === null));
        if (sameSet && before.overall.level !== null)
          expect(after.overall.level ?? 0).toBeLessThanOrEqual(before.overall.level);
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of answer keys, matrix rows or selections', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), trackArb, fc.nat(), (fSeed, aSeed, track, shuffleSeed) => {
        const { framework, compiled } = setup(fSeed, track);
        const answers = randomAnswers(framework, track, aSeed);
        const r = rng(shuffleSeed);
        const shuffle = <T>(xs: T[]): T[] => {
          const out = [...xs];
          for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(r() * (i + 1));
            [out[i], out[j]] = [out[j] as T, out[i] as T];
          }
          return out;
        };
        const shuffled: AnswerMap = Object.fromEntries(
          shuffle(Object.entries(answers)).map(([code, a]) => {
            const v = a.value;
            let value = v;
            if (Array.isArray(v)) value = shuffle(v);
            else if (v && typeof v === 'object' && !('choice' in v))
              value = Object.fromEntries(shuffle(Object.entries(v)));
            return [code, { ...a, value }];
          }),
        );
        const a = computeResults(compiled, answers, { frameworkHash: 'h' });
        const b = computeResults(compiled, shuffled, { frameworkHash: 'h' });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      RUNS,
    );
  });

  it('staged mode never skips a level: level L means every gate 2..L passes and gate L+1 fails', () => {
    const gatePasses = (p: PillarResult, minShare: number, level: number): boolean => {
      const here = p.criteria.filter((c) => c.level === level && c.state !== 'not_applicable');
      const optional = here.filter((c) => !c.required);
      const optMet = optional.filter((c) => c.state === 'met').length;
      return (
        here.every((c) => !c.required || c.state === 'met') &&
        (optional.length === 0 || optMet / optional.length >= minShare - 1e-9)
      );
    };
    fc.assert(
      fc.property(
        seedArb,
        fc.nat(),
        trackArb,
        fc.constantFrom<ScoringMode>('staged', 'hybrid'),
        (fSeed, aSeed, track, mode) => {
          const { framework, compiled } = setup(fSeed, track, mode);
          const { selfAssessed, verified } = computeResults(compiled, randomAnswers(framework, track, aSeed), {
            frameworkHash: 'h',
          });
          for (const result of [selfAssessed, verified]) {
            result.pillars.forEach((p, i) => {
              if (p.stagedLevel === null) return;
              const minShare = framework.pillars[i]?.scoring.minOptionalShare ?? 0;
              for (let l = 2; l <= p.stagedLevel; l++) expect(gatePasses(p, minShare, l)).toBe(true);
              if (p.stagedLevel < 5) expect(gatePasses(p, minShare, p.stagedLevel + 1)).toBe(false);
              expect(p.level ?? 0).toBeLessThanOrEqual(p.stagedLevel);
            });
          }
        },
      ),
      RUNS,
    );
  });

  it('results always satisfy ResultSchema, and a next level is offered below 5 only', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), trackArb, (fSeed, aSeed, track) => {
        const { framework, compiled } = setup(fSeed, track);
        const { selfAssessed, verified } = computeResults(compiled, randomAnswers(framework, track, aSeed), {
          frameworkHash: 'h',
        });
        for (const result of [selfAssessed, verified]) {
          ResultSchema.parse(result);
          for (const p of result.pillars) {
            expect(p.nextLevel === null).toBe(p.level === null || p.level === 5);
            if (p.nextLevel) expect(p.nextLevel.targetLevel).toBe((p.level ?? 0) + 1);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
