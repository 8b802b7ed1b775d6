/**
 * Cache keys of reads that arrive by more than one path: the questionnaire's first reads come with
 * the restored session (lib/auth.tsx seeds them) or from the questionnaire's own queries.
 */
export const cycleKeys = {
  cycles: ['cycles'] as const,
  framework: (cycleId: number) => ['cycles', cycleId, 'framework'] as const,
  myResponse: (cycleId: number) => ['cycles', cycleId, 'my-response'] as const,
};
