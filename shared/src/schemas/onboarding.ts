import { z } from 'zod';

/** Where each contact's invitation stands, from the mail server's answer to the person's click. */
export const OnboardingStatusSchema = z.enum(['queued', 'sent', 'opened', 'accepted', 'bounced', 'failed', 'expired']);
export type OnboardingStatus = z.infer<typeof OnboardingStatusSchema>;

/** Roles an agency contact can be given in bulk: the agency's own roles. */
export const OnboardingRoleSchema = z.enum(['cio', 'respondent', 'viewer']);

export const OnboardingContactSchema = z.object({
  row: z.number().int(),
  agencyCode: z.string(),
  agencyName: z.object({ th: z.string(), en: z.string() }),
  displayName: z.string(),
  email: z.string(),
  role: OnboardingRoleSchema,
  status: OnboardingStatusSchema,
  /** The mail server's refusal, for bounced and failed. */
  error: z.string().nullable(),
  mailedAt: z.string().nullable(),
});
export type OnboardingContact = z.infer<typeof OnboardingContactSchema>;

export const OnboardingCountsSchema = z.record(OnboardingStatusSchema, z.number().int());

export const OnboardingBatchSummarySchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  total: z.number().int(),
  jobId: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
});
export type OnboardingBatchSummary = z.infer<typeof OnboardingBatchSummarySchema>;

export const OnboardingBatchListSchema = z.object({ batches: z.array(OnboardingBatchSummarySchema) });
export type OnboardingBatchList = z.infer<typeof OnboardingBatchListSchema>;

export const OnboardingBatchSchema = OnboardingBatchSummarySchema.extend({
  contacts: z.array(OnboardingContactSchema),
});
export type OnboardingBatch = z.infer<typeof OnboardingBatchSchema>;

export const OnboardingAcceptedSchema = z.object({
  batchId: z.string().uuid(),
  jobId: z.string(),
  total: z.number().int(),
});
export type OnboardingAccepted = z.infer<typeof OnboardingAcceptedSchema>;

export const OnboardingBatchParamsSchema = z.object({ id: z.string().uuid() });

/** One problem in an uploaded contact list, named by the row and column the user sees. */
export const OnboardingRowErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type OnboardingRowError = z.infer<typeof OnboardingRowErrorSchema>;

/** The columns of the contact list; Thai or English headers are both accepted. */
export const ONBOARDING_COLUMNS = {
  agencyCode: ['agency_code', 'รหัสหน่วยงาน'],
  displayName: ['name', 'ชื่อ-นามสกุล', 'ชื่อ'],
  email: ['email', 'อีเมล'],
  role: ['role', 'บทบาท'],
} as const;

/** Role words accepted in the role column, Thai or English. */
export const ONBOARDING_ROLE_WORDS: Record<string, z.infer<typeof OnboardingRoleSchema>> = {
  cio: 'cio',
  respondent: 'respondent',
  coordinator: 'respondent',
  viewer: 'viewer',
  ผู้ประสานงาน: 'respondent',
  ผู้ตอบแบบสำรวจ: 'respondent',
  ผู้ดูผล: 'viewer',
  ผู้ดูผลของหน่วยงาน: 'viewer',
};
