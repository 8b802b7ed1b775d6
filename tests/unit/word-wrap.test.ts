import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../shared/src/domain/word-wrap';

const MARK = /^\p{M}/u;

describe('wrapWords', () => {
  const label = 'หน่วยงานที่มีการพัฒนาบริการดิจิทัลครบทุกด้านตามแผนพัฒนารัฐบาลดิจิทัล';

  it('breaks Thai only between words, never before a vowel or tone mark', () => {
    const lines = wrapWords(label, 12);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(label);
    for (const line of lines) expect(line).not.toMatch(MARK);
    const boundaries = new Set<number>();
    let at = 0;
    for (const { segment } of new Intl.Segmenter('th', { granularity: 'word' }).segment(label)) {
      at += segment.length;
      boundaries.add(at);
    }
    let end = 0;
    for (const line of lines) {
      end += line.length;
      expect(boundaries.has(end)).toBe(true);
    }
  });

  it('keeps lines within the width when words allow, counting marks as no width', () => {
    for (const line of wrapWords(label, 14)) expect(line.replace(/\p{M}/gu, '').length).toBeLessThanOrEqual(14);
    expect(wrapWords('สูง', 1)).toEqual(['สูง']);
  });

  it('wraps English at spaces and leaves a short label whole', () => {
    expect(wrapWords('Share of agencies at level four or above', 16, 'en')).toEqual([
      'Share of',
      'agencies at',
      'level four or',
      'above',
    ]);
    expect(wrapWords('ระดับ 4', 20)).toEqual(['ระดับ 4']);
  });
});
