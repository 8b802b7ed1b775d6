import { DomainError } from '@dg/shared/domain/errors';
import type { Result } from '@dg/shared/schemas/result';
import type {
  NationalTarget,
  NationalTargetInput,
  NationalTargetList,
  TargetIndicator,
  TargetOverview,
  TargetSeries,
} from '@dg/shared/schemas/targets';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import * as disclosure from '../analytics/analytics.disclosure';
import * as analytics from '../analytics/analytics.service';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './targets.repository';

/**
 * National targets: set per cycle by DGA administrators, read on the national overview as actual
 * against target over the years. Actual figures are the analytics' own (verified basis), under the
 * reader's disclosure rule: an agency user sees a withheld point where the population is too small.
 */

const STAFF = new Set(['analyst', 'admin']);

const indicatorOf = (r: repo.TargetRow): TargetIndicator =>
  r.indicator_kind === 'level_at_least'
    ? { kind: 'level_at_least', level: r.level ?? 1, track: r.track }
    : { kind: 'derived', code: r.derived_code ?? '', track: r.track };

const toTarget = (r: repo.TargetRow): NationalTarget => ({
  cycleId: r.cycle_id,
  code: r.code,
  label: { th: r.label_th, en: r.label_en },
  indicator: indicatorOf(r),
  comparison: r.comparison,
  targetPercent: Number(r.target_percent),
  source: { th: r.source_th, en: r.source_en },
  targetYear: r.target_year ?? null,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listTargets(db: Db, cycleId: number): Promise<NationalTargetList> {
  const cycle = await db.selectFrom('cycles').select('id').where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  return { cycleId, targets: (await repo.listForCycle(db, cycleId)).map(toTarget) };
}

export interface Actor {
  principal: Principal;
  ip: string | null;
}

export async function setTarget(
  db: Db,
  actor: Actor,
  cycleId: number,
  code: string,
  input: NationalTargetInput,
): Promise<NationalTarget> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cycles')
      .select(['id', 'framework_id'])
      .where('id', '=', cycleId)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
    const ind = input.indicator;
    if (ind.kind === 'derived') {
      // The indicator must exist in the cycle's framework, or the target could never be measured.
      const c = await trx
        .selectFrom('cycles as c')
        .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
        .select(['c.framework_id', 'f.hash as framework_hash'])
        .where('c.id', '=', cycleId)
        .executeTakeFirstOrThrow();
      const fw = await analytics.cycleFramework(trx, c);
      if (!(fw.derivedIndicators ?? []).some((d) => d.code === ind.code)) {
        throw new DomainError('VALIDATION_FAILED', `Derived indicator ${ind.code} is not in the cycle's framework`, [
          {
            path: 'body.indicator.code',
            message: `${ind.code} is not a derived indicator of the cycle's framework`,
            messages: {
              th: `${ind.code} ไม่ใช่ตัวชี้วัดอนุพันธ์ในกรอบการประเมินของรอบนี้`,
              en: `${ind.code} is not a derived indicator of the cycle's framework`,
            },
          },
        ]);
      }
    }
    const before = await repo.findTarget(trx, cycleId, code);
    await repo.upsertTarget(trx, {
      cycle_id: cycleId,
      code,
      label_th: input.label.th,
      label_en: input.label.en,
      indicator_kind: ind.kind,
      level: ind.kind === 'level_at_least' ? ind.level : null,
      derived_code: ind.kind === 'derived' ? ind.code : null,
      track: ind.track,
      comparison: input.comparison,
      target_percent: input.targetPercent,
      source_th: input.source.th,
      source_en: input.source.en,
      target_year: input.targetYear ?? null,
      updated_by: actor.principal.userId,
    });
    await writeAudit(trx, {
      actorUserId: actor.principal.userId,
      actorEmail: actor.principal.email,
      ip: actor.ip,
      action: 'cycle.national_target',
      entityType: 'cycle',
      entityId: cycleId,
      before: before ? toTarget(before) : null,
      after: { code, ...input },
    });
    return toTarget((await repo.findTarget(trx, cycleId, code)) as repo.TargetRow);
  });
}

