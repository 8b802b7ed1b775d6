import { share } from '@dg/shared/domain/analytics-math';
import {
  AGENCY_ROLES,
  DEFAULT_MIN_SEGMENT,
  type DisclosureCell,
  type GroupBy,
  judgeGroup,
  judgeSegment,
  planDimension,
  type SegmentLike,
  type Suppression,
  twoDimensionProblem,
  suppression as withheld,
  withheldValues,
} from '@dg/shared/domain/disclosure';
import { DomainError } from '@dg/shared/domain/errors';
import type {
  CrossBy,
  IndicatorStatistics,
  ItemStat,
  ItemStatistics,
  Levels,
  LevelsQuery,
  RateRow,
  ResponseRates,
  SegmentQuery,
  YearOverYear,
} from '@dg/shared/schemas/analytics';
import type { Track } from '@dg/shared/schemas/framework';
import type { Basis } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import * as repo from './analytics.repository';
import * as service from './analytics.service';

/**
 * Disclosure control of national aggregates for agency users (respondent, viewer) and the open-data
 * package: a segment (the filtered population, or one group of a breakdown) of fewer agencies than
 * the cycle's minimum is withheld, with the groups needed so that a withheld one cannot be worked out
 * from a shown total minus the shown groups (shared/src/domain/disclosure.ts). DGA staff read the
 * service's figures unchanged.
 */

/** The cycle's minimum segment size (the default when the administrator has set none). */
export async function minSegmentSize(db: Db, cycleId: number): Promise<number> {
  return (await repo.findDisclosurePolicy(db, cycleId))?.min_segment_size ?? DEFAULT_MIN_SEGMENT;
}

/**
 * The minimum that applies to this principal's request, or null for DGA staff. Agency users are
 * refused (400) a request that narrows by two dimensions: two allowed segments could be subtracted.
 */
export async function disclosureFor(
  db: Db,
  principal: Principal,
  cycle: repo.CycleRow,
  seg: SegmentLike,
  groupBy?: GroupBy,
): Promise<number | null> {
  if (!AGENCY_ROLES.has(principal.role)) return null;
  const problem = twoDimensionProblem(seg, groupBy);
  if (problem) {
    throw new DomainError('VALIDATION_FAILED', problem, [
      { path: 'querystring', message: 'one of orgType, role, ministry, region at a time' },
    ]);
  }
  return minSegmentSize(db, cycle.id);
}

const noShare = () => share(0, 0);

// ---------------------------------------------------------------- levels and year over year

/** Whether the level figures of a segment are withheld, from the populations behind them. */
export async function levelSuppression(db: Db, cycleId: number, seg: SegmentQuery, min: number) {
  const dim = planDimension(seg);
  const cells = await repo.snapshotCells(db, cycleId, service.SEGMENT_COLUMN[dim]);
  return judgeSegment(cells, seg, min);
}

function withheldLevels(cycle: repo.CycleRow, q: LevelsQuery, seg: SegmentQuery, s: Suppression): Levels {
  return {
    cycleId: cycle.id,
    basis: q.basis,
    atLeast: q.atLeast,
    segment: seg,
    suppressed: s,
    denominator: 0,
    overall: { levels: [], notAssessed: 0, atLeast: noShare() },
    pillars: [],
    largest: null,
    smallest: null,
    narrative: { th: [s.message.th], en: [s.message.en] },
  };
}

const segOf = (q: SegmentQuery): SegmentQuery => ({
  track: q.track,
  orgType: q.orgType,
  role: q.role,
  ministry: q.ministry,
  region: q.region,
});

export async function levels(db: Db, cycle: repo.CycleRow, q: LevelsQuery, min: number | null): Promise<Levels> {
  if (min !== null) {
    const s = await levelSuppression(db, cycle.id, segOf(q), min);
    if (s) return withheldLevels(cycle, q, segOf(q), s);
  }
  return service.levels(db, cycle, q);
}

type Dist = YearOverYear['overall']['current'];
const withheldDist = (s: Suppression): Dist => ({ suppressed: s, denominator: 0, levels: [], atLeast: noShare() });

