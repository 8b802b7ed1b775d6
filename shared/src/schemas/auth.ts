import { z } from 'zod';

export const RoleSchema = z.enum(['respondent', 'viewer', 'analyst', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

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
