import { z } from 'zod';
import { BulkResultSchema, GridPagingSchema, gridPageSchema, sortSchema } from './data-grid';
import { TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';
import { QueueItemSchema, QueueStatusSchema, ReviewQueueSchema } from './review';

export const QUEUE_SORTS = ['submittedAt', 'agencyCode', 'agencyName', 'status', 'round', 'verifiedOverall'] as const;

/**
 * `mine`: agencies assigned to the caller; `unassigned`; or one analyst's id. `auto` (the default)
 * is `mine` for an analyst with assignments, else `all`.
 */
export const AssigneeFilterSchema = z.union([
  z.enum(['auto', 'all', 'mine', 'unassigned']),
  z.coerce.number().int().positive(),
]);
export type AssigneeFilter = z.infer<typeof AssigneeFilterSchema>;

export const ReviewQueueQuerySchema = GridPagingSchema.extend({
  status: QueueStatusSchema.default('all'),
  track: TrackSchema.optional(),
  assignee: AssigneeFilterSchema.default('auto'),
  sort: sortSchema(QUEUE_SORTS, 'submittedAt:asc'),
  /** The older name of `search`. */
  q: z.string().trim().max(200).optional(),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuerySchema>;

export const AnalystRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const QueueRowSchema = QueueItemSchema.extend({ analyst: AnalystRefSchema.nullable() });
export type QueueRow = z.infer<typeof QueueRowSchema>;

/** One page of the queue; `claims` counts over the page's responses, `progress` over the cycle. */
export const ReviewQueuePageSchema = ReviewQueueSchema.omit({ items: true })
  .extend(gridPageSchema(QueueRowSchema).shape)
  .extend({
    /** Agencies assigned to the caller: the client opens the "mine" view when there are any. */
    myAssignments: z.number().int(),
    /** The analyst filter applied (`auto` resolved). */
    assignee: z.union([z.enum(['all', 'mine', 'unassigned']), z.number().int()]),
  });
export type ReviewQueuePage = z.infer<typeof ReviewQueuePageSchema>;

export const BulkReviewBodySchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('return'),
      responseIds: z.array(z.number().int().positive()).min(1).max(200),
      comment: z.string().trim().min(1, 'A comment tells the agencies what to fix').max(4000),
    })
    .strict(),
  z
    .object({
      action: z.literal('accept'),
      responseIds: z.array(z.number().int().positive()).min(1).max(200),
      /** Accept responses with unchecked claims as self-reported. */
      acceptPending: z.boolean().default(false),
    })
    .strict(),
]);
export type BulkReviewBody = z.infer<typeof BulkReviewBodySchema>;
export const BulkReviewResultSchema = BulkResultSchema;

// Assignments -----------------------------------------------------------------------------------

export const AnalystSchema = AnalystRefSchema.extend({ email: z.string(), assigned: z.number().int() });
export const AnalystListSchema = z.array(AnalystSchema);
export type Analyst = z.infer<typeof AnalystSchema>;

export const AssignBodySchema = z
  .object({
    analystId: z.number().int().positive(),
    agencyIds: z.array(z.number().int().positive()).max(10_000).optional(),
    /** Every active agency of the ministry. */
    ministryCode: z.string().trim().min(1).max(20).optional(),
  })
  .strict()
  .refine((b) => (b.agencyIds?.length ?? 0) > 0 || !!b.ministryCode, {
    message: 'Give the agencies (agencyIds) or a ministry (ministryCode)',
    path: ['agencyIds'],
  });
export type AssignBody = z.infer<typeof AssignBodySchema>;

/** Hands every agency of one analyst (away) to another. */
export const ReassignBodySchema = z
  .object({ fromAnalystId: z.number().int().positive(), toAnalystId: z.number().int().positive() })
  .strict()
  .refine((b) => b.fromAnalystId !== b.toAnalystId, { message: 'Choose another analyst', path: ['toAnalystId'] });
export type ReassignBody = z.infer<typeof ReassignBodySchema>;

export const AssignResultSchema = z.object({ assigned: z.number().int() });

export const MinistryOptionSchema = z.object({ code: z.string(), name: LocalizedTextSchema });
