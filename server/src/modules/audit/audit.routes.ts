import { AuditExportQuerySchema } from '@dg/shared/schemas/accounts';
import { ApiErrorSchema } from '@dg/shared/schemas/api-error';
import { AuditPageSchema } from '@dg/shared/schemas/audit';
import { TextFileSchema } from '@dg/shared/schemas/common';
import { AuditQuerySchema } from '@dg/shared/schemas/users';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csvCast } from '../../lib/spreadsheet';
import { auditQuery, displayNames, listAudit } from './audit.repository';

type Row = Awaited<ReturnType<typeof listAudit>>['rows'][number];

const toEntry = (r: Row) => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actorUserId: r.actor_user_id,
  actorEmail: r.actor_email,
  ip: r.ip,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  agencyId: r.agency_id,
  before: r.before,
  after: r.after,
  meta: r.meta,
});

/** Spreadsheet apps execute cells that start with these; prefix them so exported text stays text. */

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The append-only audit log, newest first',
        querystring: AuditQuerySchema,
        response: {
          200: AuditPageSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
        },
      },
    },
    async (req) => {
      const { rows, total } = await listAudit(app.db, req.query);
      // Names are looked up for the page shown (at most `limit` ids), not stored in the append-only log.
      const ids = new Set<number>();
      for (const r of rows) {
        if (r.actor_user_id !== null) ids.add(r.actor_user_id);
        if (r.entity_type === 'user' && r.entity_id && /^\d+$/.test(r.entity_id)) ids.add(Number(r.entity_id));
      }
      const names = await displayNames(app.db, [...ids]);
      return {
        total,
        entries: rows.map((r) => ({
          ...toEntry(r),
          actorName: r.actor_user_id !== null ? (names.get(r.actor_user_id) ?? null) : null,
          entityName: r.entity_type === 'user' && r.entity_id ? (names.get(Number(r.entity_id)) ?? null) : null,
        })),
      };
    },
  );

  app.get(
    '/api/audit/export.csv',
    {
      config: { access: ['analyst', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Export the filtered audit log as CSV (UTF-8 with BOM)',
        querystring: AuditExportQuerySchema,
        response: { 200: TextFileSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (req, reply) => {
      const rows = await auditQuery(app.db, req.query).selectAll().orderBy('id').execute();
      const csv = stringify({
        bom: true,
        header: true,
        // Every text cell (emails, entity ids, before/after JSON) is neutralized against formulas.
        cast: csvCast,
        columns: [
          'id',
          'at',
          'actor_email',
          'ip',
          'action',
          'entity_type',
          'entity_id',
          'agency_id',
          'before',
          'after',
        ],
      });
      for (const r of rows) {
        csv.write([
          r.id,
          r.at.toISOString(),
          r.actor_email ?? '',
          r.ip ?? '',
          r.action,
          r.entity_type,
          r.entity_id ?? '',
          r.agency_id ?? '',
          r.before == null ? '' : JSON.stringify(r.before),
          r.after == null ? '' : JSON.stringify(r.after),
        ]);
      }
      csv.end();
      reply.header('content-disposition', 'attachment; filename="audit-log.csv"');
      // A stream bypasses the serializer; the schema documents the CSV body for OpenAPI.
      return reply.type('text/csv; charset=utf-8').send(csv as unknown as string);
    },
  );
};
