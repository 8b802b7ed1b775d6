import { z } from 'zod';
import { SessionSchema } from './auth';

/** A six-digit authenticator code, or a recovery code (xxxxx-xxxxx) when the device is lost. */
export const MfaCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^(\d{6}|[a-z0-9]{5}-[a-z0-9]{5})$/,
        'รหัสต้องเป็นตัวเลข 6 หลักจากแอปยืนยันตัวตน หรือรหัสกู้คืน · Enter the 6-digit code from the authenticator app or a recovery code',
      ),
  );

/**
 * What sign-in answers when the password was right but a second factor stands before the session:
 * `verify` asks for a code; `enrol` (a role that requires one, not yet set up) asks to set it up now.
 */
export const MfaChallengeSchema = z.object({
  mfa: z.enum(['verify', 'enrol']),
  challenge: z.string(),
  expiresIn: z.number().int(),
});
export type MfaChallenge = z.infer<typeof MfaChallengeSchema>;

export const LoginResponseSchema = z.union([SessionSchema, MfaChallengeSchema]);
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MfaVerifyRequestSchema = z.object({ challenge: z.string().min(10).max(100), code: MfaCodeSchema });
export type MfaVerifyRequest = z.infer<typeof MfaVerifyRequestSchema>;

export const MfaChallengeRequestSchema = z.object({ challenge: z.string().min(10).max(100) });

/** The secret to put into an authenticator app, as text and as the otpauth:// URI a QR code carries. */
export const MfaSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export type MfaSetup = z.infer<typeof MfaSetupSchema>;

export const MfaRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type MfaRecoveryCodes = z.infer<typeof MfaRecoveryCodesSchema>;

export const MfaEnrolledSessionSchema = SessionSchema.extend({ recoveryCodes: z.array(z.string()) });
export type MfaEnrolledSession = z.infer<typeof MfaEnrolledSessionSchema>;

export const MfaConfirmRequestSchema = z.object({ code: MfaCodeSchema });

export const MfaStatusSchema = z.object({
  enabled: z.boolean(),
  /** The user's role requires a second factor: it cannot be turned off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof MfaStatusSchema>;

export const isMfaChallenge = (r: LoginResponse): r is MfaChallenge => 'mfa' in r;

export const MfaUserParamsSchema = z.object({ id: z.coerce.number().int().positive() });
