import { describe, expect, it } from 'vitest';
import { dayInputProps, formatDay, parseDay } from '../../client/src/lib/thai-dates';

describe('typed dates (client/src/lib/thai-dates)', () => {
  it('reads day/month/year in the Buddhist Era or the common era, with any of / - . between', () => {
    expect(parseDay('25/12/2568')).toBe('2025-12-25');
    expect(parseDay('25-12-2568')).toBe('2025-12-25');
    expect(parseDay('25.12.2568')).toBe('2025-12-25');
    expect(parseDay('1/2/2567')).toBe('2024-02-01');
    expect(parseDay('25/12/2025')).toBe('2025-12-25');
    expect(parseDay(' ๒๕/๑๒/๒๕๖๘ ')).toBe('2025-12-25');
  });

  it('reads ISO days, also with a B.E. year', () => {
    expect(parseDay('2025-12-25')).toBe('2025-12-25');
    expect(parseDay('2568-12-25')).toBe('2025-12-25');
  });

  it('reads the text the field itself shows, in either language', () => {
    expect(parseDay('25 ธ.ค. 2568')).toBe('2025-12-25');
    expect(parseDay('25 ธันวาคม 2568')).toBe('2025-12-25');
    expect(parseDay('25 Dec 2025')).toBe('2025-12-25');
    expect(parseDay('25 december 2025')).toBe('2025-12-25');
  });

  it('returns null for what is not (yet) a whole, existing date', () => {
    for (const text of [
      '',
      '25',
      '25/12',
      '25/12/256',
      '25/12/25',
      '31/02/2568',
      '29/02/2568',
      '32/01/2025',
      '25/13/2025',
      'abc',
      '25 Foo 2025',
      '2025-12-25T10:00',
    ]) {
      expect(parseDay(text), text).toBeNull();
    }
    // 2567 B.E. (2024) is a leap year.
    expect(parseDay('29/02/2567')).toBe('2024-02-29');
  });

  it('shows B.E. in Thai and C.E. in English, and reads its own output back', () => {
    expect(formatDay('2025-12-25', 'th')).toBe('25 ธ.ค. 2568');
    expect(formatDay('2025-12-25', 'en')).toBe('25 Dec 2025');
    for (const iso of ['2025-12-25', '2024-02-29', '2026-01-01', '1999-07-04']) {
      expect(parseDay(formatDay(iso, 'th'))).toBe(iso);
      expect(parseDay(formatDay(iso, 'en'))).toBe(iso);
    }
  });

  it('gives the calendar B.E. year labels in Thai and C.E. in English', () => {
    const th = dayInputProps('th');
    expect(th.valueFormat).toBe('D MMM BBBB');
    expect(th.monthLabelFormat).toBe('MMMM BBBB');
    expect([th.yearLabelFormat, th.decadeLabelFormat, th.yearsListFormat]).toEqual(['BBBB', 'BBBB', 'BBBB']);
    expect(th.getDayAriaLabel?.('2025-12-25')).toBe('25 ธันวาคม 2568');
    const en = dayInputProps('en');
    expect(en.valueFormat).toBe('D MMM YYYY');
    expect(en.getDayAriaLabel?.('2025-12-25')).toBe('25 December 2025');
    expect(th.dateParser).toBe(parseDay);
  });
});
