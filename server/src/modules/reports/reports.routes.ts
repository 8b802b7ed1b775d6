import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { ReportJobSchema, ResultsDashboardSchema } from '@dg/shared/schemas/report';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { ReportJobs } from './jobs';
import { PdfPrinter } from './pdf';
import { renderAgencyPdf, renderAgencyXlsx } from './reports.render';
import { agencyDashboard } from './reports.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  503: ApiErrorSchema,
};
const id = z.coerce.number().int().positive().max(2147483647);
const AgencyParams = z.object({ cycleId: id, agencyId: id });
const LangQuery = z.object({ lang: z.enum(['th', 'en']).default('th') });
const READ = ['respondent', 'cio', 'viewer', 'analyst', 'admin'] as const;
const STAFF = ['analyst', 'admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const printer = new PdfPrinter(Number(process.env.REPORT_PDF_CONCURRENCY) || 2);
    const jobs = new ReportJobs(app.db, printer, path.join(config.dataDir, 'jobs'));
    app.addHook('onClose', async () => {
      await jobs.close();
      await printer.close();
    });

    app.get(
      '/api/results/:cycleId/agency/:agencyId',
      {
        config: { access: READ },
        schema: {
          tags: ['results'],
          summary: "An agency's result dashboard: levels, benchmarks, year over year, verification changes",
          params: AgencyParams,
          response: { 200: ResultsDashboardSchema, ...errors },
        },
      },
      async (req) => agencyDashboard(app.db, requirePrincipal(req), req.params.cycleId, req.params.agencyId),
    );

    app.get(
      '/api/results/:cycleId/agency/:agencyId/report.pdf',
      {
        config: { access: READ },
        schema: {
          tags: ['results'],
          summary: "The agency's result report as PDF (Thai or English)",
          params: AgencyParams,
          querystring: LangQuery,
          produces: ['application/pdf'],
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await renderAgencyPdf(
          app.db,
          printer,
          requirePrincipal(req),
          req.params.cycleId,
          req.params.agencyId,
          req.query.lang,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    app.get(
      '/api/results/:cycleId/agency/:agencyId/report.xlsx',
      {
        config: { access: READ },
        schema: {
          tags: ['results'],
          summary: "The agency's result workbook: Answers, Pillars, Criteria, Benchmarks",
          params: AgencyParams,
          querystring: LangQuery,
          produces: [XLSX],
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const { xlsx, fileName } = await renderAgencyXlsx(
          app.db,
          requirePrincipal(req),
          req.params.cycleId,
          req.params.agencyId,
          req.query.lang,
        );
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(xlsx);
      },
    );

    app.post(
      '/api/results/:cycleId/reports-zip',
      {
        config: { access: STAFF },
        schema: {
          tags: ['results'],
          summary: "Start a background job printing every agency's PDF report of the cycle into one ZIP",
          params: z.object({ cycleId: id }),
          querystring: LangQuery,
          response: { 202: ReportJobSchema, ...errors },
        },
      },
      async (req, reply) => {
        const job = await jobs.start(requirePrincipal(req), req.params.cycleId, req.query.lang);
        return reply.status(202).send(jobs.view(job));
      },
    );

    app.get(
      '/api/jobs/:id',
      {
        config: { access: STAFF },
        schema: {
          tags: ['results'],
          summary: 'Progress of a report job',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: ReportJobSchema, ...errors },
        },
      },
      async (req) => {
        const job = jobs.get(req.params.id);
        if (!job) throw new DomainError('NOT_FOUND', 'No such job on this server');
        return jobs.view(job);
      },
    );

    app.get(
      '/api/jobs/:id/download',
      {
        config: { access: STAFF },
        schema: {
          tags: ['results'],
          summary: "A finished report job's ZIP",
          params: z.object({ id: z.string().uuid() }),
          produces: ['application/zip'],
          response: { 200: z.any(), ...errors, 409: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const job = jobs.get(req.params.id);
        if (!job) throw new DomainError('NOT_FOUND', 'No such job on this server');
        if (job.status !== 'done' || !fs.existsSync(job.file)) {
          throw new DomainError('INVALID_STATE', `The job is ${job.status}`);
        }
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="dg-readiness-reports-cycle-${job.cycleId}.zip"`)
          .header('cache-control', 'private, no-store')
          .send(fs.createReadStream(job.file));
      },
    );
  };
}
