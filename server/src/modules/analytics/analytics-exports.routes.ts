import { formatYear } from '@dg/shared/domain/dates';
import { CycleParamsSchema, type SegmentQuerySchema } from '@dg/shared/schemas/analytics';
import {
  FileLangQuerySchema,
  ItemParamsSchema,
  ItemsExportQuerySchema,
  OpenDataQuerySchema,
  YearOverYearExportQuerySchema,
} from '@dg/shared/schemas/analytics-routes';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, TextFileSchema } from '@dg/shared/schemas/common';
import { ReportJobSchema } from '@dg/shared/schemas/report';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { createStorage } from '../../lib/storage-factory';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import * as jobsRepo from '../jobs/jobs.repository';
import { jobView } from '../jobs/jobs.service';
import { openDataCacheKey, openDataFileName } from '../jobs/open-data.job';
import { RAW_FORMATS, rawExportCacheKey, rawExportFileName, rawExportTotal, rawJobKind } from '../jobs/raw-export.job';
import * as disclosure from './analytics.disclosure';
import { csvStream, ITEM_COLUMNS, itemRowsOf } from './analytics.export';
import * as service from './analytics.service';
import { itemTable, rateTable, type Table, tableCsv, tablesXlsx, yoyTable } from './analytics.tables';

/**
 * Aggregate exports beside analytics.routes.ts: item statistics as XLSX, response rates and year
 * over year as CSV and XLSX, and the open-data package. Same access rule as the JSON aggregates:
 * agency users only once the cycle is published (service.readableCycle).
 */

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const AGGREGATES = { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] } as const;
/** Raw answers name agencies: DGA staff only. */
const STAFF = { access: ['analyst', 'admin'] } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attach(reply: FastifyReply, filename: string, type: string, body: Buffer | string) {
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.type(type).send(body);
}
const csv = (reply: FastifyReply, name: string, t: Table) =>
  attach(reply, `${name}.csv`, 'text/csv; charset=utf-8', tableCsv(t));
const xlsx = async (reply: FastifyReply, name: string, sheet: string, t: Table) =>
  attach(reply, `${name}.xlsx`, XLSX, await tablesXlsx({ [sheet]: t }));

const segmentOf = (q: z.infer<typeof SegmentQuerySchema>) => ({
  track: q.track,
  orgType: q.orgType,
  role: q.role,
  ministry: q.ministry,
  region: q.region,
});

