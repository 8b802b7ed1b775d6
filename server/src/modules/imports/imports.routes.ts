import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { importResponses, readErrorReport } from './imports.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
};
const MAX_IMPORT_MB = 50;

export const ImportSummarySchema = z.object({
  format: z.enum(['long', 'wide']),
  agencies: z.number().int(),
  answers: z.number().int(),
  created: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
});

export function importsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_IMPORT_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    });

    app.post(
      '/api/admin/cycles/:cycleId/import',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['imports'],
          summary: `Import a cycle's answers from a raw long or wide file (multipart CSV or XLSX, at most ${MAX_IMPORT_MB} MB); all or nothing; draft or closed cycles only (409 otherwise)`,
          consumes: ['multipart/form-data'],
          params: z.object({ cycleId: z.coerce.number().int().positive().max(2147483647) }),
          response: {
            200: ImportSummarySchema,
            409: ApiErrorSchema,
            413: ApiErrorSchema,
            415: ApiErrorSchema,
            422: ApiErrorSchema,
            ...errors,
          },
        },
      },
      async (req) => {
        const principal = requirePrincipal(req);
        if (!req.isMultipart()) {
          throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
        }
        let file: { name: string; content: Buffer } | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type !== 'file') continue;
            const content = await part.toBuffer();
            if (file) throw new DomainError('VALIDATION_FAILED', 'Send one file per request');
            file = { name: part.filename ?? 'upload', content };
          }
        } catch (err) {
          const e = err as { code?: string; statusCode?: number };
          if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than the ${MAX_IMPORT_MB} MB limit`);
          }
          throw err;
        }
        if (!file) {
          throw new DomainError('VALIDATION_FAILED', 'No file was sent', [{ path: 'body.file', message: 'Required' }]);
        }
        return importResponses(app.db, config.dataDir, { principal, ip: req.ip }, req.params.cycleId, file);
      },
    );

    app.get(
      '/api/admin/imports/:reportId/errors.csv',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['imports'],
          summary: 'The full error report of a rejected import (CSV, UTF-8 with BOM)',
          params: z.object({ reportId: z.string().max(64) }),
          response: { 200: z.string(), ...errors },
        },
      },
      async (req, reply) => {
        const csv = await readErrorReport(config.dataDir, req.params.reportId);
        reply.header('content-disposition', `attachment; filename="import-errors-${req.params.reportId}.csv"`);
        return reply.type('text/csv; charset=utf-8').send(csv as unknown as string);
      },
    );
  };
}
