import { formatYear } from '@dg/shared/domain/dates';
import {
  AgencyListQuerySchema,
  AgencyListSchema,
  CycleParamsSchema,
  IndicatorStatisticsSchema,
  ItemStatisticsSchema,
  type ItemsQuery,
  ItemsQuerySchema,
  type LevelsQuery,
  LevelsQuerySchema,
  LevelsSchema,
  ResponseRatesSchema,
  type SegmentQuerySchema,
  YearOverYearSchema,
} from '@dg/shared/schemas/analytics';
import {
  IndicatorParamsSchema,
  ItemParamsSchema,
  LevelsExportQuerySchema,
  YearOverYearQuerySchema,
} from '@dg/shared/schemas/analytics-routes';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, TextFileSchema } from '@dg/shared/schemas/common';
import { ItemAgenciesQuerySchema, ItemAgenciesSchema } from '@dg/shared/schemas/item-agencies';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { type Principal, requirePrincipal } from '../../plugins/auth';
import { cachedAggregate } from './analytics.cache';
import * as disclosure from './analytics.disclosure';
import { csvStream, LEVEL_COLUMNS, levelRowsOf, levelsXlsx } from './analytics.export';
import { itemAgencies } from './analytics.item-agencies';
import * as service from './analytics.service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
/** National aggregates: agency users too, once the cycle is published (checked per request). */
const AGGREGATES = { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] } as const;
const STAFF = { access: ['analyst', 'admin'] } as const;

function sendCsv(reply: FastifyReply, filename: string, body: NodeJS.ReadableStream) {
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  // A stream bypasses the serializer; the schema documents the CSV body for OpenAPI.
  return reply.type('text/csv; charset=utf-8').send(body as unknown as string);
}

