import { DomainError } from '@dg/shared/domain/errors';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema } from '@dg/shared/schemas/common';
import { ReportJobSchema, ReportZipQuerySchema, ResultsDashboardSchema } from '@dg/shared/schemas/report';
import { AgencyResultParamsSchema, ReportLangQuerySchema } from '@dg/shared/schemas/reports-routes';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createStorage } from '../../lib/storage-factory';
import { UserGate } from '../../lib/user-gate';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { jobView } from '../jobs/jobs.service';
import { PRERENDER_LANG, prerenderKeyOf } from '../jobs/prerender.job';
import { reportZipAgencies } from '../jobs/report-zip.job';
import { PdfPrinter } from './pdf';
import { renderAgencyPdf, renderAgencyXlsx, reportFileName } from './reports.render';
import * as repo from './reports.repository';
import { agencyDashboard } from './reports.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  503: ApiErrorSchema,
};
const READ = ['respondent', 'cio', 'viewer', 'analyst', 'admin'] as const;
const STAFF = ['analyst', 'admin'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const printer = new PdfPrinter(Number(process.env.REPORT_PDF_CONCURRENCY) || 2);
    const renders = new UserGate(1, 'PDF report being prepared');
    const storage = createStorage(config);
    app.addHook('onClose', async () => printer.close());

    /** The pre-rendered PDF of the agency's current (published) snapshot, when the publish job stored one. */
    async function prerendered(cycleId: number, agencyId: number, lang: 'th' | 'en') {
      if (lang !== PRERENDER_LANG) return null;
      const cycle = await repo.findCycle(app.db, cycleId);
      if (cycle?.status !== 'published') return null;
      const snap = await repo.findCurrentSnapshot(app.db, cycleId, agencyId);
      return snap ? storage.get(prerenderKeyOf(cycleId, agencyId, snap.id, lang)) : null;
    }

    app.get(
      '/api/results/:cycleId/agency/:agencyId',
      {
        config: { access: READ },
        schema: {
          tags: ['results'],
          summary: "An agency's result dashboard: levels, benchmarks, year over year, verification changes",
          params: AgencyResultParamsSchema,
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
          params: AgencyResultParamsSchema,
          querystring: ReportLangQuerySchema,
          produces: ['application/pdf'],
          response: { 200: BinaryFileSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cached = await prerendered(req.params.cycleId, req.params.agencyId, req.query.lang);
        if (cached) {
          // Access is the dashboard's: the same checks, then the stored rendering of the published revision.
          const d = await agencyDashboard(app.db, requirePrincipal(req), req.params.cycleId, req.params.agencyId);
          if (d.official) {
            return reply
              .type('application/pdf')
              .header(
                'content-disposition',
                `attachment; filename="${reportFileName(d.agency.code, d.cycle.fiscalYear, d.label, 'pdf', req.query.lang)}"`,
              )
              .header('x-content-type-options', 'nosniff')
              .header('cache-control', 'private, no-store')
              .header('x-report-source', 'prerendered')
              .send(cached);
          }
          cached.destroy();
        }
        const principal = requirePrincipal(req);
        const release = renders.enter(principal.userId);
        const { pdf, fileName } = await renderAgencyPdf(
          app.db,
          printer,
          principal,
          req.params.cycleId,
          req.params.agencyId,
          req.query.lang,
        ).finally(release);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('x-report-source', 'rendered')
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
          params: AgencyResultParamsSchema,
          querystring: ReportLangQuerySchema,
          produces: [XLSX],
          response: { 200: BinaryFileSchema, ...errors },
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
          params: CycleParamsSchema,
          querystring: ReportZipQuerySchema,
          response: { 202: ReportJobSchema, ...errors, 429: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const principal = requirePrincipal(req);
        const { lang, agencies } = req.query;
        const params = { cycleId: req.params.cycleId, lang, principal, ...(agencies ? { agencyIds: agencies } : {}) };
        const cycle = await repo.findCycle(app.db, req.params.cycleId);
        if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${req.params.cycleId} not found`);
        const total = (await reportZipAgencies({ db: app.db }, params)).length;
        if (agencies && total === 0) {
          throw new DomainError(
            'VALIDATION_FAILED',
            'None of the agencies asked for (querystring.agencies) takes part in this cycle',
          );
        }
        const job = await app.jobs.enqueue(principal, 'report-zip', params, { total });
        return reply.status(202).send(jobView(job));
      },
    );
  };
}
