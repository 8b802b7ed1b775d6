import { z } from 'zod';
import { SessionSchema } from './auth';
import { CycleSummaryListSchema } from './frameworks-routes';
import { ResponseDetailSchema } from './questionnaire';

/**
 * Restoring a session (POST /api/auth/refresh) can carry the first reads of the page being opened,
 * so a slow link pays one round trip for both: today the questionnaire's.
 */
export const RefreshRequestSchema = z
  .object({ resume: z.enum(['questionnaire']).optional() })
  .strict()
  .optional();
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

/**
 * What GET /api/cycles and GET /api/cycles/:id/my-response would answer, for the cycle the page
 * opens on (shared/domain/current-cycle.ts); `myResponse` is null for an account without an agency.
 */
export const QuestionnaireStartSchema = z.object({
  cycles: CycleSummaryListSchema,
  current: z
    .object({
      cycleId: z.number().int(),
      frameworkHash: z.string(),
      myResponse: ResponseDetailSchema.nullable(),
    })
    .nullable(),
});
export type QuestionnaireStart = z.infer<typeof QuestionnaireStartSchema>;

export const RefreshResponseSchema = SessionSchema.extend({ questionnaire: QuestionnaireStartSchema.optional() });
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;

/** GET /api/cycles/:cycleId/framework?hash=: with the current hash the answer never changes. */
export const FrameworkQuerySchema = z.object({ hash: z.string().max(128).optional() });
