import { AdminUserListSchema, TokenParamsSchema, UserListQuerySchema } from '@dg/shared/schemas/accounts';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import {
  InvitationIdParamsSchema,
  InvitationRevokedSchema,
  PendingInvitationListSchema,
} from '@dg/shared/schemas/invitations';
import {
  InvitationAcceptSchema,
  InvitationCreateSchema,
  InvitationInfoSchema,
  InvitationLinkSchema,
  UserSummarySchema,
  UserUpdateSchema,
} from '@dg/shared/schemas/users';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createMailer } from '../../lib/mailer';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { deliverLink } from './deliver';
import { listPendingInvitations, resendInvitation, revokeInvitation } from './invitations.service';
import {
  type Actor,
  acceptInvitation,
  createInvitation,
  createResetLink,
  describeInvitation,
  summarize,
  updateUserAccount,
} from './users.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};

export function usersRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
    const deliver = <T extends { link: string; expiresAt: string; emailed: boolean }>(
      to: string,
      issued: T,
      kind: 'invite' | 'reset',
    ) => deliverLink(mailer, app.log, to, issued, kind);

    app.get(
      '/api/admin/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'List accounts, each with whether a second factor is set up',
          querystring: UserListQuerySchema,
          response: { 200: AdminUserListSchema, ...errors },
        },
      },
      async (req) => {
        let q = app.db.selectFrom('users').selectAll().orderBy('id');
        if (req.query.agencyId) q = q.where('agency_id', '=', req.query.agencyId);
        const users = await q.execute();
        // Only a confirmed enrolment counts: one started and abandoned does not protect the account.
        const withMfa = new Set(
          (await app.db.selectFrom('user_mfa').select('user_id').where('confirmed_at', 'is not', null).execute()).map(
            (r) => r.user_id,
          ),
        );
        return users.map((u) => ({ ...summarize(u), mfaEnabled: withMfa.has(u.id) }));
      },
    );

    app.patch(
      '/api/admin/users/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Disable, enable, rename or change the role of an account',
          params: IdParamsSchema,
          body: UserUpdateSchema,
          response: { 200: UserSummarySchema, ...errors },
        },
      },
      async (req) => updateUserAccount(app.db, actor(req), req.params.id, req.body),
    );

    app.post(
      '/api/admin/users/:id/reset-link',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Issue a single-use password-reset link',
          params: IdParamsSchema,
          response: { 200: InvitationLinkSchema, ...errors },
        },
      },
      async (req) => {
        const issued = await createResetLink(app.db, actor(req), req.params.id, config.PUBLIC_URL);
        return deliver(issued.email, issued, 'reset');
      },
    );

    app.post(
      '/api/admin/invitations',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Invite a user by email for an agency and role',
          body: InvitationCreateSchema,
          response: { 201: InvitationLinkSchema, ...errors },
        },
      },
      async (req, reply) => {
        const issued = await createInvitation(app.db, actor(req), req.body, config.PUBLIC_URL);
        return reply.status(201).send(await deliver(req.body.email, issued, 'invite'));
      },
    );

    app.get(
      '/api/admin/invitations',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Invitations not yet accepted nor revoked (expired ones included), newest first',
          response: { 200: PendingInvitationListSchema, ...errors },
        },
      },
      async () => ({ invitations: await listPendingInvitations(app.db) }),
    );

    app.post(
      '/api/admin/invitations/:id/resend',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Issue a new link for a pending invitation (the previous link stops working)',
          params: InvitationIdParamsSchema,
          response: { 200: InvitationLinkSchema, ...errors },
        },
      },
      async (req) => {
        const issued = await resendInvitation(app.db, actor(req), req.params.id, config.PUBLIC_URL);
        const { email, ...link } = issued;
        return deliver(email, link, 'invite');
      },
    );

    app.delete(
      '/api/admin/invitations/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Revoke a pending invitation: its link stops working (audit-logged)',
          params: InvitationIdParamsSchema,
          response: { 200: InvitationRevokedSchema, ...errors },
        },
      },
      async (req) => revokeInvitation(app.db, actor(req), req.params.id),
    );

    app.get(
      '/api/invitations/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['users'],
          summary: 'What an invitation or reset link is for',
          params: TokenParamsSchema,
          response: { 200: InvitationInfoSchema, ...errors },
        },
      },
      async (req) => describeInvitation(app.db, req.params.token),
    );

    app.post(
      '/api/invitations/:token/accept',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.NODE_ENV === 'test' ? 1000 : 20, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['users'],
          summary: 'Set a password from an invitation or reset link',
          params: TokenParamsSchema,
          body: InvitationAcceptSchema,
          response: { 200: UserSummarySchema, ...errors },
        },
      },
      async (req) => acceptInvitation(app.db, req.params.token, req.body, req.ip),
    );
  };
}
