import { DomainError } from '@dg/shared/domain/errors';
import type { CycleCreate, CyclePatch } from '@dg/shared/schemas/cycle-admin';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import { discardTrialOf } from '../frameworks/framework-trial.repository';
import { loadFramework } from '../frameworks/frameworks.service';
import * as repo from './cycle-admin.repository';

export type CycleStatus = 'draft' | 'open' | 'closed' | 'published';

export interface Actor {
  principal: Principal;
  ip: string | null;
}

const audit = (actor: Actor) => ({
  actorUserId: actor.principal.userId,
  actorEmail: actor.principal.email,
  ip: actor.ip,
});

/** The one way through a cycle's life: each step is one forward move. */
export const NEXT_STATUS: Record<CycleStatus, CycleStatus | null> = {
  draft: 'open',
  open: 'closed',
  closed: 'published',
  published: null,
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type CycleRow = Awaited<ReturnType<typeof repo.listCyclesWithCounts>>[number];

export function toAdminCycle(r: CycleRow) {
  return {
    id: r.id,
    fiscalYear: r.fiscal_year,
    name: { th: r.name_th, en: r.name_en },
    status: r.status,
    frameworkId: r.framework_id,
    frameworkCode: r.framework_code,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    publishedAt: iso(r.published_at),
    signoffRequired: r.signoff_required,
    counts: {
      invited: Number(r.invited ?? 0),
      started: Number(r.started ?? 0),
      submitted: Number(r.submitted ?? 0),
      verified: Number(r.verified ?? 0),
    },
  };
}

async function getAdminCycle(db: Db, id: number) {
  const [row] = await repo.listCyclesWithCounts(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `Cycle ${id} not found`);
  return toAdminCycle(row);
}

export async function listAdminCycles(db: Db) {
  return (await repo.listCyclesWithCounts(db)).map(toAdminCycle);
}

export async function createCycle(db: Db, actor: Actor, input: CycleCreate) {
  if (new Date(input.closesAt) <= new Date(input.opensAt)) {
    throw new DomainError('VALIDATION_FAILED', 'The closing date must be after the opening date', [
      { path: 'body.closesAt', message: 'must be after opensAt' },
    ]);
  }
  // Refuses a framework that does not exist or no longer validates.
  await loadFramework(db, input.frameworkId).catch((err) => {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') {
      throw new DomainError('VALIDATION_FAILED', `Framework ${input.frameworkId} does not exist`, [
        { path: 'body.frameworkId', message: 'unknown framework' },
      ]);
    }
    throw err;
  });
  const be = input.fiscalYear + 543;
  const id = await db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('cycles')
      .select('id')
      .where('fiscal_year', '=', input.fiscalYear)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('CONFLICT', `A cycle for fiscal year ${input.fiscalYear} (B.E. ${be}) already exists`);
    const cycle = await trx
      .insertInto('cycles')
      .values({
        fiscal_year: input.fiscalYear,
        name_th: input.nameTh?.trim() || `การสำรวจความพร้อมรัฐบาลดิจิทัล ประจำปี ${be}`,
        name_en: input.nameEn?.trim() || `Digital Government Readiness Survey ${input.fiscalYear}`,
        framework_id: input.frameworkId,
        status: 'draft',
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        signoff_required: input.signoffRequired ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const tracks = input.tracks ?? ['department', 'province'];
    const invited = await repo.inviteActiveAgencies(trx, cycle.id, tracks);
    await writeAudit(trx, {
      ...audit(actor),
      action: 'cycle.create',
      entityType: 'cycle',
      entityId: cycle.id,
      after: { fiscalYear: cycle.fiscal_year, frameworkId: cycle.framework_id, status: cycle.status },
      meta: { invited, tracks },
    });
    return cycle.id;
  });
  return getAdminCycle(db, id);
}

