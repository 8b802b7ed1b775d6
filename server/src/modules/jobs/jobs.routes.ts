import { toBuddhistYear } from '@dg/shared/domain/dates';
import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema } from '@dg/shared/schemas/common';
import {
  JobDownloadQuerySchema,
  JobIdParamsSchema,
  ReportJobListSchema,
  ReportJobSchema,
} from '@dg/shared/schemas/report';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createStorage } from '../../lib/storage-factory';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { jobView, readableJob, recentJobs } from './jobs.service';

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
/** Any signed-in user has jobs (an open-data package); each sees their own, DGA staff see all. */
const READ = { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] } as const;

/** The stored file's type from its key's extension (keys are made by the jobs, never by users). */
function contentTypeOf(key: string): string {
  if (key.endsWith('.zip')) return 'application/zip';
  if (key.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (key.endsWith('.json')) return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

export function jobsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const storage = createStorage(config);

    /**
     * A job's file is built once for everyone, named in the builder's calendar; a reader asking in
     * the other language gets the cycle's year in theirs (B.E. in Thai, C.E. in English). The names
     * are made by the jobs, never by users, so the year is the only number to swap.
     */
    async function fileNameIn(job: { file_name: string | null; params: unknown }, lang?: 'th' | 'en') {
      const name = job.file_name ?? 'download';
      const cycleId = (job.params as { cycleId?: unknown } | null)?.cycleId;
      if (!lang || typeof cycleId !== 'number') return name;
      const cycle = await app.db
        .selectFrom('cycles')
        .select('fiscal_year')
        .where('id', '=', cycleId)
        .executeTakeFirst();
      if (!cycle) return name;
      const [from, to] =
        lang === 'en'
          ? [String(toBuddhistYear(cycle.fiscal_year)), String(cycle.fiscal_year)]
          : [String(cycle.fiscal_year), String(toBuddhistYear(cycle.fiscal_year))];
      return name.replace(from, to);
    }

    app.get(
      '/api/jobs',
      {
        config: READ,
        schema: {
          tags: ['jobs'],
          summary: "The user's recent background jobs, newest first (a page shows them again after a reload)",
          response: { 200: ReportJobListSchema, ...errors },
        },
      },
      async (req) => ({ jobs: await recentJobs(app.db, requirePrincipal(req)) }),
    );

    app.get(
      '/api/jobs/:id',
      {
        config: READ,
        schema: {
          tags: ['jobs'],
          summary: "A background job's progress, result or error (from any app server)",
          params: JobIdParamsSchema,
          response: { 200: ReportJobSchema, ...errors },
        },
      },
      async (req) => jobView(await readableJob(app.db, requirePrincipal(req), req.params.id)),
    );

    app.get(
      '/api/jobs/:id/download',
      {
        config: READ,
        schema: {
          tags: ['jobs'],
          summary: "A finished job's file",
          params: JobIdParamsSchema,
          querystring: JobDownloadQuerySchema,
          produces: ['application/zip', 'text/csv', 'application/json', 'application/octet-stream'],
          response: { 200: BinaryFileSchema, ...errors, 409: ApiErrorSchema },
        },
      },
      async (req, reply) => {
        const job = await readableJob(app.db, requirePrincipal(req), req.params.id);
        if (job.status !== 'done' || !job.result_key)
          throw new DomainError('INVALID_STATE', `The job is ${job.status}`);
        const body = await storage.get(job.result_key);
        if (!body) throw new DomainError('INVALID_STATE', 'The job’s file is no longer stored; start the job again');
        const name = await fileNameIn(job, req.query.lang);
        return reply
          .type(contentTypeOf(job.result_key))
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  };
}