const segmentOf = (q: z.infer<typeof SegmentQuerySchema>) => ({
  track: q.track,
  orgType: q.orgType,
  role: q.role,
  ministry: q.ministry,
  region: q.region,
});

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Level distributions under the reader's disclosure rule, with the cycle's year for file names. */
  const levelsOf = async (cycleId: number, principal: Principal, q: LevelsQuery, lang: 'th' | 'en' = 'th') => {
    const cycle = await service.readableCycle(app.db, principal, cycleId);
    const min = await disclosure.disclosureFor(app.db, principal, cycle, segmentOf(q));
    // Counted once per data version (analytics.cache.ts): the key holds everything the figures depend on.
    const l = await cachedAggregate(app.db, `levels:${cycle.id}:${min}:${JSON.stringify(q)}`, () =>
      disclosure.levels(app.db, cycle, q, min),
    );
    return { year: formatYear(cycle.fiscal_year, lang), l };
  };
  const itemsOf = async (cycleId: number, principal: Principal, code: string, q: ItemsQuery) => {
    const cycle = await service.readableCycle(app.db, principal, cycleId);
    const seg = segmentOf(q);
    const min = await disclosure.disclosureFor(app.db, principal, cycle, seg, q.crossBy);
    return {
      year: formatYear(cycle.fiscal_year, 'th'),
      s: await disclosure.itemStatistics(app.db, cycle, code, seg, q.crossBy, min),
    };
  };

  app.get(
    '/api/analytics/cycles/:cycleId/response-rates',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: 'Invited, started, submitted and verified agencies, overall and by track, type, role and ministry',
        params: CycleParamsSchema,
        response: { 200: ResponseRatesSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
      const min = await disclosure.disclosureFor(app.db, principal, cycle, {});
      return cachedAggregate(app.db, `response-rates:${cycle.id}:${min}`, () =>
        disclosure.responseRates(app.db, cycle.id, min),
      );
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/levels',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: 'Overall and per-pillar level distributions of a segment, with at-or-above shares and narrative',
        params: CycleParamsSchema,
        querystring: LevelsQuerySchema,
        response: { 200: LevelsSchema, ...errors },
      },
    },
    async (req) => {
      return (await levelsOf(req.params.cycleId, requirePrincipal(req), req.query)).l;
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/levels.csv',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: 'Level distributions as CSV (UTF-8 with BOM)',
        params: CycleParamsSchema,
        querystring: LevelsExportQuerySchema,
        response: { 200: TextFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { lang, ...q } = req.query;
      const { year, l } = await levelsOf(req.params.cycleId, requirePrincipal(req), q, lang);
      return sendCsv(reply, `levels-${year}.csv`, csvStream(LEVEL_COLUMNS, levelRowsOf(l)));
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/levels.xlsx',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: 'Level distributions as an Excel workbook',
        params: CycleParamsSchema,
        querystring: LevelsExportQuerySchema,
        response: { 200: BinaryFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { lang, ...q } = req.query;
      const { year, l } = await levelsOf(req.params.cycleId, requirePrincipal(req), q, lang);
      const buf = await levelsXlsx(l);
      reply.header('content-disposition', `attachment; filename="levels-${year}.xlsx"`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buf);
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/year-over-year',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: "This cycle's distributions against the previous cycle's, pillar by pillar through previousKey",
        params: CycleParamsSchema,
        querystring: YearOverYearQuerySchema,
        response: { 200: YearOverYearSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
      const seg = segmentOf(req.query);
      const min = await disclosure.disclosureFor(app.db, principal, cycle, seg);
      const { basis, atLeast } = req.query;
      return cachedAggregate(
        app.db,
        `year-over-year:${cycle.id}:${min}:${basis}:${atLeast}:${JSON.stringify(seg)}`,
        () => disclosure.yearOverYear(app.db, cycle, seg, basis, atLeast, min),
      );
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/items/:questionCode',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: "Item statistics over the question's own population (shown and answered), optionally per segment",
        params: ItemParamsSchema,
        querystring: ItemsQuerySchema,
        response: { 200: ItemStatisticsSchema, ...errors },
      },
    },
    async (req) => {
      return (await itemsOf(req.params.cycleId, requirePrincipal(req), req.params.questionCode, req.query)).s;
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/indicators/:indicatorCode',
    {
      config: AGGREGATES,
      schema: {
        tags: ['analytics'],
        summary: 'A derived indicator of the findings (e.g. DG_ALL_ASPECTS_ALL_ITEMS) over its own population',
        params: IndicatorParamsSchema,
        querystring: ItemsQuerySchema,
        response: { 200: IndicatorStatisticsSchema, ...errors },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const cycle = await service.readableCycle(app.db, principal, req.params.cycleId);
      const seg = segmentOf(req.query);
      const min = await disclosure.disclosureFor(app.db, principal, cycle, seg, req.query.crossBy);
      return disclosure.indicatorStatistics(app.db, cycle, req.params.indicatorCode, seg, req.query.crossBy, min);
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/agencies',
    {
      config: STAFF,
      schema: {
        tags: ['analytics'],
        summary: 'Agencies behind one bar: at a level overall or in a pillar (click-through)',
        params: CycleParamsSchema,
        querystring: AgencyListQuerySchema,
        response: { 200: AgencyListSchema, ...errors },
      },
    },
    async (req) => {
      const cycle = await service.readableCycle(app.db, requirePrincipal(req), req.params.cycleId);
      return service.agenciesAt(app.db, cycle, req.query);
    },
  );

  app.get(
    '/api/analytics/cycles/:cycleId/items/:questionCode/agencies',
    {
      // Names of agencies behind a count: staff only, never an agency user (whatever the cycle's state).
      config: STAFF,
      schema: {
        tags: ['analytics'],
        summary: "Agencies behind one count of a question's or derived indicator's table (drill-down)",
        params: ItemParamsSchema,
        querystring: ItemAgenciesQuerySchema,
        response: { 200: ItemAgenciesSchema, ...errors },
      },
    },
    async (req) => {
      const cycle = await service.readableCycle(app.db, requirePrincipal(req), req.params.cycleId);
      return itemAgencies(app.db, cycle, req.params.questionCode, req.query);
    },
  );
};
