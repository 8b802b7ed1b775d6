import { DomainError } from '@dg/shared/domain/errors';
import { parseSort } from '@dg/shared/schemas/data-grid';
import type { AgencyPatch } from '@dg/shared/schemas/registry';
import type { AgencyPage, AgencyPageQuery } from '@dg/shared/schemas/registry-grid';
import type { Db } from '../../db/database';
import type { Agency } from '../../db/schema';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './registry.repository';

export interface Actor {
  principal: Principal;
  ip: string | null;
}

const audit = (actor: Actor) => ({
  actorUserId: actor.principal.userId,
  actorEmail: actor.principal.email,
  ip: actor.ip,
});

type AgencyRow = Awaited<ReturnType<typeof repo.listAgencies>>[number];

export function toAgencySummary(a: AgencyRow) {
  return {
    id: a.id,
    code: a.code,
    track: a.track,
    name: { th: a.name_th, en: a.name_en },
    ministryCode: a.ministry_code,
    ministryName: a.ministry_name_th !== null ? { th: a.ministry_name_th, en: a.ministry_name_en ?? '' } : null,
    orgType: a.org_type,
    role: a.role,
    region: a.region,
    active: a.active,
    mergedIntoId: a.merged_into_id,
    updatedAt: a.updated_at.toISOString(),
  };
}

export async function listAgencies(db: Db, f: repo.AgencyFilter) {
  return (await repo.listAgencies(db, f)).map(toAgencySummary);
}

/** A page of the registry for its data grid. */
export async function agencyPage(db: Db, q: AgencyPageQuery): Promise<AgencyPage> {
  const { rows, total } = await repo.pagedAgencies(db, {
    track: q.track,
    orgType: q.orgType,
    role: q.role,
    ministry: q.ministry,
    status: q.status,
    q: q.search,
    sort: parseSort(q.sort),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(toAgencySummary) };
}

async function getAgency(db: Db, id: number) {
  const row = await repo.findAgency(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `Agency ${id} not found`);
  return toAgencySummary(row);
}

const FIELD: Record<keyof AgencyPatch, keyof Agency> = {
  nameTh: 'name_th',
  nameEn: 'name_en',
  ministryCode: 'ministry_code',
  orgType: 'org_type',
  role: 'role',
  active: 'active',
};

/** Changes registry fields; a name change is a 'rename' in the history, so past reports can show the old name. */
export async function updateAgency(db: Db, actor: Actor, id: number, patch: AgencyPatch) {
  await db.transaction().execute(async (trx) => {
    const current = await repo.lockAgency(trx, id);
    if (!current) throw new DomainError('NOT_FOUND', `Agency ${id} not found`);
    if (patch.ministryCode !== undefined && patch.ministryCode !== null) {
      const m = await trx
        .selectFrom('ministries')
        .select('code')
        .where('code', '=', patch.ministryCode)
        .executeTakeFirst();
      if (!m) {
        throw new DomainError('VALIDATION_FAILED', `Ministry ${patch.ministryCode} does not exist`, [
          { path: 'body.ministryCode', message: 'unknown ministry' },
        ]);
      }
    }
    if (patch.active === true && current.merged_into_id !== null) {
      throw new DomainError('INVALID_STATE', 'A merged agency cannot be reactivated');
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const key of Object.keys(FIELD) as (keyof AgencyPatch)[]) {
      const value = patch[key];
      if (value === undefined) continue;
      const column = FIELD[key];
      if (current[column] === value) continue;
      before[key] = current[column];
      after[key] = value;
      set[column] = value;
    }
    if (Object.keys(set).length === 0) return;
    const kind = 'nameTh' in after || 'nameEn' in after ? 'rename' : 'update';
    await trx
      .updateTable('agencies')
      .set({ ...set, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await repo.insertHistory(trx, { agencyId: id, kind, before, after, changedBy: actor.principal.userId });
    await writeAudit(trx, {
      ...audit(actor),
      action: `agency.${kind}`,
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      before,
      after,
    });
  });
  return getAgency(db, id);
}

/**
 * Records that an agency was merged into another. The old id stays (inactive), so its past
 * responses and results remain attached to the name it had then.
 */
export async function mergeAgency(db: Db, actor: Actor, id: number, intoId: number) {
  if (id === intoId) {
    throw new DomainError('VALIDATION_FAILED', 'An agency cannot be merged into itself', [
      { path: 'body.intoAgencyId', message: 'must differ from the merged agency' },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const source = await repo.lockAgency(trx, id);
    if (!source) throw new DomainError('NOT_FOUND', `Agency ${id} not found`);
    const target = await repo.lockAgency(trx, intoId);
    if (!target) {
      throw new DomainError('VALIDATION_FAILED', `Agency ${intoId} does not exist`, [
        { path: 'body.intoAgencyId', message: 'unknown agency' },
      ]);
    }
    if (source.merged_into_id !== null) {
      throw new DomainError(
        'INVALID_STATE',
        `${source.name_en} was already merged into agency ${source.merged_into_id}`,
      );
    }
    if (!target.active || target.merged_into_id !== null) {
      throw new DomainError('INVALID_STATE', `${target.name_en} is inactive or merged; merge into an active agency`);
    }
    if (source.track !== target.track) {
      throw new DomainError('INVALID_STATE', 'A department and a province cannot be merged');
    }
    await trx
      .updateTable('agencies')
      .set({ merged_into_id: intoId, active: false, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const before = { active: source.active, mergedIntoId: null };
    const after = {
      active: false,
      mergedIntoId: intoId,
      into: { code: target.code, nameTh: target.name_th, nameEn: target.name_en },
    };
    await repo.insertHistory(trx, { agencyId: id, kind: 'merge', before, after, changedBy: actor.principal.userId });
    await repo.insertHistory(trx, {
      agencyId: intoId,
      kind: 'merge_target',
      before: null,
      after: { mergedFromId: id, from: { code: source.code, nameTh: source.name_th, nameEn: source.name_en } },
      changedBy: actor.principal.userId,
    });
    await writeAudit(trx, {
      ...audit(actor),
      action: 'agency.merge',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      before,
      after,
    });
  });
  return getAgency(db, id);
}

export async function agencyHistory(db: Db, id: number) {
  await getAgency(db, id);
  const rows = await repo.listHistory(db, id);
  return rows.map((h) => ({
    id: h.id,
    kind: h.kind,
    before: (h.before ?? null) as Record<string, unknown> | null,
    after: (h.after ?? null) as Record<string, unknown> | null,
    changedBy: h.changed_by === null ? null : { id: h.changed_by, name: h.changed_by_name ?? '' },
    changedAt: h.changed_at.toISOString(),
  }));
}
