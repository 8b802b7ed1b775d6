import type { Readable } from 'node:stream';
import { IndicatorStatisticsSchema, ItemStatisticsSchema, LevelsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema } from '@dg/shared/schemas/common';
import {
  PublicCycleListSchema,
  PublicItemIndexSchema,
  PublicItemParamsSchema,
  PublicItemsQuerySchema,
  PublicLevelsQuerySchema,
  PublicOverviewSchema,
  PublicYearParamsSchema,
} from '@dg/shared/schemas/public-results';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createStorage } from '../../lib/storage-factory';
import type { Config } from '../../plugins/config';
import { openDataZip } from '../analytics/analytics.open-data';
import { openDataCacheKey, openDataFileName } from '../jobs/open-data.job';
import * as service from './public-results.service';

/**
 * Public results of published cycles, no sign-in (issue 21). Every route answers 404 for a year
 * without a published cycle (draft, open or closed alike), so an unpublished cycle's existence
 * does not leak. The address-based rate limit of requests without a token applies (security.ts).
 */

const PUBLIC = { access: 'public' } as const;
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema, 429: ApiErrorSchema };
/** Published figures change only by a recorded correction: shared caches may keep them a few minutes. */
const CACHE = 'public, max-age=300, stale-while-revalidate=600';
const cached = (reply: FastifyReply) => reply.header('cache-control', CACHE);

const segmentOf = (q: {
  track?: 'department' | 'province';
  orgType?: string;
  role?: string;
  ministry?: string;
  region?: string;
}) => ({
  track: q.track,
  orgType: q.orgType,
  role: q.role,
  ministry: q.ministry,
  region: q.region,
});

export const publicResultsRoutes =
  (config: Config): FastifyPluginAsyncZod =>
  async (app) => {
    const storage = createStorage(config);
    /** One build per package version at a time, however many visitors ask at once. */
    const building = new Map<string, Promise<Buffer>>();

    app.get(
      '/api/public/cycles',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary: 'Published cycles, newest first (the public results index)',
          response: { 200: PublicCycleListSchema, 429: ApiErrorSchema },
        },
      },
      async (_req, reply) => {
        cached(reply);
        return { cycles: await service.listCycles(app.db) };
      },
    );

    app.get(
      '/api/public/cycles/:year',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary:
            'National overview of a published cycle (year in B.E. or C.E.): response rates by track, level distributions overall and per pillar, national targets',
          params: PublicYearParamsSchema,
          response: { 200: PublicOverviewSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        cached(reply);
        return service.overview(app.db, cycle);
      },
    );

    app.get(
      '/api/public/cycles/:year/levels',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary: 'Verified level distributions of one segment (one narrowing dimension at a time, disclosure policy)',
          params: PublicYearParamsSchema,
          querystring: PublicLevelsQuerySchema,
          response: { 200: LevelsSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        const l = await service.levels(app.db, cycle, segmentOf(req.query), req.query.atLeast);
        cached(reply);
        return l;
      },
    );

    app.get(
      '/api/public/cycles/:year/items',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary: 'The fact-finding explorer: closed questions per pillar and the derived indicators',
          params: PublicYearParamsSchema,
          response: { 200: PublicItemIndexSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        cached(reply);
        return service.itemIndex(app.db, cycle);
      },
    );

    app.get(
      '/api/public/cycles/:year/items/:code',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary: "A closed question's statistics over its own population, under the disclosure policy",
          params: PublicItemParamsSchema,
          querystring: PublicItemsQuerySchema,
          response: { 200: ItemStatisticsSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        const s = await service.item(app.db, cycle, req.params.code, segmentOf(req.query), req.query.crossBy);
        cached(reply);
        return s;
      },
    );

    app.get(
      '/api/public/cycles/:year/indicators/:code',
      {
        config: PUBLIC,
        schema: {
          tags: ['public'],
          summary: 'A derived indicator over its own population, under the disclosure policy',
          params: PublicItemParamsSchema,
          querystring: PublicItemsQuerySchema,
          response: { 200: IndicatorStatisticsSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        const s = await service.indicator(app.db, cycle, req.params.code, segmentOf(req.query), req.query.crossBy);
        cached(reply);
        return s;
      },
    );

    app.get(
      '/api/public/cycles/:year/open-data.zip',
      {
        config: {
          ...PUBLIC,
          // A build reads the whole cycle: a tighter limit than the API's, per address.
          rateLimit: { max: config.NODE_ENV === 'test' ? 1000 : 30, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['public'],
          summary: 'The open-data package (aggregate CSVs and 14-item metadata), the same as signed-in users download',
          params: PublicYearParamsSchema,
          response: { 200: BinaryFileSchema, ...errors },
        },
      },
      async (req, reply) => {
        const cycle = await service.publishedCycle(app.db, req.params.year);
        // The same storage key as the background job's default package: built once, served to all.
        const key = await openDataCacheKey(app.db, cycle, {});
        let body: Buffer | Readable | null = await storage.get(key);
        if (!body) {
          let build = building.get(key);
          if (!build) {
            build = (async () => {
              const zip = await openDataZip(app.db, cycle, {});
              await storage.put(key, zip);
              return zip;
            })().finally(() => building.delete(key));
            building.set(key, build);
          }
          body = await build;
        }
        reply.header('etag', `"${key}"`);
        cached(reply);
        reply.header('content-disposition', `attachment; filename="${openDataFileName(cycle)}"`);
        return reply.type('application/zip').send(body);
      },
    );
  };