export async function yearOverYear(
  db: Db,
  cycle: repo.CycleRow,
  seg: SegmentQuery,
  basis: Basis,
  atLeast: number,
  min: number | null,
): Promise<YearOverYear> {
  const y = await service.yearOverYear(db, cycle, seg, basis, atLeast);
  if (min === null) return y;
  const current = await levelSuppression(db, cycle.id, seg, min);
  // The previous cycle under the stricter of the two policies: its own, or this request's.
  const previous =
    y.previousCycleId === null
      ? null
      : await levelSuppression(db, y.previousCycleId, seg, Math.max(min, await minSegmentSize(db, y.previousCycleId)));
  const cut = (d: Dist | null, s: Suppression | null) => (d && s ? withheldDist(s) : d);
  return {
    ...y,
    overall: { current: cut(y.overall.current, current) as Dist, previous: cut(y.overall.previous, previous) },
    pillars: y.pillars.map((p) => ({
      ...p,
      current: cut(p.current, current) as Dist,
      previous: cut(p.previous, previous),
    })),
  };
}

// ---------------------------------------------------------------- response rates

type RateCell = Awaited<ReturnType<typeof repo.responseRateCells>>[number];

const withheldRate = (r: RateRow, s: Suppression): RateRow => ({
  key: r.key,
  label: r.label,
  invited: 0,
  suppressed: s,
  started: noShare(),
  submitted: noShare(),
  verified: noShare(),
});

/** Response rates with every group judged on its invited agencies (a group is a segment too). */
export async function responseRates(db: Db, cycleId: number, min: number | null): Promise<ResponseRates> {
  const r = await service.responseRates(db, cycleId);
  if (min === null) return r;
  const cells = await repo.responseRateCells(db, cycleId);
  const total = r.overall.invited;
  if (total > 0 && total < min) {
    const s = withheld('below_minimum', min);
    const all = (rows: RateRow[]) => rows.map((x) => withheldRate(x, s));
    return {
      ...r,
      overall: withheldRate(r.overall, s),
      byTrack: all(r.byTrack),
      byOrgType: all(r.byOrgType),
      byRole: all(r.byRole),
      byMinistry: all(r.byMinistry),
    };
  }
  const judge = (rows: RateRow[], pick: (c: RateCell) => string | null, only?: (c: RateCell) => boolean) => {
    const list: DisclosureCell[] = cells
      .filter((c) => !only || only(c))
      .map((c) => ({ track: c.track, value: pick(c) ?? '(none)', n: c.invited }));
    const out = withheldValues(list, min);
    return rows.map((x) => {
      const reason = out.get(x.key);
      return reason ? withheldRate(x, withheld(reason, min)) : x;
    });
  };
  const isDept = (c: RateCell) => c.track === 'department';
  return {
    ...r,
    byTrack: judge(r.byTrack, (c) => c.track),
    byOrgType: judge(r.byOrgType, (c) => c.org_type, isDept),
    byRole: judge(r.byRole, (c) => c.role, isDept),
    byMinistry: judge(r.byMinistry, (c) => c.ministry_code, isDept),
  };
}

// ---------------------------------------------------------------- item statistics and indicators

/**
 * Respondents of the whole cycle with the plan dimension's value as `segment`, the segment's own
 * respondents, the cells (population of the figure by track and value) and the groups of a cross-by.
 */
function control(
  all: readonly service.Respondent[],
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
  min: number,
  measure: (g: readonly service.Respondent[]) => number,
) {
  const dim = planDimension(seg, crossBy);
  const filtered = dim !== 'track' ? seg[dim] : undefined;
  const keyOf = (r: service.Respondent) => (dim === 'track' ? r.track : (r.segment ?? '(none)'));
  const groupsBy = new Map<string, service.Respondent[]>();
  for (const r of all) {
    const k = `${r.track}\u0000${keyOf(r)}`;
    const list = groupsBy.get(k) ?? [];
    list.push(r);
    groupsBy.set(k, list);
  }
  const cells: DisclosureCell[] = [...groupsBy.entries()].map(([k, g]) => {
    const [track, value] = k.split('\u0000') as [string, string];
    return { track, value, n: measure(g) };
  });
  const scope = all.filter((r) => (!seg.track || r.track === seg.track) && (!filtered || keyOf(r) === filtered));
  const groups = () => {
    if (!crossBy) return null;
    const by = new Map<string, service.Respondent[]>();
    for (const r of scope) {
      const k = crossBy === 'track' ? r.track : keyOf(r);
      by.set(k, [...(by.get(k) ?? []), r]);
    }
    return [...by.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, g]) => ({ value, members: g, suppressed: judgeGroup(cells, seg, crossBy, value, min) }));
  };
  return { scope, suppressed: judgeSegment(cells, seg, min, crossBy), groups };
}

