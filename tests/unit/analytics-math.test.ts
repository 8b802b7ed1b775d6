import { describe, expect, it } from 'vitest';
import {
  atLeastShare,
  distributionSentence,
  extremes,
  levelShares,
  modalLevelSentence,
  quantileSorted,
  share,
  standoutSentence,
  summarize,
  weakestSentence,
} from '../../shared/src/domain/analytics-math';

describe('share', () => {
  it.each([
    [197, 292, 67.47],
    [1, 209, 0.48],
    [94, 209, 44.98],
    [83, 292, 28.42],
    [368, 376, 97.87],
    [292, 300, 97.33],
    [76, 76, 100],
    [201, 292, 68.84],
    [60, 201, 29.85],
    [70, 176, 39.77],
    [45, 176, 25.57],
    [194, 292, 66.44],
    [171, 292, 58.56],
    [132, 292, 45.21],
    [190, 250, 76],
    [116, 250, 46.4],
    [0, 5, 0],
  ])('%i/%i = %f', (n, d, p) => {
    expect(share(n, d)).toEqual({ numerator: n, denominator: d, percent: p });
  });

  it('rounds exact ties half up and never by float accident', () => {
    // 1/8 = 12.5% exactly; 1/16 = 6.25%; 1/32 = 3.125% -> 3.13; 1/80000 = 0.00125% -> 0.00
    expect(share(1, 32).percent).toBe(3.13);
    expect(share(1, 80000).percent).toBe(0);
    expect(share(1, 20000).percent).toBe(0.01); // 0.005% is an exact tie -> up
    expect(share(29, 20000).percent).toBe(0.15); // 0.145%: a float product lands on 14.499999...
  });

  it('has no percent without a denominator and refuses non-counts', () => {
    expect(share(0, 0).percent).toBeNull();
    expect(() => share(1.5, 3)).toThrow();
    expect(() => share(-1, 3)).toThrow();
  });

  it('agrees with decimal string rounding for every n/d up to 300', () => {
    for (let d = 1; d <= 300; d++) {
      for (let n = 0; n <= d; n++) {
        // Independent check: the remainder decides; a tie (2r == d) rounds up.
        const q = Math.floor((n * 10000) / d);
        const r = n * 10000 - q * d;
        expect(share(n, d).percent).toBe((2 * r >= d ? q + 1 : q) / 100);
      }
    }
  });
});

describe('numeric summaries', () => {
  it('uses type-7 quartiles', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s).toEqual({ n: 4, mean: 2.5, median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4 });
    expect(quantileSorted([], 0.5)).toBeNull();
    expect(summarize([5]).q1).toBe(5);
    expect(summarize([]).mean).toBeNull();
  });
});

describe('levels and narratives', () => {
  it('computes at-or-above from counts and picks extremes', () => {
    const counts = [10, 85, 150, 40, 7];
    expect(atLeastShare(counts, 3, 292).numerator).toBe(197);
    expect(atLeastShare(counts, 3, 292).percent).toBe(67.47);
    expect(levelShares(counts, 292).map((s) => s.numerator)).toEqual(counts);
    const { largest, smallest } = extremes([
      { key: 'P1', number: 1, share: share(197, 292) },
      { key: 'P2', number: 2, share: share(150, 292) },
      { key: 'P3', number: 3, share: share(97, 292) },
      { key: 'P4', number: 4, share: share(97, 292) },
    ]);
    expect(largest?.key).toBe('P1');
    expect(smallest?.key).toBe('P3');
  });

  it('writes the findings sentences', () => {
    const name = { th: 'แนวนโยบายและหลักปฏิบัติ', en: 'Policies and Practices' };
    const s = standoutSentence({ number: 1, name, share: share(197, 292), atLeast: 3 });
    expect(s.th).toBe('ตัวชี้วัดที่ 1 ด้านแนวนโยบายและหลักปฏิบัติ โดดเด่นมากที่สุด มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ 67.47');
    expect(s.en).toBe('Pillar 1 (Policies and Practices) stands out most: 67.47% at level 3 (Defined) or above');
    // The framework's own name may already begin with "ด้าน" (2565, 2566): not doubled.
    const own = standoutSentence({
      number: 4,
      name: { th: 'ด้านบริการภาครัฐ', en: 'Public Services' },
      share: share(197, 292),
      atLeast: 3,
    });
    expect(own.th).toBe('ตัวชี้วัดที่ 4 ด้านบริการภาครัฐ โดดเด่นมากที่สุด มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ 67.47');
    const w = weakestSentence({
      number: 3,
      name: { th: 'ศักยภาพเจ้าหน้าที่', en: 'Digital Capability' },
      share: share(97, 292),
      atLeast: 3,
    });
    expect(w.th).toContain('โดดเด่นน้อยที่สุด');
    expect(w.en).toContain('33.22%');
    expect(modalLevelSentence(3, share(51, 110)).th).toContain('ระดับขั้นกลาง ร้อยละ 46.36');
    const d = distributionSentence(levelShares([2, 55, 19, 0, 0], 76));
    expect(d.th).toBe(
      'มีสัดส่วนหน่วยงานที่มีความพร้อมฯ ในระดับขั้นริเริ่ม ร้อยละ 2.63 ระดับขั้นต้น ร้อยละ 72.37 ระดับขั้นกลาง ร้อยละ 25.00 โดยไม่มีหน่วยงานที่มีความพร้อมในระดับขั้นสูง และระดับขั้นสูงสุด',
    );
  });
});
