import { z } from 'zod';
import { AnswerValueSchema, VerificationStateSchema } from './answer';
import { EvidencePolicySchema, LevelSchema, QuestionTypeSchema, TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';
import { CycleStatusSchema, ResponseStatusSchema, ResponseSummarySchema, ReviewCommentSchema } from './questionnaire';

/** Why an analyst rejects a claimed practice. The first is the category of DGA's published tables. */
export const REJECTION_REASONS = {
  evidence_no_action: {
    th: 'ตรวจสอบหลักฐาน/เนื้อหาของคำตอบ สรุปได้ว่าไม่มีการดำเนินการ',
    en: 'Evidence checked: no action taken',
  },
  evidence_missing: { th: 'ไม่พบหลักฐานประกอบคำตอบ', en: 'No supporting evidence' },
  evidence_mismatch: { th: 'หลักฐานไม่สอดคล้องกับคำตอบ', en: 'Evidence does not match the answer' },
  evidence_outdated: { th: 'หลักฐานไม่อยู่ในรอบปีที่ประเมิน', en: 'Evidence is outside the survey year' },
  other: { th: 'อื่น ๆ (ระบุในความเห็น)', en: 'Other (see comment)' },
} as const;
export const RejectionReasonSchema = z.enum(
  Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS, ...(keyof typeof REJECTION_REASONS)[]],
);
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

export const QueueStatusSchema = z.enum(['submitted', 'returned', 'verified', 'all']);
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

export const ClaimCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  verified: z.number().int(),
  rejected: z.number().int(),
});
export type ClaimCounts = z.infer<typeof ClaimCountsSchema>;

