import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import {
  OnboardingAcceptedSchema,
  OnboardingBatchListSchema,
  OnboardingBatchParamsSchema,
  OnboardingBatchSchema,
} from '@dg/shared/schemas/onboarding';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readSingleFile, singleFileLimits } from '../../lib/single-file-upload';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { decideUpload } from '../evidence/sniff';
import { getBatch, listBatches, resend, uploadContacts } from './onboarding.service';

const MAX_MB = 5;
const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};

/** Administrators invite agencies' contacts in bulk from a CSV or XLSX list. */
export function onboardingRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: singleFileLimits(MAX_MB * 1024 * 1024) });
    const actor = (req: Parameters<typeof requirePrincipal>[0]) => ({ principal: requirePrincipal(req), ip: req.ip });

    app.post(
      '/api/admin/onboarding',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: `Invite agency contacts from a list (multipart CSV or XLSX, at most ${MAX_MB} MB: agency_code, name, email, role); all or nothing; mails go out as a background job`,
          consumes: ['multipart/form-data'],
          response: {
            202: OnboardingAcceptedSchema,
            413: ApiErrorSchema,
            415: ApiErrorSchema,
            422: ApiErrorSchema,
            429: ApiErrorSchema,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const { file } = await readSingleFile(req, MAX_MB);
        // The bytes decide what the file is; an XLSX is inspected before ExcelJS inflates it.
        const decided = await decideUpload(file.content, { fileName: file.name, mime: file.mime }, { markup: false });
        if (!['xlsx', 'csv', 'txt'].includes(decided.kind.ext)) {
          throw new DomainError(
            'UNSUPPORTED_MEDIA_TYPE',
            `ไฟล์นี้เป็น ${decided.kind.label} ต้องเป็น CSV (UTF-8) หรือ XLSX · The file is ${decided.kind.label}; send a CSV (UTF-8) or XLSX file`,
            { reason: 'not-allowed', detected: decided.kind.label },
          );
        }
        const accepted = await uploadContacts(
          app.db,
          app.jobs,
          actor(req),
          { name: decided.fileName, content: file.content },
          Boolean(config.SMTP_URL),
        );
        return reply.status(202).send(accepted);
      },
    );

    app.get(
      '/api/admin/onboarding',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Recent bulk invitations with counts by status',
          response: { 200: OnboardingBatchListSchema, ...errors },
        },
      },
      async () => ({ batches: await listBatches(app.db) }),
    );

    app.get(
      '/api/admin/onboarding/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'One bulk invitation: each person and where their invitation stands',
          params: OnboardingBatchParamsSchema,
          response: { 200: OnboardingBatchSchema, ...errors },
        },
      },
      async (req) => getBatch(app.db, req.params.id),
    );

    app.post(
      '/api/admin/onboarding/:id/resend',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['users'],
          summary: 'Mail a new link to those whose invitation bounced, failed or expired unaccepted',
          params: OnboardingBatchParamsSchema,
          response: { 202: OnboardingAcceptedSchema, 429: ApiErrorSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(202).send(await resend(app.db, app.jobs, actor(req), req.params.id)),
    );
  };
}
