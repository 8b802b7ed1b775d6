import { describe, expect, it } from 'vitest';
import { agencies } from '../../seeds/registry/agencies';
import { ministries } from '../../seeds/registry/ministries';
import { provinces } from '../../seeds/registry/provinces';

const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => {
    const k = key(item);
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

describe('ministries', () => {
  it('lists the 20 ministry-level bodies and the groupings, with unique codes', () => {
    expect(ministries.filter((m) => m.kind === 'ministry')).toHaveLength(20);
    expect(ministries.some((m) => m.code === 'OPM')).toBe(true);
    expect(new Set(ministries.map((m) => m.code)).size).toBe(ministries.length);
    for (const m of ministries) expect(m.nameTh).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe('agencies', () => {
  const respondents = agencies.filter((a) => a.respondent2566);

  it('has 300 invited agencies with unique, stable codes and names', () => {
    expect(agencies).toHaveLength(300);
    expect(new Set(agencies.map((a) => a.code)).size).toBe(300);
    expect(agencies[0]?.code).toBe('D001');
    expect(agencies[299]?.code).toBe('D300');
    expect(new Set(agencies.map((a) => a.nameTh)).size).toBe(300);
    expect(new Set(agencies.map((a) => a.nameEn)).size).toBe(300);
  });

  it('points every agency at a known ministry or grouping', () => {
    const codes = new Set(ministries.map((m) => m.code));
    for (const a of agencies) expect(codes.has(a.ministryCode), a.code).toBe(true);
  });

  it('has 292 respondents split by type and role as in the 2566 findings', () => {
    expect(respondents).toHaveLength(292);
    expect(countBy(respondents, (a) => a.orgType)).toEqual({
      government_agency: 153,
      state_enterprise: 52,
      public_organization: 53,
      independent_organization: 15,
      other: 19,
    });
    expect(countBy(respondents, (a) => a.role)).toEqual({ policy: 110, service: 182 });
  });

  it('spreads the 8 non-respondents across types', () => {
    const missing = agencies.filter((a) => !a.respondent2566);
    expect(missing).toHaveLength(8);
    expect(Object.keys(countBy(missing, (a) => a.orgType)).length).toBeGreaterThanOrEqual(4);
  });
});

describe('provinces', () => {
  it('has the 76 provinces without Bangkok, with unique codes and names', () => {
    expect(provinces).toHaveLength(76);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(76);
    expect(new Set(provinces.map((p) => p.nameTh)).size).toBe(76);
    expect(new Set(provinces.map((p) => p.nameEn)).size).toBe(76);
    expect(provinces.some((p) => p.code === 'TH-10')).toBe(false);
    expect(provinces.find((p) => p.code === 'TH-50')).toMatchObject({ nameEn: 'Chiang Mai', region: 'north' });
  });

  it('groups provinces into the six regions', () => {
    expect(countBy(provinces, (p) => p.region)).toEqual({
      north: 9,
      northeast: 20,
      central: 21,
      east: 7,
      west: 5,
      south: 14,
    });
  });
});