export async function deleteTarget(db: Db, actor: Actor, cycleId: number, code: string) {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findTarget(trx, cycleId, code);
    if (!before) throw new DomainError('NOT_FOUND', `Target ${code} of cycle ${cycleId} not found`);
    await repo.deleteTarget(trx, cycleId, code);
    await writeAudit(trx, {
      actorUserId: actor.principal.userId,
      actorEmail: actor.principal.email,
      ip: actor.ip,
      action: 'cycle.national_target_delete',
      entityType: 'cycle',
      entityId: cycleId,
      before: toTarget(before),
      after: null,
    });
  });
}

/** The indicator's actual share in a cycle, under the reader's disclosure rule. */
async function actualOf(db: Db, principal: Principal, cycleId: number, ind: TargetIndicator) {
  const cycle = await analytics.readableCycle(db, principal, cycleId);
  const seg = { track: ind.track ?? undefined };
  const min = await disclosure.disclosureFor(db, principal, cycle, seg);
  if (ind.kind === 'level_at_least') {
    const l = await disclosure.levels(db, cycle, { ...seg, basis: 'verified', atLeast: ind.level }, min);
    return { suppressed: l.suppressed, actual: l.suppressed ? null : l.overall.atLeast };
  }
  const s = await disclosure.indicatorStatistics(db, cycle, ind.code, seg, undefined, min);
  return { suppressed: s.suppressed, actual: s.suppressed ? null : s.share };
}

/**
 * Agencies at the level just below a level target's, with a pillar one criterion short of its next
 * level: the cheapest moves towards the target (a pillar level up raises the overall level when
 * the overall method lets one pillar carry it).
 */
async function nearest(db: Db, cycleId: number, ind: TargetIndicator) {
  if (ind.kind !== 'level_at_least' || ind.level < 2) return [];
  const rows = await repo.snapshotsAtLevel(db, cycleId, ind.level - 1, ind.track);
  const out = rows.map((r) => {
    const result = r.verified_result as unknown as Result;
    const pillars = (result.pillars ?? [])
      .filter((p) => p.nextLevel && p.nextLevel.actions.length === 1)
      .map((p) => ({
        key: p.key,
        targetLevel: p.nextLevel?.targetLevel ?? 0,
        action: p.nextLevel?.actions[0]?.action ?? { th: '', en: '' },
      }));
    return { id: r.id, code: r.code, name: { th: r.name_th, en: r.name_en }, level: r.verified_overall, pillars };
  });
  return out
    .filter((a) => a.pillars.length > 0)
    .sort((a, b) => b.pillars.length - a.pillars.length || a.code.localeCompare(b.code))
    .slice(0, 50);
}

/** Every target code as a series over the cycles the reader may see, oldest first. */
export async function targetOverview(db: Db, principal: Principal): Promise<TargetOverview> {
  const staff = STAFF.has(principal.role);
  const rows = (await repo.listAll(db)).filter((r) => staff || r.status === 'published');
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const series: TargetSeries[] = [];
  for (const [code, list] of byCode) {
    const latest = list[list.length - 1] as (typeof list)[number];
    const points = [];
    for (const r of list) {
      const ind = indicatorOf(r);
      const { suppressed, actual } = await actualOf(db, principal, r.cycle_id, ind);
      const target = Number(r.target_percent);
      const met =
        actual?.percent == null ? null : r.comparison === 'gte' ? actual.percent >= target : actual.percent <= target;
      points.push({
        cycleId: r.cycle_id,
        fiscalYear: r.fiscal_year,
        targetPercent: target,
        comparison: r.comparison,
        suppressed,
        actual,
        met,
      });
    }
    series.push({
      code,
      label: { th: latest.label_th, en: latest.label_en },
      indicator: indicatorOf(latest),
      source: { th: latest.source_th, en: latest.source_en },
      targetYear: latest.target_year ?? null,
      points,
      nearest: staff ? await nearest(db, latest.cycle_id, indicatorOf(latest)) : null,
    });
  }
  return { series };
}
