import { formatYear } from '@dg/shared/domain/dates';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { FileLangQuerySchema } from '@dg/shared/schemas/analytics-routes';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, TextFileSchema } from '@dg/shared/schemas/common';
import { MonitoringBoardSchema } from '@dg/shared/schemas/monitoring';
import { NotSubmittedPageSchema, NotSubmittedQuerySchema } from '@dg/shared/schemas/monitoring-grid';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notSubmittedCsv, notSubmittedRows, notSubmittedXlsx } from './monitoring.export';
import * as service from './monitoring.service';
import { notSubmittedPage } from './monitoring-grid';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const STAFF = { access: ['analyst', 'admin'] } as const;
const tags = ['monitoring'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Analyst workspace: who has answered, how fast, and whom to chase. */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/monitoring/cycles/:cycleId/board',
    {
      config: STAFF,
      schema: {
        tags,
        summary:
          'Response monitoring: rates by track, type, role and ministry, the daily cumulative trend and the agencies not yet submitted',
        params: CycleParamsSchema,
        response: { 200: MonitoringBoardSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return service.board(app.db, req.params.cycleId);
    },
  );

  app.get(
    '/api/monitoring/cycles/:cycleId/not-submitted',
    {
      config: STAFF,
      schema: {
        tags,
        summary:
          'A page of the agencies not yet submitted, with their progress: sorted (code, progress, lastActivity, deadline), filtered by status and track, searched by code and names',
        params: CycleParamsSchema,
        querystring: NotSubmittedQuerySchema,
        response: { 200: NotSubmittedPageSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return notSubmittedPage(app.db, req.params.cycleId, req.query);
    },
  );

  app.get(
    '/api/monitoring/cycles/:cycleId/not-submitted.csv',
    {
      config: STAFF,
      schema: {
        tags,
        summary: 'Agencies not yet submitted, for follow-up calls, as CSV (UTF-8 with BOM)',
        params: CycleParamsSchema,
        querystring: FileLangQuerySchema,
        response: { 200: TextFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const cycle = await service.cycleOrThrow(app.db, req.params.cycleId);
      const rows = await notSubmittedRows(app.db, await service.notSubmittedList(app.db, cycle));
      reply
        .header(
          'content-disposition',
          `attachment; filename="not-submitted-${formatYear(cycle.fiscal_year, req.query.lang)}.csv"`,
        )
        .header('cache-control', 'private, no-store');
      return reply.type('text/csv; charset=utf-8').send(notSubmittedCsv(rows) as unknown as string);
    },
  );

  app.get(
    '/api/monitoring/cycles/:cycleId/not-submitted.xlsx',
    {
      config: STAFF,
      schema: {
        tags,
        summary: 'Agencies not yet submitted, for follow-up calls, as an Excel workbook',
        params: CycleParamsSchema,
        querystring: FileLangQuerySchema,
        produces: [XLSX],
        response: { 200: BinaryFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const cycle = await service.cycleOrThrow(app.db, req.params.cycleId);
      const rows = await notSubmittedRows(app.db, await service.notSubmittedList(app.db, cycle));
      const buf = await notSubmittedXlsx(rows);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="not-submitted-${formatYear(cycle.fiscal_year, req.query.lang)}.xlsx"`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );
};
