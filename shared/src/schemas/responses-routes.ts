import { z } from 'zod';
import { IdParamsSchema } from './common';
import { PillarKeySchema, QuestionCodeSchema } from './framework';
import { MissingItemSchema, ResponseSummarySchema, StoredAnswerSchema } from './questionnaire';
import { ResultSchema } from './result';

/** Route schemas of the questionnaire (responses, presence, submission, results, evidence). */

export const AnswerParamsSchema = IdParamsSchema.extend({ questionCode: QuestionCodeSchema });

export const ChangesQuerySchema = z.object({ since: z.iso.datetime({ offset: true }).optional() });

export const PresenceSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  pillarKey: z.string().nullable(),
  seenAt: z.string(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const ChangesSchema = z.object({
  answers: z.array(StoredAnswerSchema),
  others: z.array(PresenceSchema),
  /** Server time of this reading: pass it as `since` next time. */
  now: z.string(),
});
export type Changes = z.infer<typeof ChangesSchema>;

export const PresenceBodySchema = z.object({ pillarKey: PillarKeySchema.nullable().optional() });
export const PresenceResultSchema = z.object({ ok: z.literal(true), ttlSeconds: z.number() });

export const ResponseResultSchema = z.object({
  selfAssessed: ResultSchema,
  verified: ResultSchema,
  revision: z.number().int().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** True when no submission has been scored yet: a live computation from the current answers. */
  preview: z.boolean(),
});
export type ResponseResult = z.infer<typeof ResponseResultSchema>;

export const SubmitResultSchema = z.object({
  response: ResponseSummarySchema,
  submittedAt: z.string(),
  snapshotRevision: z.number().int(),
});
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

export const IncompleteErrorSchema = z.object({
  error: z.object({
    code: z.literal('INCOMPLETE'),
    message: z.string(),
    details: z.object({ missing: z.array(MissingItemSchema) }),
    requestId: z.string().optional(),
  }),
});

/** Evidence: its id is a uuid; a link is http(s) only. */
export const EvidenceIdParamsSchema = z.object({ id: z.uuid() });
const HttpUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), 'Only http and https links are accepted');
export const EvidenceUrlBodySchema = z.object({ questionCode: QuestionCodeSchema, url: HttpUrlSchema }).strict();
