import { DomainError } from '@dg/shared/domain/errors';
import { CycleParamsSchema } from '@dg/shared/schemas/analytics';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { TextFileSchema } from '@dg/shared/schemas/common';
import { ImportReportParamsSchema, ImportSummarySchema } from '@dg/shared/schemas/frameworks-routes';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readSingleFile, singleFileLimits } from '../../lib/single-file-upload';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import { decideUpload } from '../evidence/sniff';
import { importResponses, readErrorReport } from './imports.service';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
};
const MAX_IMPORT_MB = 50;

export function importsRoutes(config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: singleFileLimits(MAX_IMPORT_MB * 1024 * 1024) });

    app.post(
      '/api/admin/cycles/:cycleId/import',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['imports'],
          summary: `Import a cycle's answers from a raw long or wide file (multipart CSV or XLSX, at most ${MAX_IMPORT_MB} MB); all or nothing; draft or closed cycles only (409 otherwise)`,
          consumes: ['multipart/form-data'],
          params: CycleParamsSchema,
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
        const { file } = await readSingleFile(req, MAX_IMPORT_MB);
        // The evidence rules where they apply: the bytes decide (an XLSX is inspected for macros,
        // embedded objects and zip bombs before ExcelJS inflates it); the name and type are claims.
        // Markup is no threat here (the file is parsed, never served), and answers may contain "<".
        const decided = await decideUpload(file.content, { fileName: file.name, mime: file.mime }, { markup: false });
        if (!['xlsx', 'csv', 'txt'].includes(decided.kind.ext)) {
          throw new DomainError(
            'UNSUPPORTED_MEDIA_TYPE',
            `The file's content is ${decided.kind.label}; import a CSV (UTF-8) or XLSX file`,
            { reason: 'not-allowed', detected: decided.kind.label },
          );
        }
        return importResponses(app.db, config.dataDir, { principal, ip: req.ip }, req.params.cycleId, {
          name: decided.fileName,
          content: file.content,
        });
      },
    );

    app.get(
      '/api/admin/imports/:reportId/errors.csv',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['imports'],
          summary: 'The full error report of a rejected import (CSV, UTF-8 with BOM)',
          params: ImportReportParamsSchema,
          response: { 200: TextFileSchema, ...errors },
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
