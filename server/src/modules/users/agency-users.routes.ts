import { UserSummaryListSchema } from '@dg/shared/schemas/accounts';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { IdParamsSchema } from '@dg/shared/schemas/common';
import {
  AgencyInvitationCreateSchema,
  AgencyUserUpdateSchema,
  InvitationLinkSchema,
  UserSummarySchema,
} from '@dg/shared/schemas/users';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createMailer } from '../../lib/mailer';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { inviteAgencyUser, listAgencyUsers, setAgencyUserDisabled } from './agency-users.service';
import { deliverLink } from './deliver';
import type { Actor } from './users.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};

/** The agency CIO's own people: coordinators and viewers of the CIO's agency, nobody else. */
export function agencyUsersRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);

    app.get(
      '/api/agency/users',
      {
        config: { access: ['cio'] },
        schema: {
          tags: ['users'],
          summary: "The accounts of the CIO's agency",
          response: { 200: UserSummaryListSchema, ...errors },
        },
      },
      async (req) => listAgencyUsers(app.db, actor(req)),
    );

    app.post(
      '/api/agency/invitations',
      {
        config: { access: ['cio'] },
        schema: {
          tags: ['users'],
          summary: "Invite a coordinator (respondent) or viewer to the CIO's agency",
          body: AgencyInvitationCreateSchema,
          response: { 201: InvitationLinkSchema, ...errors },
        },
      },
      async (req, reply) => {
        const issued = await inviteAgencyUser(app.db, actor(req), req.body, config.PUBLIC_URL);
        return reply.status(201).send(await deliverLink(mailer, app.log, req.body.email, issued, 'invite'));
      },
    );

    app.patch(
      '/api/agency/users/:id',
      {
        config: { access: ['cio'] },
        schema: {
          tags: ['users'],
          summary: "Remove (disable) or restore a coordinator or viewer of the CIO's agency",
          params: IdParamsSchema,
          body: AgencyUserUpdateSchema,
          response: { 200: UserSummarySchema, ...errors },
        },
      },
      async (req) => setAgencyUserDisabled(app.db, actor(req), req.params.id, req.body.disabled),
    );
  };
}
