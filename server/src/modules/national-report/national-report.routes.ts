import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, IdParamsSchema } from '@dg/shared/schemas/common';
import {
  NationalReportFileQuerySchema,
  NationalReportStatusSchema,
  PublicCycleYearParamsSchema,
} from '@dg/shared/schemas/national-report';
import { ReportJobSchema } from '@dg/shared/schemas/report';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createStorage } from '../../lib/storage-factory';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import {
  nationalReportStatus,
  publicReportFile,
  type ReportFile,
  staffReportFile,
  startNationalReport,
} from './national-report.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
const STAFF = { access: ['analyst', 'admin'] } as const;
const PRODUCES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];

function sendFile(reply: FastifyReply, f: ReportFile, cache: string) {
  return reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', cache)
    .send(f.body);
}

export function nationalReportRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const storage = createStorage(config);

    app.post(
      '/api/admin/cycles/:id/national-report',
      {
        config: STAFF,
        schema: {
          tags: ['national-report'],
          summary:
            "Build the cycle's national report (Thai and English, PDF and DOCX) as a background job; follow it at /api/jobs/:id. Closed or published cycles only (409 otherwise).",
          params: IdParamsSchema,
          response: { 202: ReportJobSchema, ...errors, 429: ApiErrorSchema },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await startNationalReport(app.db, app.jobs, requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/api/admin/cycles/:id/national-report',
      {
        config: STAFF,
        schema: {
          tags: ['national-report'],
          summary: "The cycle's latest national-report build and the files of the latest finished one",
          params: IdParamsSchema,
          response: { 200: NationalReportStatusSchema, ...errors },
        },
      },
      async (req) => nationalReportStatus(app.db, req.params.id),
    );

    app.get(
      '/api/admin/cycles/:id/national-report/file',
      {
        config: STAFF,
        schema: {
          tags: ['national-report'],
          summary: "A file of the cycle's latest finished national report (404 before the first build)",
          params: IdParamsSchema,
          querystring: NationalReportFileQuerySchema,
          produces: PRODUCES,
          response: { 200: BinaryFileSchema, ...errors },
        },
      },
      async (req, reply) =>
        sendFile(reply, await staffReportFile(app.db, storage, req.params.id, req.query), 'private, no-store'),
    );

    app.get(
      '/api/public/cycles/:year/national-report',
      {
        config: { access: 'public' },
        schema: {
          tags: ['national-report'],
          summary:
            'The national report of a published cycle, by Buddhist-Era fiscal year (2566), without signing in; 404 for a cycle not published or a report not built yet',
          params: PublicCycleYearParamsSchema,
          querystring: NationalReportFileQuerySchema,
          produces: PRODUCES,
          response: { 200: BinaryFileSchema, ...errors },
        },
      },
      async (req, reply) =>
        sendFile(reply, await publicReportFile(app.db, storage, req.params.year, req.query), 'public, max-age=300'),
    );
  };
}
