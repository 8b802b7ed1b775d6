import { describe, expect, it } from 'vitest';
import { verifiedBasisState } from '../../shared/src/domain/basis';

describe('verifiedBasisState', () => {
  it('calls figures verified only when every submitted response is verified', () => {
    expect(verifiedBasisState(0, 366)).toBe('none');
    expect(verifiedBasisState(0, 0)).toBe('none');
    expect(verifiedBasisState(12, 366)).toBe('some');
    expect(verifiedBasisState(366, 366)).toBe('all');
  });
});
