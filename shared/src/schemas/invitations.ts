import { z } from 'zod';
import { RoleSchema } from './auth';

/** An invitation not yet accepted nor revoked; an expired one is listed too, to resend it. */
export const PendingInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  agencyId: z.number().int().nullable(),
  /** The agency's name, so the list reads without a second lookup. */
  agencyName: z.object({ th: z.string(), en: z.string() }).nullable(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>;

export const PendingInvitationListSchema = z.object({ invitations: z.array(PendingInvitationSchema) });
export type PendingInvitationList = z.infer<typeof PendingInvitationListSchema>;

export const InvitationIdParamsSchema = z.object({ id: z.uuid() });

export const InvitationRevokedSchema = z.object({ id: z.string(), revokedAt: z.string() });
export type InvitationRevoked = z.infer<typeof InvitationRevokedSchema>;
