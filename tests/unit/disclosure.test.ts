import { describe, expect, it } from 'vitest';
import {
  AGENCY_ROLES,
  type DisclosureCell,
  judgeGroup,
  judgeSegment,
  twoDimensionProblem,
  withheldValues,
} from '../../shared/src/domain/disclosure';
import { isAgencyRole, RoleSchema } from '../../shared/src/schemas/auth';

const dept = (value: string, n: number): DisclosureCell => ({ track: 'department', value, n });
const prov = (value: string, n: number): DisclosureCell => ({ track: 'province', value, n });

describe('withheldValues', () => {
  it('withholds a small group and the next smallest, so total minus shown leaves at least the minimum', () => {
    const cells = [dept('A', 20), dept('B', 6), dept('C', 1)];
    const out = withheldValues(cells, 5);
    expect(out.get('C')).toBe('below_minimum');
    expect(out.get('B')).toBe('complementary');
    expect(out.has('A')).toBe(false);
  });

  it('needs no complementary group when the withheld ones already add up to the minimum', () => {
    const out = withheldValues([dept('A', 20), dept('B', 3), dept('C', 2)], 5);
    expect([...out.keys()].sort()).toEqual(['B', 'C']);
    expect(out.has('A')).toBe(false);
  });

  it('withholds a value in every track when one track part is small (no cross-track subtraction)', () => {
    const cells = [dept('X', 10), prov('X', 2), dept('Y', 10), prov('Y', 10), prov('Z', 9)];
    const out = withheldValues(cells, 5);
    expect(out.get('X')).toBe('below_minimum');
    // Province row: 2 withheld < 5, so its next smallest (Z, 9) goes too.
    expect(out.get('Z')).toBe('complementary');
    expect(out.has('Y')).toBe(false);
  });

  it('treats an empty group as nothing to protect', () => {
    expect(withheldValues([dept('A', 10), dept('B', 0)], 5).size).toBe(0);
  });
});

describe('judgeSegment and judgeGroup', () => {
  const cells = [dept('M1', 8), dept('M2', 6), dept('M3', 1)];

  it('judges a filter and the same group of a cross-tab alike', () => {
    for (const v of ['M1', 'M2', 'M3']) {
      const asFilter = judgeSegment(cells, { track: 'department', ministry: v }, 5);
      const asGroup = judgeGroup(cells, { track: 'department' }, 'ministry', v, 5);
      expect(asGroup?.reason ?? null).toBe(asFilter?.reason ?? null);
    }
    expect(judgeSegment(cells, { ministry: 'M1' }, 5)).toBeNull();
    expect(judgeSegment(cells, { ministry: 'M3' }, 5)?.message.th).toContain('น้อยกว่า 5 แห่ง');
  });

  it('withholds both tracks when one is small, and keeps the whole', () => {
    const tracks = [dept('department', 30), prov('province', 3)];
    expect(judgeSegment(tracks, { track: 'province' }, 5)?.reason).toBe('below_minimum');
    expect(judgeSegment(tracks, { track: 'department' }, 5)?.reason).toBe('complementary');
    expect(judgeSegment(tracks, {}, 5)).toBeNull();
  });
});

describe('twoDimensionProblem', () => {
  it('allows the track plus one dimension, refuses two', () => {
    expect(twoDimensionProblem({ track: 'department', ministry: 'M1' })).toBeNull();
    expect(twoDimensionProblem({ track: 'department', ministry: 'M1' }, 'track')).toBeNull();
    expect(twoDimensionProblem({ ministry: 'M1' }, 'ministry')).toBeNull();
    expect(twoDimensionProblem({ ministry: 'M1', role: 'policy' })).toMatch(/role and ministry/);
    expect(twoDimensionProblem({ ministry: 'M1' }, 'orgType')).toMatch(/ministry and orgType/);
  });
});

describe('who the rule applies to', () => {
  it('covers every agency role of the schema (respondent, CIO, viewer) and no DGA role', () => {
    for (const role of RoleSchema.options) {
      expect(AGENCY_ROLES.has(role), role).toBe(isAgencyRole(role));
    }
  });
});
