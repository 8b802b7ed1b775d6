import { z } from 'zod';
import { LocalizedTextSchema } from './i18n';

/**
 * Reminders by mail to agencies that have not submitted (or whose response was returned): picked
 * by staff, previewed, then sent by a background job; each sending is recorded per agency.
 */

export const ReminderKindSchema = z.enum(['not_submitted', 'returned']);
export type ReminderKind = z.infer<typeof ReminderKindSchema>;
export const ReminderStatusSchema = z.enum(['scheduled', 'sent', 'failed', 'no_recipient', 'cancelled']);
export type ReminderStatus = z.infer<typeof ReminderStatusSchema>;

export const ReminderCycleParamsSchema = z.object({ cycleId: z.coerce.number().int().positive() });

/**
 * Who is reminded without a selection: every invited agency not yet submitted (`pending`), only
 * those not yet submitted and never returned (`not_submitted`), or those with returned items.
 */
export const ReminderAudienceSchema = z.enum(['pending', 'not_submitted', 'returned']);
export type ReminderAudience = z.infer<typeof ReminderAudienceSchema>;

/**
 * Which agencies to remind; without `agencyIds`, the `audience` (default: every invited agency
 * that has not submitted). `sendAt` schedules the mail for later (at most 90 days ahead); without
 * it the mail goes at once.
 */
export const ReminderRequestSchema = z.object({
  agencyIds: z.array(z.number().int().positive()).min(1).max(20_000).optional(),
  audience: ReminderAudienceSchema.optional(),
  sendAt: z.iso.datetime({ offset: true }).optional().describe('ISO date-time to send at; omitted: send now'),
});
export type ReminderRequest = z.infer<typeof ReminderRequestSchema>;

/** Why an agency is left out of a sending. */
export const ReminderSkipReasonSchema = z.enum(['recently-reminded', 'submitted', 'not-invited', 'no-recipient']);
export type ReminderSkipReason = z.infer<typeof ReminderSkipReasonSchema>;

export const ReminderTargetSchema = z.object({
  agencyId: z.number().int(),
  code: z.string(),
  name: LocalizedTextSchema,
  kind: ReminderKindSchema.nullable(),
  /** Active accounts of the agency the mail goes to. */
  recipients: z.array(z.string()),
  lastRemindedAt: z.string().nullable(),
  /** Set when the agency is left out, with the reason in words (Thai · English). */
  skip: z.object({ reason: ReminderSkipReasonSchema, message: z.string() }).nullable(),
});
export type ReminderTarget = z.infer<typeof ReminderTargetSchema>;

/** The mail as the first agency to be reminded receives it, and who is reminded or left out. */
export const ReminderPreviewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  /** Hours within which an agency is not reminded again. */
  minIntervalHours: z.number().int(),
  toSend: z.number().int(),
  skipped: z.number().int(),
  targets: z.array(ReminderTargetSchema),
});
export type ReminderPreview = z.infer<typeof ReminderPreviewSchema>;

export const ReminderSentSchema = z.object({
  jobId: z.string(),
  /** When the mail goes (now, or the requested time). */
  sendAt: z.string(),
  queued: z.number().int(),
  skipped: z.array(ReminderTargetSchema),
});
export type ReminderSent = z.infer<typeof ReminderSentSchema>;

export const ReminderRecordSchema = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyName: LocalizedTextSchema,
  kind: ReminderKindSchema,
  status: ReminderStatusSchema,
  recipients: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  scheduledFor: z.string(),
  sentAt: z.string().nullable(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type ReminderRecord = z.infer<typeof ReminderRecordSchema>;

/** A cycle's reminders: the latest per agency (for "last reminded") and the most recent sendings. */
export const ReminderLogSchema = z.object({
  minIntervalHours: z.number().int(),
  latest: z.array(
    z.object({
      agencyId: z.number().int(),
      lastRemindedAt: z.string(),
      status: ReminderStatusSchema,
      count: z.number().int(),
    }),
  ),
  recent: z.array(ReminderRecordSchema),
  /** Sendings scheduled for later and not yet gone: each can be cancelled. */
  pending: z.array(
    z.object({
      jobId: z.string(),
      scheduledFor: z.string(),
      count: z.number().int(),
      createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    }),
  ),
});
export type ReminderLog = z.infer<typeof ReminderLogSchema>;