export const QueueItemSchema = z.object({
  responseId: z.number().int(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyName: LocalizedTextSchema,
  track: TrackSchema,
  status: ResponseStatusSchema,
  round: z.number().int(),
  submittedAt: z.string().nullable(),
  claims: ClaimCountsSchema,
  selfOverall: LevelSchema.nullable(),
  verifiedOverall: LevelSchema.nullable(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const ReviewQueueSchema = z.object({
  cycle: z.object({ id: z.number().int(), fiscalYear: z.number().int(), status: CycleStatusSchema }),
  /** Every invited or started agency of the cycle by response status (not_started includes never opened). */
  progress: z.record(ResponseStatusSchema, z.number().int()),
  /** Claims over the listed responses. */
  claims: ClaimCountsSchema,
  items: z.array(QueueItemSchema),
});
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;

export const ReviewEvidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(['file', 'url']),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  /** Files: the authenticated download link; links: the agency's URL. */
  href: z.string(),
  /** The analyst's decision on this piece; the answer's verification is derived from its pieces. */
  verification: VerificationStateSchema,
  verificationReason: z.string().nullable(),
  verificationComment: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});

export const ClaimSchema = z.object({
  questionCode: z.string(),
  pillarKey: z.string(),
  pillarNumber: z.number().int(),
  text: LocalizedTextSchema,
  type: QuestionTypeSchema,
  evidencePolicy: EvidencePolicySchema,
  value: AnswerValueSchema.nullable(),
  /** The answer in words (option labels), for display. */
  answerText: LocalizedTextSchema,
  /** Levels of the criteria this answer meets (self-assessed); required = gates its level. */
  criteria: z.array(z.object({ level: LevelSchema, required: z.boolean() })),
  evidence: z.array(ReviewEvidenceSchema),
  verification: VerificationStateSchema,
  verificationReason: z.string().nullable(),
  verificationComment: z.string().nullable(),
  verifiedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  verifiedAt: z.string().nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const PillarLevelSchema = z.object({
  key: z.string(),
  number: z.number().int(),
  name: LocalizedTextSchema,
  level: LevelSchema.nullable(),
});
export type PillarLevel = z.infer<typeof PillarLevelSchema>;

export const LevelsSchema = z.object({
  self: z.array(PillarLevelSchema),
  verified: z.array(PillarLevelSchema),
  selfOverall: LevelSchema.nullable(),
  verifiedOverall: LevelSchema.nullable(),
  snapshot: z
    .object({ revision: z.number().int(), reason: z.string(), published: z.boolean(), createdAt: z.string() })
    .nullable(),
});
export type Levels = z.infer<typeof LevelsSchema>;

export const ReviewDetailSchema = z.object({
  response: ResponseSummarySchema,
  agencyCode: z.string(),
  cycle: z.object({ id: z.number().int(), fiscalYear: z.number().int(), status: CycleStatusSchema }),
  claims: z.array(ClaimSchema),
  levels: LevelsSchema,
  comments: z.array(ReviewCommentSchema),
  /** Questions of the track (code and text), for per-question return comments. */
  questions: z.array(z.object({ code: z.string(), pillarNumber: z.number().int(), text: LocalizedTextSchema })),
});
export type ReviewDetail = z.infer<typeof ReviewDetailSchema>;

export const VerificationBodySchema = z
  .object({
    state: VerificationStateSchema,
    reasonCode: RejectionReasonSchema.optional(),
    comment: z.string().trim().max(4000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.state === 'rejected' && !b.reasonCode) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'A reason is required to reject' });
    }
  });
export type VerificationBody = z.infer<typeof VerificationBodySchema>;

export const LevelChangeSchema = z.object({
  pillarKey: z.string(),
  number: z.number().int(),
  from: LevelSchema.nullable(),
  to: LevelSchema.nullable(),
});
export type LevelChange = z.infer<typeof LevelChangeSchema>;

export const VerificationResultSchema = z.object({
  questionCode: z.string(),
  /** The piece of evidence decided on; absent when the decision covered the whole answer. */
  evidenceId: z.string().optional(),
  /** The answer's verification after the decision (derived from its evidence for a per-piece decision). */
  verification: VerificationStateSchema,
  before: z.array(PillarLevelSchema),
  after: z.array(PillarLevelSchema),
  changed: z.array(LevelChangeSchema),
  verifiedOverall: z.object({ from: LevelSchema.nullable(), to: LevelSchema.nullable() }),
  snapshotRevision: z.number().int(),
  /** True when the cycle was already published: the change is a published correction. */
  correction: z.boolean(),
});
export type VerificationResult = z.infer<typeof VerificationResultSchema>;

export const ReturnBodySchema = z
  .object({
    comments: z
      .array(
        z
          .object({ questionCode: z.string().min(1).max(60).nullable(), comment: z.string().trim().min(1).max(4000) })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type ReturnBody = z.infer<typeof ReturnBodySchema>;

export const AcceptBodySchema = z
  .object({
    /** Accept claims not yet checked as self-reported. Without it, pending claims block acceptance. */
    acceptPending: z.boolean().default(false),
  })
  .strict();

export const ReviewActionResultSchema = z.object({
  response: ResponseSummarySchema,
  snapshotRevision: z.number().int().nullable(),
});

export const CategorySchema = z.object({
  questionCode: z.string(),
  code: z.string(),
  labelTh: z.string(),
  labelEn: z.string(),
  /** 'option': one of the question's fixed reasons; 'custom': added by analysts for this cycle. */
  source: z.enum(['option', 'custom']),
});
export type Category = z.infer<typeof CategorySchema>;

export const NewCategorySchema = z
  .object({
    questionCode: z.string().min(1).max(60),
    code: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower_snake, up to 40 characters'),
    labelTh: z.string().trim().min(1).max(300),
    labelEn: z.string().trim().min(1).max(300),
  })
  .strict();

export const CodingItemSchema = z.object({
  responseId: z.number().int(),
  agencyId: z.number().int(),
  agencyName: LocalizedTextSchema,
  questionCode: z.string(),
  text: z.string(),
  codedCategory: z.string().nullable(),
});
export type CodingItem = z.infer<typeof CodingItemSchema>;

export const CodingListSchema = z.object({
  questions: z.array(z.object({ code: z.string(), text: LocalizedTextSchema, track: TrackSchema })),
  categories: z.array(CategorySchema),
  items: z.array(CodingItemSchema),
});
export type CodingList = z.infer<typeof CodingListSchema>;

export const CodingBodySchema = z.object({ category: z.string().min(1).max(40).nullable() }).strict();
export const CodingResultSchema = z.object({
  responseId: z.number().int(),
  questionCode: z.string(),
  text: z.string(),
  codedCategory: z.string().nullable(),
});