const withheldStat = (s: Suppression): ItemStat => ({ suppressed: s, population: 0, shown: 0 });

export async function itemStatistics(
  db: Db,
  cycle: repo.CycleRow,
  questionCode: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
  min: number | null,
): Promise<ItemStatistics> {
  if (min === null) return service.itemStatistics(db, cycle, questionCode, seg, crossBy);
  const framework = await service.cycleFramework(db, cycle);
  const subject = await service.itemSubject(db, cycle.id, framework, questionCode);
  const dim = planDimension(seg, crossBy);
  const all = (await service.loadRespondents(db, cycle.id, framework, {}, subject.codes, dim)).filter((r) =>
    subject.tracks.includes(r.track as Track),
  );
  // The population of an item is those shown it who answered: a follow-up question's is the
  // sub-population that answered the question before it a certain way, judged on its own.
  const stat = (g: readonly service.Respondent[]) => {
    const s = subject.stat(g);
    // Free text an agency typed may name it: never shown to other agencies.
    delete s.otherTexts;
    // The minimum and maximum of a number are one agency's exact answer (the largest budget
    // share of a ministry is recognisable without a name), so they are never published.
    if (s.summary) s.summary = { ...s.summary, min: null, max: null, extremesWithheld: true };
    return s;
  };
  const c = control(all, seg, crossBy, min, (g) => subject.stat(g).population);
  const base = { ...subject.head, cycleId: cycle.id, segment: seg };
  if (c.suppressed) {
    return {
      ...base,
      suppressed: c.suppressed,
      respondents: 0,
      overall: withheldStat(c.suppressed),
      crossBy: crossBy ?? null,
      segments: crossBy ? [] : null,
    };
  }
  return {
    ...base,
    suppressed: null,
    respondents: service.weight(c.scope),
    overall: stat(c.scope),
    crossBy: crossBy ?? null,
    segments:
      c.groups()?.map((g) => ({ value: g.value, stat: g.suppressed ? withheldStat(g.suppressed) : stat(g.members) })) ??
      null,
  };
}

export async function indicatorStatistics(
  db: Db,
  cycle: repo.CycleRow,
  code: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
  min: number | null,
): Promise<IndicatorStatistics> {
  if (min === null) return service.indicatorStatistics(db, cycle, code, seg, crossBy);
  const { ind, framework } = await service.indicatorOf(db, cycle, code);
  const dim = planDimension(seg, crossBy);
  const all = (await service.loadRespondents(db, cycle.id, framework, {}, ind.questions, dim)).filter((r) =>
    ind.tracks.includes(r.track as Track),
  );
  const tally = (g: readonly service.Respondent[]) => service.indicatorTally(ind, g);
  const c = control(all, seg, crossBy, min, (g) => tally(g).denominator);
  const base = {
    cycleId: cycle.id,
    code: ind.code,
    label: ind.label,
    populationLabel: ind.populationLabel,
    segment: seg,
    crossBy: crossBy ?? null,
  };
  if (c.suppressed) return { ...base, suppressed: c.suppressed, share: noShare(), segments: crossBy ? [] : null };
  return {
    ...base,
    suppressed: null,
    share: tally(c.scope),
    segments:
      c.groups()?.map((g) => ({
        value: g.value,
        suppressed: g.suppressed,
        share: g.suppressed ? noShare() : tally(g.members),
      })) ?? null,
  };
}
