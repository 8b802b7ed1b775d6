import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema } from '@dg/shared/schemas/common';
import {
  CopyFrameworkBodySchema,
  FrameworkChangesSchema,
  FrameworkDraftSchema,
  FrameworkIdParamsSchema,
  FrameworkImportResultSchema,
  SaveDraftBodySchema,
  SaveDraftHeadersSchema,
  SaveDraftResultSchema,
} from '@dg/shared/schemas/framework-authoring';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/auth';
import {
  changesFromPrevious,
  copyFramework,
  importFrameworkWorkbook,
  loadDraft,
  saveDraft,
} from './framework-authoring.service';
import { frameworkWorkbookXlsx } from './framework-workbook';
import type { FrameworkActor } from './frameworks.service';
import { loadFramework } from './frameworks.service';

const MAX_WORKBOOK_BYTES = 8 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const fileSlug = (code: string) => code.replace(/[^A-Za-z0-9-]/g, '_');
const etag = (hash: string) => `"${hash}"`;

/** Spreadsheet round trip, next year's draft, change list and the editor's draft saves. */
export const frameworkAuthoringRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1, fields: 2, fieldSize: 1000, parts: 3 },
  });
  const actor = (req: FastifyRequest): FrameworkActor => {
    const p = requirePrincipal(req);
    return { userId: p.userId, email: p.email, ip: req.ip };
  };

  const uploadedFile = async (req: FastifyRequest): Promise<Buffer> => {
    if (!req.isMultipart()) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the workbook as a multipart/form-data file');
    }
    let buffer: Buffer | undefined;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') buffer = await part.toBuffer();
      }
    } catch (err) {
      const e = err as { code?: string; statusCode?: number };
      if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'The workbook is too large (8 MB at most)');
      }
      throw err;
    }
    if (!buffer)
      throw new DomainError('VALIDATION_FAILED', 'No file was sent', [{ path: 'body.file', message: 'Required' }]);
    return buffer;
  };

  app.get(
    '/api/frameworks/:id/export.xlsx',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'The framework as an editable XLSX workbook (Thai and English columns); imports back to the same hash',
        params: FrameworkIdParamsSchema,
        response: { 200: BinaryFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { framework, hash } = await loadFramework(app.db, req.params.id);
      const buffer = await frameworkWorkbookXlsx(framework, hash);
      reply.header('content-disposition', `attachment; filename="framework-${fileSlug(framework.code)}.xlsx"`);
      return reply.type(XLSX_TYPE).send(buffer);
    },
  );

  const importSchema = {
    tags: ['frameworks'],
    consumes: ['multipart/form-data'],
    response: {
      201: FrameworkImportResultSchema,
      409: ApiErrorSchema,
      413: ApiErrorSchema,
      415: ApiErrorSchema,
      422: ApiErrorSchema,
      ...errors,
    },
  };

  app.post(
    '/api/frameworks/import.xlsx',
    {
      config: { access: ['admin'] },
      bodyLimit: MAX_WORKBOOK_BYTES + 64 * 1024,
      schema: {
        ...importSchema,
        summary:
          'Import an edited framework workbook as a draft (a new code adds one; an existing draft code is replaced). Problems come back by sheet, row and column.',
      },
    },
    async (req, reply) => {
      const { row, changed } = await importFrameworkWorkbook(app.db, await uploadedFile(req), actor(req));
      return reply.status(201).send({ id: row.id, code: row.code, hash: row.hash, changed });
    },
  );

  app.post(
    '/api/frameworks/:id/import.xlsx',
    {
      config: { access: ['admin'] },
      bodyLimit: MAX_WORKBOOK_BYTES + 64 * 1024,
      schema: {
        ...importSchema,
        params: FrameworkIdParamsSchema,
        summary: 'Replace this draft framework with an edited workbook of the same code',
      },
    },
    async (req, reply) => {
      const { row, changed } = await importFrameworkWorkbook(
        app.db,
        await uploadedFile(req),
        actor(req),
        req.params.id,
      );
      return reply.status(201).send({ id: row.id, code: row.code, hash: row.hash, changed });
    },
  );

  app.post(
    '/api/frameworks/:id/copy',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['frameworks'],
        summary:
          "Start next year's draft from this framework: same question codes, each pillar mapped to itself for year-over-year comparison",
        params: FrameworkIdParamsSchema,
        body: CopyFrameworkBodySchema,
        response: { 201: FrameworkImportResultSchema, 409: ApiErrorSchema, 422: ApiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      const row = await copyFramework(app.db, req.params.id, req.body, actor(req));
      return reply.status(201).send({ id: row.id, code: row.code, hash: row.hash, changed: true });
    },
  );

  app.get(
    '/api/frameworks/:id/changes',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'Questions and criteria added, removed and changed since the previous framework (previousCode)',
        params: FrameworkIdParamsSchema,
        response: { 200: FrameworkChangesSchema, ...errors },
      },
    },
    async (req) => changesFromPrevious(app.db, req.params.id),
  );

  app.get(
    '/api/frameworks/:id/draft',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['frameworks'],
        summary: 'A framework for the editor, with its previous framework; the ETag is the content hash',
        params: FrameworkIdParamsSchema,
        response: { 200: FrameworkDraftSchema, ...errors },
      },
    },
    async (req, reply) => {
      const draft = await loadDraft(app.db, req.params.id);
      reply.header('etag', etag(draft.hash));
      // The body also says whether the draft is frozen, which the content hash does not: never revalidate it.
      reply.header('cache-control', 'no-store');
      return draft;
    },
  );

  app.put(
    '/api/frameworks/:id/draft',
    {
      config: { access: ['admin'] },
      bodyLimit: MAX_WORKBOOK_BYTES,
      schema: {
        tags: ['frameworks'],
        summary:
          'Save an edited draft. If-Match must carry the ETag (hash) the editor loaded: a draft saved by someone else meanwhile is refused with 409 STALE_REVISION.',
        params: FrameworkIdParamsSchema,
        headers: SaveDraftHeadersSchema,
        body: SaveDraftBodySchema,
        response: { 200: SaveDraftResultSchema, 409: ApiErrorSchema, 422: ApiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ifMatch = req.headers['if-match'].replace(/^W\//, '').replace(/^"|"$/g, '');
      const result = await saveDraft(app.db, req.params.id, req.body.framework, ifMatch, actor(req));
      reply.header('etag', etag(result.hash));
      return result;
    },
  );
};
