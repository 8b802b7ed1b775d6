import { z } from 'zod';

/** The sign-in methods this installation offers besides e-mail and password. */
export const AuthProvidersSchema = z.object({
  /** An OpenID Connect provider (a ministry's or DGA's single sign-on), with its button label. */
  oidc: z.object({ label: z.string() }).nullable(),
});
export type AuthProviders = z.infer<typeof AuthProvidersSchema>;

/** Why single sign-on sent the user back to the sign-in page (a query parameter, shown in Thai or English). */
export const SsoErrorSchema = z.enum(['no-account', 'disabled', 'unverified-email', 'failed', 'expired']);
export type SsoError = z.infer<typeof SsoErrorSchema>;

export const OidcCallbackQuerySchema = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(500).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
    iss: z.string().max(500).optional(),
  })
  .passthrough();
