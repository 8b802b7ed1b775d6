import { z } from 'zod';
import { AnswerValueSchema, NotApplicableSchema, VerificationStateSchema } from './answer';
import { TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

export const ResponseStatusSchema = z.enum(['not_started', 'in_progress', 'submitted', 'returned', 'verified']);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

export const CycleStatusSchema = z.enum(['draft', 'open', 'closed', 'published']);

export const CycleSummarySchema = z.object({
  id: z.number().int(),
  fiscalYear: z.number().int(),
  name: LocalizedTextSchema,
  status: CycleStatusSchema,
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  frameworkHash: z.string(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type CycleSummary = z.infer<typeof CycleSummarySchema>;

export const UserRefSchema = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const StoredAnswerSchema = z.object({
  questionCode: z.string(),
  value: AnswerValueSchema.nullable(),
  notApplicable: NotApplicableSchema.nullable(),
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema,
  verification: VerificationStateSchema,
  verificationReason: z.string().nullable(),
  verificationComment: z.string().nullable(),
});
export type StoredAnswer = z.infer<typeof StoredAnswerSchema>;

export const EvidenceSchema = z.object({
  id: z.string(),
  questionCode: z.string(),
  kind: z.enum(['file', 'url']),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  mime: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ReviewCommentSchema = z.object({
  id: z.number().int(),
  round: z.number().int(),
  questionCode: z.string().nullable(),
  comment: z.string(),
  createdAt: z.string(),
  author: UserRefSchema,
});

export const ResponseSummarySchema = z.object({
  id: z.number().int(),
  cycleId: z.number().int(),
  agencyId: z.number().int(),
  agencyName: LocalizedTextSchema,
  track: TrackSchema,
  status: ResponseStatusSchema,
  round: z.number().int(),
  deadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  /** Whether the caller may change answers now (role, status and cycle all allow it). */
  editable: z.boolean(),
  signoff: z.object({
    /** Set by DGA per cycle: only the agency's CIO submits, with a declaration of accuracy. */
    required: z.boolean(),
    readyAt: z.string().nullable(),
    readyBy: z.string().nullable(),
    declaredAt: z.string().nullable(),
    declaredBy: z.string().nullable(),
    declarationText: z.string().nullable(),
  }),
});
export type ResponseSummary = z.infer<typeof ResponseSummarySchema>;

export const ResponseDetailSchema = z.object({
  response: ResponseSummarySchema,
  answers: z.array(StoredAnswerSchema),
  evidence: z.array(EvidenceSchema),
  comments: z.array(ReviewCommentSchema),
});
export type ResponseDetail = z.infer<typeof ResponseDetailSchema>;

/** One autosave. `baseRevision` is the revision the client edited (0 for a first answer). */
export const SaveAnswerSchema = z
  .object({
    value: AnswerValueSchema.nullable(),
    notApplicable: NotApplicableSchema.nullable().default(null),
    baseRevision: z.number().int().min(0).max(2_147_483_647),
    idempotencyKey: z.uuid(),
  })
  .strict();
export type SaveAnswer = z.infer<typeof SaveAnswerSchema>;

export const SaveAnswerResultSchema = z.object({
  questionCode: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
  updatedBy: UserRefSchema,
  replayed: z.boolean(),
});
export type SaveAnswerResult = z.infer<typeof SaveAnswerResultSchema>;

/** 409 details: what is stored now and who stored it, so the UI can offer "keep mine" or "take theirs". */
export const StaleRevisionDetailsSchema = z.object({ current: StoredAnswerSchema });

export const MissingItemSchema = z.object({
  questionCode: z.string(),
  pillarKey: z.string(),
  reason: z.enum(['required', 'evidence', 'invalid', 'justification']),
  message: LocalizedTextSchema,
});
export type MissingItem = z.infer<typeof MissingItemSchema>;

/** The CIO accepts the declaration of accuracy (required where the cycle requires sign-off). */
export const SubmitRequestSchema = z
  .object({ declarationAccepted: z.boolean().optional() })
  .strict()
  .nullish()
  .transform((v) => v ?? {});
export type SubmitRequest = z.infer<typeof SubmitRequestSchema>;
