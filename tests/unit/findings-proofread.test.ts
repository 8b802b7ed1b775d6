import { describe, expect, it } from 'vitest';
import { dgrs2565 } from '../../seeds/frameworks/dgrs-2565/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import {
  distributionSentence,
  modalLevelSentence,
  type Share,
  standoutSentence,
  weakestSentence,
} from '../../shared/src/domain/analytics-math';

const share = (numerator: number, denominator: number): Share => ({
  numerator,
  denominator,
  percent: Math.round((10000 * numerator) / denominator) / 100,
});

/** What a proofreader would strike out in a Thai findings sentence. */
function problems(text: string): string[] {
  const found: string[] = [];
  if (/ด้านด้าน/.test(text)) found.push('doubled ด้าน');
  if (/ {2}/.test(text)) found.push('double space');
  if (/^\s|\s$/.test(text)) found.push('leading or trailing space');
  if (/undefined|null|NaN|\[object/.test(text)) found.push('a value that is not text');
  if (/\u200b/.test(text)) found.push('zero-width space');
  return found;
}

describe('key findings, proofread over every pillar name of 2566 and 2565', () => {
  const frameworks = [
    ['2566', dgrs2566],
    ['2565', dgrs2565],
  ] as const;
  for (const [year, fw] of frameworks) {
    it(`reads cleanly for each pillar of ${year}`, () => {
      expect(fw.pillars.length).toBeGreaterThan(0);
      fw.pillars.forEach((p, i) => {
        const input = { number: i + 1, name: p.name, share: share(197, 292), atLeast: 3 };
        for (const s of [standoutSentence(input), weakestSentence(input)]) {
          expect(problems(s.th), s.th).toEqual([]);
          expect(problems(s.en), s.en).toEqual([]);
          // The pillar is named once, with exactly one "ด้าน" before it.
          const name = p.name.th.trim();
          expect(s.th).toContain(name.startsWith('ด้าน') ? ` ${name} ` : ` ด้าน${name} `);
          expect(s.th.split('ด้าน').length - 1).toBe(
            (name.match(/ด้าน/g)?.length ?? 0) + (name.startsWith('ด้าน') ? 0 : 1),
          );
          expect(s.en).toContain(`(${p.name.en})`);
        }
      });
    });
  }

  it('writes the level sentences without gaps or stray values', () => {
    const shares = [share(8, 304), share(0, 304), share(141, 304), share(100, 304), share(55, 304)];
    for (const s of [distributionSentence(shares), modalLevelSentence(3, shares[2] as Share)]) {
      expect(problems(s.th), s.th).toEqual([]);
      expect(problems(s.en), s.en).toEqual([]);
    }
  });
});
