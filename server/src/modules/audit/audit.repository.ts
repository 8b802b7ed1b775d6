import { sql } from 'kysely';
import type { Db } from '../../db/database';

export interface AuditEntry {
  actorUserId?: number | null;
  actorEmail?: string | null;
  ip?: string | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  agencyId?: number | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Callers pass their transaction so the audit row commits or rolls back with the change it describes. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId ?? null,
      actor_email: e.actorEmail ?? null,
      ip: e.ip ?? null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId == null ? null : String(e.entityId),
      agency_id: e.agencyId ?? null,
      before: json(e.before),
      after: json(e.after),
      meta: json(e.meta),
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  actorUserId?: number;
  actorEmail?: string;
  agencyId?: number;
  entityType?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function auditQuery(db: Db, f: Omit<AuditFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('audit_log');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.actorEmail) q = q.where(sql<boolean>`position(${f.actorEmail.toLowerCase()} in lower(actor_email)) > 0`);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  return q;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const rows = await auditQuery(db, f).selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  const total = await auditQuery(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Display names of the given accounts, by id. */
export async function displayNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
