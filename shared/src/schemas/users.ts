import { z } from 'zod';
import { isAgencyRole, PasswordSchema, RoleSchema } from './auth';

export const InvitationCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    role: RoleSchema,
    agencyId: z.number().int().positive().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const agencyRole = isAgencyRole(v.role);
    if (agencyRole && !v.agencyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['agencyId'],
        message: 'Respondents, viewers and CIOs belong to one agency',
      });
    }
    if (!agencyRole && v.agencyId) {
      ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Analysts and administrators belong to no agency' });
    }
  });
export type InvitationCreate = z.infer<typeof InvitationCreateSchema>;

export const InvitationLinkSchema = z.object({
  id: z.string(),
  link: z.string(),
  expiresAt: z.string(),
  emailed: z.boolean(),
});

export const InvitationInfoSchema = z.object({
  kind: z.enum(['invite', 'reset']),
  email: z.string(),
  role: RoleSchema.nullable(),
  agencyName: z.object({ th: z.string(), en: z.string() }).nullable(),
  expiresAt: z.string(),
});

export const InvitationAcceptSchema = z.object({
  displayName: z.string().trim().min(2).max(120).optional(),
  password: PasswordSchema,
});

export const UserSummarySchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  agencyId: z.number().int().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const UserUpdateSchema = z
  .object({
    disabled: z.boolean().optional(),
    role: RoleSchema.optional(),
    agencyId: z.number().int().positive().nullable().optional(),
    displayName: z.string().trim().min(2).max(120).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorEmail: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  agencyId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  meta: z.unknown(),
});

export const AuditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  actorUserId: z.coerce.number().int().positive().optional(),
  /** Part of the actor's email, case-insensitive (analysts cannot list accounts to pick an id). */
  actorEmail: z.string().trim().min(1).max(200).optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  entityType: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What a CIO may invite: the agency's coordinators (respondents) and viewers, never DGA roles or CIOs. */
export const AgencyInvitableRoleSchema = z.enum(['respondent', 'viewer']);
export const AgencyInvitationCreateSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  role: AgencyInvitableRoleSchema,
});
export type AgencyInvitationCreate = z.infer<typeof AgencyInvitationCreateSchema>;

/** A CIO removes (disables) or restores one of the agency's coordinators or viewers. */
export const AgencyUserUpdateSchema = z.object({ disabled: z.boolean() }).strict();

/** Self-service reset: the answer never says whether the address has an account. */
export const ForgotPasswordRequestSchema = z.object({ email: z.string().trim().toLowerCase().email().max(254) });
export const ForgotPasswordResultSchema = z.object({ message: z.string() });
