import { DomainError } from '@dg/shared/domain/errors';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { BinaryFileSchema, IdParamsSchema, OkSchema } from '@dg/shared/schemas/common';
import { EvidenceSchema } from '@dg/shared/schemas/questionnaire';
import { EvidenceIdParamsSchema, EvidenceUrlBodySchema } from '@dg/shared/schemas/responses-routes';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readSingleFile, singleFileLimits } from '../../lib/single-file-upload';
import type { Storage } from '../../lib/storage';
import { createStorage } from '../../lib/storage-factory';
import { requirePrincipal } from '../../plugins/auth';
import type { Config } from '../../plugins/config';
import type { Actor } from '../responses/responses.service';
import { checkCanUpload, deleteEvidence, evidenceForDownload, linkEvidence, uploadEvidence } from './evidence.service';
import { attachmentDisposition } from './file-name';
import { servedFileName, servedType } from './file-types';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
};
/** Types the browser renders itself without running anything of the file's; the MIME is the sniffed one. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

export function evidenceRoutes(config: Config, storage: Storage = createStorage(config)): FastifyPluginAsyncZod {
  const maxBytes = config.MAX_UPLOAD_MB * 1024 * 1024;
  return async (app) => {
    await app.register(fastifyMultipart, { limits: singleFileLimits(maxBytes) });
    const actor = (req: FastifyRequest): Actor => ({ principal: requirePrincipal(req), ip: req.ip });

    app.post(
      '/api/responses/:id/evidence',
      {
        config: { access: ['respondent', 'cio'] },
        schema: {
          tags: ['evidence'],
          summary: `Attach a file as evidence (multipart: questionCode, then file; at most ${config.MAX_UPLOAD_MB} MB)`,
          consumes: ['multipart/form-data'],
          params: IdParamsSchema,
          response: {
            201: EvidenceSchema,
            413: ApiErrorSchema,
            415: ApiErrorSchema,
            507: ApiErrorSchema,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const a = actor(req);
        // Refuse before reading the upload when the response cannot take it anyway.
        await checkCanUpload(app.db, a.principal, req.params.id);
        const { file, fields } = await readSingleFile(req, config.MAX_UPLOAD_MB);
        const evidence = await uploadEvidence(app.db, storage, a, req.params.id, {
          questionCode: fields.questionCode,
          fileName: file.name,
          mime: file.mime,
          content: file.content,
        });
        return reply.status(201).send(evidence);
      },
    );

    app.post(
      '/api/responses/:id/evidence-url',
      {
        config: { access: ['respondent', 'cio'] },
        schema: {
          tags: ['evidence'],
          summary: 'Attach a link (http or https) as evidence',
          params: IdParamsSchema,
          body: EvidenceUrlBodySchema,
          response: { 201: EvidenceSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await linkEvidence(app.db, actor(req), req.params.id, req.body)),
    );

    app.get(
      '/api/evidence/:id/download',
      {
        config: { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] },
        schema: {
          tags: ['evidence'],
          summary: 'Download an evidence file (always as an attachment)',
          params: EvidenceIdParamsSchema,
          response: { 200: BinaryFileSchema, ...errors },
        },
      },
      async (req, reply) => {
        const row = await evidenceForDownload(app.db, requirePrincipal(req), req.params.id);
        const stream = await storage.get(row.storage_key as string).catch(() => null);
        if (!stream) throw new DomainError('NOT_FOUND', 'The evidence file is missing from storage');
        // Rows stored before the allow list get the same treatment: the name and type follow the
        // stored (sniffed) type, never the uploader's extension.
        const type = servedType(row.mime);
        return reply
          .type(type.mime)
          .header('content-disposition', attachmentDisposition(servedFileName(row)))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
          .header('cross-origin-resource-policy', 'same-origin')
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );

    app.get(
      '/api/evidence/:id/preview',
      {
        config: { access: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] },
        schema: {
          tags: ['evidence'],
          summary:
            'Show an image or PDF evidence file inline (sandboxed, nosniff); other types are 415 and must be downloaded',
          params: EvidenceIdParamsSchema,
          response: { 200: BinaryFileSchema, 415: ApiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const row = await evidenceForDownload(app.db, requirePrincipal(req), req.params.id);
        const mime = (row.mime ?? '').toLowerCase();
        if (!PREVIEWABLE.has(mime)) {
          throw new DomainError(
            'UNSUPPORTED_MEDIA_TYPE',
            `Only images (PNG, JPEG, GIF, WebP) and PDF files can be previewed; download this ${row.mime ?? 'file'} instead`,
            { mime: row.mime },
          );
        }
        const stream = await storage.get(row.storage_key as string).catch(() => null);
        if (!stream) throw new DomainError('NOT_FOUND', 'The evidence file is missing from storage');
        return (
          reply
            .type(mime)
            .header('content-disposition', attachmentDisposition(servedFileName(row), 'inline'))
            .header('x-content-type-options', 'nosniff')
            // An opaque origin with no scripts, forms or plugins, even if opened on its own.
            .header('content-security-policy', 'sandbox')
            .header('cache-control', 'private, no-store')
            .send(stream)
        );
      },
    );

    app.delete(
      '/api/evidence/:id',
      {
        config: { access: ['respondent', 'cio'] },
        schema: {
          tags: ['evidence'],
          summary: 'Remove an evidence item while the response is editable',
          params: EvidenceIdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (req) => {
        await deleteEvidence(app.db, storage, actor(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