export async function updateCycle(db: Db, actor: Actor, id: number, patch: CyclePatch) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.lockCycle(trx, id);
    if (!before) throw new DomainError('NOT_FOUND', `Cycle ${id} not found`);
    const set: {
      status?: CycleStatus;
      closes_at?: string;
      published_at?: Date;
      opens_at?: Date;
      signoff_required?: boolean;
    } = {};
    if (patch.signoffRequired !== undefined && patch.signoffRequired !== before.signoff_required) {
      set.signoff_required = patch.signoffRequired;
    }
    let published = 0;

    if (patch.status !== undefined && patch.status !== before.status) {
      const allowed = NEXT_STATUS[before.status];
      if (patch.status !== allowed) {
        throw new DomainError(
          'INVALID_STATE',
          allowed
            ? `A ${before.status} cycle can only move to ${allowed}, not ${patch.status}`
            : `A published cycle is final; it cannot move to ${patch.status}`,
          { from: before.status, to: patch.status, allowed: allowed ? [allowed] : [] },
        );
      }
      set.status = patch.status;
      if (patch.status === 'open') {
        // Opening freezes the framework (importFramework refuses to replace it from now on): check it still validates.
        await loadFramework(trx, before.framework_id);
        // Test answers of a trial run never outlive the draft: the real cycle starts clean.
        await discardTrialOf(trx, before.framework_id);
        if (!before.opens_at || before.opens_at > new Date()) set.opens_at = new Date();
      }
      if (patch.status === 'published') {
        published = await repo.publishSnapshots(trx, id, actor.principal.userId);
        set.published_at = new Date();
      }
    } else if (
      patch.status !== undefined &&
      patch.status === before.status &&
      patch.closesAt === undefined &&
      patch.signoffRequired === undefined
    ) {
      throw new DomainError('INVALID_STATE', `The cycle is already ${before.status}`, {
        from: before.status,
        to: patch.status,
      });
    }

    if (patch.closesAt !== undefined) {
      const status = set.status ?? before.status;
      if (status === 'published') {
        throw new DomainError('INVALID_STATE', 'A published cycle is final; its closing date cannot change');
      }
      const opens = set.opens_at ?? before.opens_at;
      if (opens && new Date(patch.closesAt) <= new Date(opens)) {
        throw new DomainError('VALIDATION_FAILED', 'The closing date must be after the opening date', [
          { path: 'body.closesAt', message: 'must be after opensAt' },
        ]);
      }
      set.closes_at = patch.closesAt;
    }
    if (Object.keys(set).length === 0) return;

    const after = await trx
      .updateTable('cycles')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...audit(actor),
      action: set.status
        ? `cycle.${set.status === 'open' ? 'open' : set.status === 'closed' ? 'close' : 'publish'}`
        : 'cycle.update',
      entityType: 'cycle',
      entityId: id,
      before: {
        status: before.status,
        closesAt: iso(before.closes_at),
        publishedAt: iso(before.published_at),
        signoffRequired: before.signoff_required,
      },
      after: {
        status: after.status,
        closesAt: iso(after.closes_at),
        publishedAt: iso(after.published_at),
        signoffRequired: after.signoff_required,
      },
      meta: set.status === 'published' ? { snapshotsPublished: published } : undefined,
    });
  });
  return getAdminCycle(db, id);
}

export async function setDeadlineOverride(
  db: Db,
  actor: Actor,
  cycleId: number,
  agencyId: number,
  deadline: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cycle_agencies')
      .selectAll()
      .where('cycle_id', '=', cycleId)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `Agency ${agencyId} is not invited to cycle ${cycleId}`);
    const cycle = await repo.findCycle(trx, cycleId);
    if (cycle?.status === 'published') {
      throw new DomainError('INVALID_STATE', 'A published cycle is final; deadlines cannot change');
    }
    const after = await trx
      .updateTable('cycle_agencies')
      .set({ deadline_override: deadline })
      .where('cycle_id', '=', cycleId)
      .where('agency_id', '=', agencyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      ...audit(actor),
      action: 'cycle.deadline_override',
      entityType: 'cycle_agency',
      entityId: `${cycleId}:${agencyId}`,
      agencyId,
      before: { deadline: iso(row.deadline_override) },
      after: { deadline: iso(after.deadline_override) },
    });
    return { cycleId, agencyId, deadline: iso(after.deadline_override) };
  });
}
