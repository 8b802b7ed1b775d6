import { z } from 'zod';
import { IdSchema } from './common';
import { QuestionCodeSchema, TrackSchema } from './framework';
import { AcceptBodySchema, CategorySchema, QueueStatusSchema } from './review';

/** Path and query schemas of the results, report and review routes that report.ts and review.ts do not hold. */

export const AgencyResultParamsSchema = z.object({ cycleId: IdSchema, agencyId: IdSchema });
export const ReportLangQuerySchema = z.object({ lang: z.enum(['th', 'en']).default('th') });

export const ReviewQueueQuerySchema = z.object({
  status: QueueStatusSchema.default('all'),
  track: TrackSchema.optional(),
  q: z.string().max(200).optional(),
});
export const ReviewAnswerParamsSchema = z.object({ id: IdSchema, questionCode: QuestionCodeSchema });
export const ReviewEvidenceParamsSchema = z.object({ id: IdSchema, evidenceId: z.uuid() });
export const QuestionFilterQuerySchema = z.object({ questionCode: QuestionCodeSchema.optional() });
/** The accept body may be left out (nothing pending to accept). */
export const OptionalAcceptBodySchema = AcceptBodySchema.optional();
export const CategoryListSchema = z.array(CategorySchema);
