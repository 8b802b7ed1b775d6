import { z } from 'zod';
import { AuditEntrySchema, AuditQuerySchema, UserSummarySchema } from './users';

/** Route schemas of accounts, invitations and the audit log that users.ts does not hold. */

export const UserListQuerySchema = z.object({ agencyId: z.coerce.number().int().positive().optional() });
export const UserSummaryListSchema = z.array(UserSummarySchema);
/** The administrators' list: each account also says whether it has a second factor set up (and confirmed). */
export const AdminUserSummarySchema = UserSummarySchema.extend({ mfaEnabled: z.boolean() });
export type AdminUserSummary = z.infer<typeof AdminUserSummarySchema>;
export const AdminUserListSchema = z.array(AdminUserSummarySchema);
/** An invitation or password-reset token in a path. */
export const TokenParamsSchema = z.object({ token: z.string().min(20).max(100) });

export const AuditPageSchema = z.object({ total: z.number(), entries: z.array(AuditEntrySchema) });
export type AuditPage = z.infer<typeof AuditPageSchema>;
export const AuditExportQuerySchema = AuditQuerySchema.omit({ limit: true, offset: true });
