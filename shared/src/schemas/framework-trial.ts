import { z } from 'zod';
import { AnswerValueSchema, NotApplicableSchema } from './answer';
import { TrackSchema } from './framework';
import { ResultSchema } from './result';

/**
 * A trial run of a draft framework: DGA staff answer it as a test department and a test province
 * and read the engine's levels and explanations. Always `trial: true`; it is never a cycle, so no
 * analytics, open data, report or monitoring figure includes it.
 */
export const TrialAnswerSchema = z
  .object({
    value: AnswerValueSchema.nullable().optional(),
    notApplicable: NotApplicableSchema.optional(),
  })
  .strict();
export type TrialAnswer = z.infer<typeof TrialAnswerSchema>;

export const TrialTrackParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2147483647),
  track: TrackSchema,
});

/** The test agency's whole set of answers for one track (replaces what was saved before). */
export const SaveTrialAnswersBodySchema = z
  .object({ answers: z.record(z.string().min(1).max(100), TrialAnswerSchema) })
  .strict()
  .refine((b) => Object.keys(b.answers).length <= 5000, { message: 'At most 5000 answers' });
export type SaveTrialAnswersBody = z.infer<typeof SaveTrialAnswersBodySchema>;

export const TrialTrackSchema = z.object({
  track: TrackSchema,
  answers: z.record(z.string(), TrialAnswerSchema),
  answered: z.number().int(),
  /** The engine's result (levels, criteria and next-level explanations); null when the draft cannot be scored. */
  result: ResultSchema.nullable(),
  /** Why there is no result (the draft does not validate), in Thai and English. */
  problem: z.object({ th: z.string(), en: z.string() }).nullable(),
});
export type TrialTrack = z.infer<typeof TrialTrackSchema>;

export const FrameworkTrialSchema = z.object({
  trial: z.literal(true),
  id: z.number().int(),
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  frameworkHash: z.string(),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  tracks: z.array(TrialTrackSchema),
});
export type FrameworkTrial = z.infer<typeof FrameworkTrialSchema>;

export const TrialDiscardResultSchema = z.object({
  discarded: z.literal(true),
  answers: z.number().int(),
});
export type TrialDiscardResult = z.infer<typeof TrialDiscardResultSchema>;
