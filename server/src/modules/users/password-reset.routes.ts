import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { ForgotPasswordRequestSchema, ForgotPasswordResultSchema } from '@dg/shared/schemas/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createMailer } from '../../lib/mailer';
import type { Config } from '../../plugins/config';
import { FORGOT_PASSWORD_ANSWER, requestPasswordReset } from './password-reset.service';

export function passwordResetRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
    // The work runs after the answer is sent, so a known address answers as fast as an unknown one;
    // closing the app waits for what is still running.
    const pending = new Set<Promise<unknown>>();
    app.addHook('onClose', async () => {
      await Promise.allSettled([...pending]);
    });

    app.post(
      '/api/auth/forgot-password',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.NODE_ENV === 'test' ? 1000 : 5, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: 'Mail a single-use password-reset link (the same answer whether or not the email has an account)',
          body: ForgotPasswordRequestSchema,
          response: { 202: ForgotPasswordResultSchema, 400: ApiErrorSchema, 429: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const work = requestPasswordReset(app.db, mailer, req.body.email, config.PUBLIC_URL, req.ip)
          .catch((err) => req.log.warn({ err }, 'password-reset request failed'))
          .finally(() => pending.delete(work));
        pending.add(work);
        return reply.status(202).send({ message: FORGOT_PASSWORD_ANSWER });
      },
    );
  };
}
