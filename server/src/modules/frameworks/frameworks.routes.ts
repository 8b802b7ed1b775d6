import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, IdParamsSchema, TextFileSchema } from '@dg/shared/schemas/common';
import { CorrectionBodySchema, CorrectionResultSchema } from '@dg/shared/schemas/framework-correction';
import {
  FrameworkDetailSchema,
  FrameworkImportBodySchema,
  FrameworkImportResultSchema,
  FrameworkListSchema,
} from '@dg/shared/schemas/frameworks-routes';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import { codebookCsv, codebookXlsx } from './codebook';
import { correctFramework } from './framework-correction';
import * as repo from './frameworks.repository';
import { type FrameworkActor, importFramework, loadFramework, parseStoredFramework } from './frameworks.service';

const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const fileSlug = (code: string) => code.replace(/[^A-Za-z0-9-]/g, '_');

export const frameworksRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, fieldSize: 1000, parts: 3 },
  });
  const actor = (req: FastifyRequest): FrameworkActor => {
    const p = requirePrincipal(req);
    return { userId: p.userId, email: p.email, ip: req.ip };
  };

  app.get(
    '/api/frameworks',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'Stored frameworks, newest year first, with question counts per track',
        response: { 200: FrameworkListSchema, ...errors },
      },
    },
    async () => {
      const rows = await app.db.selectFrom('frameworks').selectAll().orderBy('year', 'desc').orderBy('id').execute();
      const frozenIds = new Set(
        (
          await app.db.selectFrom('cycles').select('framework_id').where('status', '!=', 'draft').distinct().execute()
        ).map((r) => r.framework_id),
      );
      return rows.map((row) => {
        const f = parseStoredFramework(row);
        const questions = f.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions));
        return {
          id: row.id,
          code: row.code,
          year: row.year,
          title: { th: row.title_th, en: row.title_en },
          hash: row.hash,
          frozen: frozenIds.has(row.id),
          createdAt: row.created_at.toISOString(),
          pillars: f.pillars.length,
          questions: {
            department: questions.filter((q) => q.tracks.includes('department')).length,
            province: questions.filter((q) => q.tracks.includes('province')).length,
            total: questions.length,
          },
        };
      });
    },
  );

  app.get(
    '/api/frameworks/:id',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'One framework document and its content hash',
        params: IdParamsSchema,
        response: { 200: FrameworkDetailSchema, ...errors },
      },
    },
    async (req) => {
      const { id, hash, framework } = await loadFramework(app.db, req.params.id);
      return { id, framework, hash, frozen: await repo.isFrameworkFrozen(app.db, id) };
    },
  );

  app.post(
    '/api/frameworks/import',
    {
      config: { access: ['admin'] },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['frameworks'],
        summary:
          'Import a framework document (JSON body, or a multipart .json file). Same code replaces it until a cycle using it opens.',
        consumes: ['application/json', 'multipart/form-data'],
        body: FrameworkImportBodySchema,
        response: {
          201: FrameworkImportResultSchema,
          409: ApiErrorSchema,
          413: ApiErrorSchema,
          422: ApiErrorSchema,
          ...errors,
        },
      },
    },
    async (req, reply) => {
      let input: unknown = req.body;
      if (req.isMultipart()) {
        let text: string | undefined;
        try {
          for await (const part of req.parts()) {
            if (part.type === 'file') text = (await part.toBuffer()).toString('utf8');
          }
        } catch (err) {
          const e = err as { code?: string; statusCode?: number };
          if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new DomainError('PAYLOAD_TOO_LARGE', 'The framework file is too large');
          }
          throw err;
        }
        if (text === undefined) {
          throw new DomainError('VALIDATION_FAILED', 'No file was sent', [{ path: 'body.file', message: 'Required' }]);
        }
        try {
          input = JSON.parse(text.replace(/^\uFEFF/, ''));
        } catch (err) {
          throw new DomainError('FRAMEWORK_INVALID', 'The file is not valid JSON', [
            {
              path: [],
              pathText: '(root)',
              code: 'json',
              message: (err as Error).message,
              messageTh: `ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: ${(err as Error).message}`,
            },
          ]);
        }
      }
      if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new DomainError('FRAMEWORK_INVALID', 'The framework must be a JSON object', [
          {
            path: [],
            pathText: '(root)',
            code: 'schema',
            message: '(root): expected a JSON object',
            messageTh: '(root): ข้อมูลต้องเป็นออบเจกต์ JSON',
          },
        ]);
      }
      const { row, changed } = await importFramework(app.db, input, actor(req));
      // 201 either way: `changed: false` says the identical document was already stored.
      return reply.status(201).send({ id: row.id, code: row.code, hash: row.hash, changed });
    },
  );

  app.post(
    '/api/admin/frameworks/:id/corrections',
    {
      config: { access: ['admin'] },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['frameworks'],
        summary:
          'Correct a framework, frozen or not: texts, criteria, weights, thresholds, option maturity and the pillar mapping may change; codes, types and structure may not. Stores a new revision (the old document is kept); recompute each cycle afterwards.',
        params: IdParamsSchema,
        body: CorrectionBodySchema,
        response: { 201: CorrectionResultSchema, 422: ApiErrorSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await correctFramework(app.db, req.params.id, req.body.framework, req.body.note, actor(req))),
  );

  app.get(
    '/api/frameworks/:id/export.json',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'Download the framework document as pretty JSON (re-imports to the same hash)',
        params: IdParamsSchema,
        response: { 200: TextFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { framework } = await loadFramework(app.db, req.params.id);
      reply.header('content-disposition', `attachment; filename="framework-${fileSlug(framework.code)}.json"`);
      return reply.type('application/json; charset=utf-8').send(`${JSON.stringify(framework, null, 2)}\n`);
    },
  );

  app.get(
    '/api/frameworks/:id/codebook.csv',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'Codebook: one row per question, option and matrix row (CSV, UTF-8 with BOM)',
        params: IdParamsSchema,
        response: { 200: TextFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { framework } = await loadFramework(app.db, req.params.id);
      reply.header('content-disposition', `attachment; filename="codebook-${fileSlug(framework.code)}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(codebookCsv(framework));
    },
  );

  app.get(
    '/api/frameworks/:id/codebook.xlsx',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'Codebook as an Excel workbook (header frozen, autofilter)',
        params: IdParamsSchema,
        response: { 200: BinaryFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { framework, hash } = await loadFramework(app.db, req.params.id);
      const buffer = await codebookXlsx(framework, hash);
      reply.header('content-disposition', `attachment; filename="codebook-${fileSlug(framework.code)}.xlsx"`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer);
    },
  );
};