export const analyticsExportRoutes =
  (config: Config): FastifyPluginAsyncZod =>
  async (app) => {
    const storage = createStorage(config);

    // One handler per export, in both formats: the same rows, only the encoding differs.
    for (const ext of ['csv', 'xlsx'] as const) {
      app.get(
        `/api/analytics/cycles/:cycleId/items/:questionCode.${ext}`,
        {
          config: AGGREGATES,
          schema: {
            tags: ['analytics'],
            summary: `Item statistics as ${ext === 'csv' ? 'CSV (UTF-8 with BOM)' : 'an Excel workbook'}, one row per option and segment`,
            params: ItemParamsSchema,
            querystring: ItemsExportQuerySchema,
            response: { 200: ext === 'csv' ? TextFileSchema : BinaryFileSchema, ...errors },
          },
        },
        async (req, reply) => {
          const principal = requirePrincipal(req);
          const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
          const seg = segmentOf(req.query);
          const min = await disclosure.disclosureFor(app.db, principal, cycle, seg, req.query.crossBy);
          const s = await disclosure.itemStatistics(
            app.db,
            cycle,
            req.params.questionCode,
            seg,
            req.query.crossBy,
            min,
          );
          const name = `${s.questionCode}-${formatYear(cycle.fiscal_year, req.query.lang)}`;
          if (ext === 'xlsx') return xlsx(reply, name, 'items', itemTable(s));
          // Streamed as every other CSV of the analytics API (csvStream's encoding, unchanged).
          const body = csvStream(ITEM_COLUMNS, itemRowsOf(s)) as unknown as string;
          return attach(reply, `${name}.csv`, 'text/csv; charset=utf-8', body);
        },
      );

      app.get(
        `/api/analytics/cycles/:cycleId/response-rates.${ext}`,
        {
          config: AGGREGATES,
          schema: {
            tags: ['analytics'],
            summary: `Response rates by track, type, role and ministry as ${ext.toUpperCase()} (shares over invited)`,
            params: CycleParamsSchema,
            querystring: FileLangQuerySchema,
            response: { 200: ext === 'csv' ? TextFileSchema : BinaryFileSchema, ...errors },
          },
        },
        async (req, reply) => {
          const principal = requirePrincipal(req);
          const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
          const min = await disclosure.disclosureFor(app.db, principal, cycle, {});
          const t = rateTable(await disclosure.responseRates(app.db, cycle.id, min));
          const name = `response-rates-${formatYear(cycle.fiscal_year, req.query.lang)}`;
          return ext === 'csv' ? csv(reply, name, t) : xlsx(reply, name, 'response_rates', t);
        },
      );

      app.get(
        `/api/analytics/cycles/:cycleId/year-over-year.${ext}`,
        {
          config: AGGREGATES,
          schema: {
            tags: ['analytics'],
            summary: `Year over year distributions as ${ext.toUpperCase()}, one row per pillar, cycle and level`,
            params: CycleParamsSchema,
            querystring: YearOverYearExportQuerySchema,
            response: { 200: ext === 'csv' ? TextFileSchema : BinaryFileSchema, ...errors },
          },
        },
        async (req, reply) => {
          const principal = requirePrincipal(req);
          const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
          const seg = segmentOf(req.query);
          const min = await disclosure.disclosureFor(app.db, principal, cycle, seg);
          const y = await disclosure.yearOverYear(app.db, cycle, seg, req.query.basis, req.query.atLeast, min);
          const name = `year-over-year-${formatYear(cycle.fiscal_year, req.query.lang)}`;
          return ext === 'csv' ? csv(reply, name, yoyTable(y)) : xlsx(reply, name, 'year_over_year', yoyTable(y));
        },
      );
    }

    app.get(
      '/api/analytics/cycles/:cycleId/open-data.zip',
      {
        config: AGGREGATES,
        schema: {
          tags: ['analytics'],
          summary:
            'Open-data package for data.go.th: aggregate CSVs (UTF-8 with BOM, no agency names or free text) and 14-item metadata',
          params: CycleParamsSchema,
          querystring: OpenDataQuerySchema,
          response: { 200: BinaryFileSchema, 202: ReportJobSchema, ...errors, 429: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const principal = requirePrincipal(req);
        const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
        // Built once per data version in a background job, then served from storage to everyone.
        const key = await openDataCacheKey(app.db, cycle, req.query);
        const cached = await storage.get(key);
        if (cached) {
          reply.header('content-disposition', `attachment; filename="${openDataFileName(cycle, req.query.lang)}"`);
          return reply.type('application/zip').send(cached);
        }
        const building = await jobsRepo.findByCacheKey(app.db, key);
        if (building && building.status !== 'done') return reply.status(202).send(jobView(building));
        const job = await app.jobs.enqueue(
          principal,
          'open-data',
          {
            cycleId: cycle.id,
            contact: { maintainer: req.query.maintainer, maintainerEmail: req.query.maintainerEmail },
          },
          { total: 1, cacheKey: key },
        );
        return reply.status(202).send(jobView(job));
      },
    );

    // Raw exports: a whole cycle's answers, built once per data version in a background job (its
    // cost never lands on the API) and then served from storage; the per-user job limit is the 429.
    for (const format of RAW_FORMATS) {
      app.get(
        `/api/analytics/cycles/:cycleId/raw/${format}.csv`,
        {
          config: STAFF,
          schema: {
            tags: ['analytics'],
            summary:
              format === 'long'
                ? 'Raw answers of submitted responses, one row per answer (CSV, UTF-8 with BOM): the file when built, else 202 and the job building it'
                : 'Raw answers, one row per agency and one column per question (multiple choice: CODE__option 0/1): the file when built, else 202 and the job',
            params: CycleParamsSchema,
            querystring: FileLangQuerySchema,
            response: { 200: TextFileSchema, 202: ReportJobSchema, ...errors, 429: ApiErrorSchema },
          },
        },
        async (req, reply) => {
          const principal = requirePrincipal(req);
          const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
          const key = await rawExportCacheKey(app.db, cycle, format);
          const cached = await storage.get(key);
          if (cached) {
            reply.header(
              'content-disposition',
              `attachment; filename="${rawExportFileName(cycle, format, req.query.lang)}"`,
            );
            return reply.type('text/csv; charset=utf-8').send(cached as unknown as string);
          }
          // A build of the same data already under way is joined, not repeated.
          const building = await jobsRepo.findByCacheKey(app.db, key);
          if (building && building.status !== 'done') return reply.status(202).send(jobView(building));
          const job = await app.jobs.enqueue(
            principal,
            rawJobKind(format),
            { cycleId: cycle.id, format },
            { total: await rawExportTotal(app.db, cycle.id), cacheKey: key },
          );
          return reply.status(202).send(jobView(job));
        },
      );
    }
  };
