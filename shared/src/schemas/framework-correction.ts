import { z } from 'zod';

export const CorrectionBodySchema = z
  .object({
    /** The whole corrected document; see domain/framework-correction.ts for what may change. */
    framework: z.record(z.string(), z.unknown()),
    /** Why: kept with the superseded document and in the audit log. */
    note: z.string().trim().min(1).max(2000),
  })
  .strict();
export type CorrectionBody = z.infer<typeof CorrectionBodySchema>;

export const CorrectionResultSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  revision: z.number().int(),
  hash: z.string(),
  previousHash: z.string(),
  changed: z.boolean(),
  /** Cycles using the framework: their results are recomputed by each cycle's recompute action. */
  cycles: z.array(z.object({ id: z.number().int(), fiscalYear: z.number().int(), status: z.string() })),
});
export type CorrectionResult = z.infer<typeof CorrectionResultSchema>;
