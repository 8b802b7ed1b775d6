import { z } from 'zod';
import { StoredTextSchema } from './common';
import { TrackSchema } from './framework';

/** The agency registry (/api/agencies, /api/admin/agencies). */

export const ORG_TYPES = [
  'government_agency',
  'state_enterprise',
  'public_organization',
  'independent_organization',
  'other',
] as const;
export const AGENCY_ROLES = ['policy', 'service'] as const;

export const AgencySummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  track: TrackSchema,
  name: StoredTextSchema,
  ministryCode: z.string().nullable(),
  ministryName: StoredTextSchema.nullable(),
  orgType: z.string().nullable(),
  role: z.string().nullable(),
  region: z.string().nullable(),
  active: z.boolean(),
  mergedIntoId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type AgencySummary = z.infer<typeof AgencySummarySchema>;
export const AgencySummaryListSchema = z.array(AgencySummarySchema);

export const AgencyQuerySchema = z.object({
  track: TrackSchema.optional(),
  orgType: z.enum(ORG_TYPES).optional(),
  role: z.enum(AGENCY_ROLES).optional(),
  ministry: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const AgencyPatchSchema = z
  .object({
    nameTh: z.string().trim().min(2).max(300).optional(),
    nameEn: z.string().trim().min(2).max(300).optional(),
    ministryCode: z.string().min(1).max(40).nullable().optional(),
    orgType: z.enum(ORG_TYPES).nullable().optional(),
    role: z.enum(AGENCY_ROLES).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Give at least one field to change');
export type AgencyPatch = z.infer<typeof AgencyPatchSchema>;

export const AgencyMergeBodySchema = z.object({ intoAgencyId: z.number().int().positive() }).strict();

export const AgencyHistoryEntrySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  /** The changed fields before and after (merges also carry the other agency's names as an object). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  changedAt: z.string(),
});
export type AgencyHistoryEntry = z.infer<typeof AgencyHistoryEntrySchema>;
export const AgencyHistorySchema = z.array(AgencyHistoryEntrySchema);
