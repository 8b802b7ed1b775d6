import { DomainError } from '@dg/shared/domain/errors';
import { ENGINE_VERSION } from '@dg/shared/domain/maturity-engine';
import type { RecomputeReport } from '@dg/shared/schemas/cycle-admin';
import type { Result } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import { storeSnapshot } from '../responses/snapshots';

const levels = (r: Result) => new Map(r.pillars.map((p) => [p.key, p.level]));

/**
 * Recomputes every submitted result of a cycle against the cycle's framework as stored now and the
 * engine as deployed now, in ONE transaction: either every agency gets its new snapshot or none does.
 * Only results whose inputs (framework hash, engine version) or levels changed get a new revision,
 * so running it twice changes nothing the second time.
 */
export async function recomputeCycle(
  db: Db,
  actor: { userId: number; email: string; ip: string | null },
  cycleId: number,
  /** Told after each examined result (a background run's progress); must not wait on the database. */
  onProgress?: (examined: number, total: number) => void,
): Promise<RecomputeReport> {
  return db.transaction().execute(async (trx) => {
    const cycle = await trx
      .selectFrom('cycles as c')
      .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
      .select(['c.id', 'c.status', 'f.hash'])
      .where('c.id', '=', cycleId)
      .forUpdate('c')
      .executeTakeFirst();
    if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
    const current = await trx
      .selectFrom('result_snapshots as s')
      .innerJoin('agencies as a', 'a.id', 's.agency_id')
      .select([
        's.id',
        's.response_id',
        's.agency_id',
        's.framework_hash',
        's.engine_version',
        's.self_overall',
        's.verified_overall',
        's.verified_result',
        'a.code',
        'a.name_th',
        'a.name_en',
      ])
      .where('s.cycle_id', '=', cycleId)
      .where('s.is_current', '=', true)
      .orderBy('a.code')
      .execute();

    const report: RecomputeReport = {
      cycleId,
      engineVersion: ENGINE_VERSION,
      frameworkHash: cycle.hash,
      examined: current.length,
      recomputed: 0,
      changed: [],
    };
    for (const [i, snap] of current.entries()) {
      onProgress?.(i, current.length);
      const inputsChanged = snap.framework_hash !== cycle.hash || snap.engine_version !== ENGINE_VERSION;
      if (!inputsChanged) continue;
      await trx.selectFrom('responses').select('id').where('id', '=', snap.response_id).forUpdate().execute();
      const next = await storeSnapshot(trx, snap.response_id, 'recompute', actor.userId);
      report.recomputed++;
      if (cycle.status === 'published') {
        // A published figure is corrected by a new, recorded revision, never silently.
        await trx.updateTable('result_snapshots').set({ published: true }).where('id', '=', next.id).execute();
      }
      const beforePillars = levels(snap.verified_result as Result);
      const afterPillars = levels(next.verified);
      const pillars = [...afterPillars.entries()]
        .filter(([k, v]) => beforePillars.get(k) !== v)
        .map(([pillarKey, to]) => ({ pillarKey, from: beforePillars.get(pillarKey) ?? null, to }));
      const after = { self: next.selfAssessed.overall.level, verified: next.verified.overall.level };
      const before = { self: snap.self_overall, verified: snap.verified_overall };
      if (pillars.length > 0 || before.self !== after.self || before.verified !== after.verified) {
        report.changed.push({
          agencyId: snap.agency_id,
          agencyCode: snap.code,
          agencyName: { th: snap.name_th, en: snap.name_en },
          before,
          after,
          pillars,
        });
      }
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: cycle.status === 'published' && report.recomputed > 0 ? 'result.correction' : 'cycle.recompute',
      entityType: 'cycle',
      entityId: cycleId,
      after: {
        recomputed: report.recomputed,
        changed: report.changed.length,
        frameworkHash: cycle.hash,
        engineVersion: ENGINE_VERSION,
      },
    });
    return report;
  });
}
