/**
 * What the "verified" basis actually shows. A submitted response's verified result falls back to
 * its self-assessment until analysts verify it, so while few or none are verified the figures are
 * (mostly) self-assessed and must not be called verified results.
 */
export type VerifiedBasisState = 'all' | 'some' | 'none';

export function verifiedBasisState(verified: number, submitted: number): VerifiedBasisState {
  if (verified <= 0) return 'none';
  return verified >= submitted ? 'all' : 'some';
}
