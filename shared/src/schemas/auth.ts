import { z } from 'zod';

/** `cio`: the agency's CIO, who does everything a respondent does, manages the agency's people and signs off. */
export const RoleSchema = z.enum(['respondent', 'viewer', 'cio', 'analyst', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that belong to exactly one agency. */
export const AGENCY_ROLES: readonly Role[] = ['respondent', 'viewer', 'cio'];
export const isAgencyRole = (role: Role | string | null | undefined): boolean =>
  role === 'respondent' || role === 'viewer' || role === 'cio';
/** Roles that fill in their agency's questionnaire (answers, evidence, submission). */
export const answersForAgency = (role: Role | string | null | undefined): boolean =>
  role === 'respondent' || role === 'cio';

export const LoginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const PasswordSchema = z
  .string()
  .min(10, 'Password must be at least 10 characters')
  .max(256)
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), 'Password must contain letters and digits');

export const SessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  agencyId: z.number().int().nullable(),
  agencyName: z.object({ th: z.string(), en: z.string() }).nullable(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionSchema = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int(),
  user: SessionUserSchema,
});
export type Session = z.infer<typeof SessionSchema>;
