import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import {
  PersonalDataExportSchema,
  PrivacyAcknowledgementSchema,
  PrivacyNoticeSchema,
  UserIdParamsSchema,
} from '@dg/shared/schemas/privacy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { writeAudit } from '../audit/audit.repository';
import { acknowledge, exportPersonalData, noticeFor } from './privacy.service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema };

export function privacyRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/privacy/notice',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['privacy'],
          summary: 'The privacy notice (PDPA) and whether the signed-in user has acknowledged its current version',
          response: { 200: PrivacyNoticeSchema, ...errors },
        },
      },
      async (req) => noticeFor(app.db, config, requirePrincipal(req).userId),
    );

    app.post(
      '/api/privacy/acknowledgement',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['privacy'],
          summary: 'Acknowledge a version of the privacy notice (recorded with the time)',
          body: PrivacyAcknowledgementSchema,
          response: { 200: PrivacyNoticeSchema, 409: ApiErrorSchema, ...errors },
        },
      },
      async (req) => {
        const p = requirePrincipal(req);
        return acknowledge(app.db, config, { userId: p.userId, email: p.email, ip: req.ip }, req.body.version);
      },
    );

    app.get(
      '/api/admin/users/:id/personal-data',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['privacy'],
          summary: "Export one person's personal data as JSON (PDPA subject-access request)",
          params: UserIdParamsSchema,
          response: { 200: PersonalDataExportSchema, 404: ApiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const admin = requirePrincipal(req);
        const data = await exportPersonalData(app.db, req.params.id);
        await writeAudit(app.db, {
          actorUserId: admin.userId,
          actorEmail: admin.email,
          ip: req.ip,
          action: 'privacy.subject_access_export',
          entityType: 'user',
          entityId: req.params.id,
        });
        reply.header('content-disposition', `attachment; filename="personal-data-user-${req.params.id}.json"`);
        return data;
      },
    );
  };
}
