import { share } from '@dg/shared/domain/analytics-math';
import type { RateRow, ResponseRates, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Basis } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import { ORG_TYPE_LABELS, ROLE_LABELS, TRACK_LABELS } from './analytics.cycle';
import * as repo from './analytics.repository';

// The analytics service's public face: its concerns live in their own files (cycle access,
// level distributions and year over year, respondents, item statistics); callers import from here.
export {
  cycleFramework,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
  readableCycle,
  TRACK_LABELS,
} from './analytics.cycle';
export { indicatorOf, indicatorStatistics, indicatorTally } from './analytics.derived';
export { levels, yearOverYear } from './analytics.distributions';
export { itemStat, itemStatistics, itemSubject, reasonLabels } from './analytics.items';
export {
  loadRespondents,
  questionOf,
  type Respondent,
  SEGMENT_COLUMN,
  weight,
} from './analytics.respondents';

// ---------------------------------------------------------------- response rates

type RateCell = Awaited<ReturnType<typeof repo.responseRateCells>>[number];

function rateRow(key: string, label: LocalizedText | null, cells: readonly RateCell[]): RateRow {
  let invited = 0;
  let started = 0;
  let submitted = 0;
  let verified = 0;
  for (const c of cells) {
    invited += c.invited;
    started += c.started;
    submitted += c.submitted;
    verified += c.verified;
  }
  return {
    key,
    label,
    invited,
    suppressed: null,
    started: share(started, invited),
    submitted: share(submitted, invited),
    verified: share(verified, invited),
  };
}

function groupRows(
  cells: readonly RateCell[],
  keyOf: (c: RateCell) => string | null,
  labelOf: (k: string) => LocalizedText | null,
  only?: (c: RateCell) => boolean,
): RateRow[] {
  const groups = new Map<string, RateCell[]>();
  for (const c of cells) {
    if (only && !only(c)) continue;
    const k = keyOf(c) ?? '(none)';
    const list = groups.get(k) ?? [];
    list.push(c);
    groups.set(k, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => rateRow(k, labelOf(k), list));
}

export async function responseRates(db: Db, cycleId: number): Promise<ResponseRates> {
  const cells = await repo.responseRateCells(db, cycleId);
  const ministries = new Map((await repo.listMinistries(db)).map((m) => [m.code, { th: m.name_th, en: m.name_en }]));
  const isDept = (c: RateCell) => c.track === 'department';
  return {
    cycleId,
    overall: rateRow('all', { th: 'ทั้งหมด', en: 'All' }, cells),
    byTrack: groupRows(
      cells,
      (c) => c.track,
      (k) => TRACK_LABELS[k] ?? null,
    ),
    // Organization type, role and ministry are department attributes.
    byOrgType: groupRows(
      cells,
      (c) => c.org_type,
      (k) => ORG_TYPE_LABELS[k] ?? null,
      isDept,
    ),
    byRole: groupRows(
      cells,
      (c) => c.role,
      (k) => ROLE_LABELS[k] ?? null,
      isDept,
    ),
    byMinistry: groupRows(
      cells,
      (c) => c.ministry_code,
      (k) => ministries.get(k) ?? null,
      isDept,
    ),
  };
}

export async function agenciesAt(
  db: Db,
  cycle: repo.CycleRow,
  q: SegmentQuery & { basis: Basis; pillar?: string; level: number; match: 'eq' | 'gte' },
) {
  const seg: SegmentQuery = {
    track: q.track,
    orgType: q.orgType,
    role: q.role,
    ministry: q.ministry,
    region: q.region,
  };
  const rows = await repo.agenciesAtLevel(db, cycle.id, seg, q.basis, q.pillar, q.level, q.match);
  return {
    cycleId: cycle.id,
    pillar: q.pillar ?? null,
    level: q.level,
    agencies: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: { th: r.name_th, en: r.name_en },
      track: r.track,
      orgType: r.org_type,
      role: r.role,
      ministryCode: r.ministry_code,
      region: r.region,
      level: r.level,
      responseId: r.response_id,
    })),
  };
}
