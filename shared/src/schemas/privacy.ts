import { z } from 'zod';

const Bilingual = z.object({ th: z.string(), en: z.string() });

export const PrivacyNoticeSchema = z.object({
  /** The notice version; acknowledging one version does not acknowledge the next. */
  version: z.string(),
  title: Bilingual,
  sections: z.array(z.object({ heading: Bilingual, body: Bilingual })),
  acknowledgedVersion: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** True when the signed-in user has acknowledged this version. */
  acknowledged: z.boolean(),
});
export type PrivacyNotice = z.infer<typeof PrivacyNoticeSchema>;

export const PrivacyAcknowledgementSchema = z.object({
  version: z.string().min(1).max(40),
});
export type PrivacyAcknowledgement = z.infer<typeof PrivacyAcknowledgementSchema>;

export const UserIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

const AuditEntryExportSchema = z.object({
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** Whether the subject did this, or someone else did it to the subject's account. */
  actor: z.enum(['subject', 'other']),
  /** The subject's own address, only on entries the subject made. */
  ip: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

/** Everything held about one person, for a PDPA subject-access request. */
export const PersonalDataExportSchema = z.object({
  exportedAt: z.string(),
  profile: z.object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.string(),
    agencyId: z.number().int().nullable(),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
    disabledAt: z.string().nullable(),
    anonymisedAt: z.string().nullable(),
    privacyNotice: z.object({ version: z.string().nullable(), acknowledgedAt: z.string().nullable() }),
  }),
  sessions: z.array(
    z.object({
      createdAt: z.string(),
      expiresAt: z.string(),
      usedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
  auditEntries: z.array(AuditEntryExportSchema),
});
export type PersonalDataExport = z.infer<typeof PersonalDataExportSchema>;
