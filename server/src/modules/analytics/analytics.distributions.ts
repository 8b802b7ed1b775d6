import {
  atLeastShare,
  distributionSentence,
  extremes,
  modalLevelSentence,
  type RankedPillar,
  share,
  standoutSentence,
  weakestSentence,
} from '@dg/shared/domain/analytics-math';
import type { Levels, LevelsQuery, SegmentQuery, YearOverYear } from '@dg/shared/schemas/analytics';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Basis } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import { cycleFramework } from './analytics.cycle';
import * as repo from './analytics.repository';

// ---------------------------------------------------------------- level distributions

interface Distribution {
  denominator: number;
  counts: number[];
  notAssessed: number;
}

const levelRows = (d: Distribution) =>
  d.counts.map((count, i) => ({ level: i + 1, count, share: share(count, d.denominator) }));

async function distributions(db: Db, cycleId: number, seg: SegmentQuery, basis: Basis) {
  // Independent statements: on PostgreSQL they run side by side on two pooled connections.
  const [overallRows, pillarRows] = await Promise.all([
    repo.overallLevelCounts(db, cycleId, seg, basis),
    repo.pillarLevelCounts(db, cycleId, seg, basis),
  ]);
  const overall: Distribution = { denominator: 0, counts: [0, 0, 0, 0, 0], notAssessed: 0 };
  for (const r of overallRows) {
    overall.denominator += r.n;
    if (r.level === null) overall.notAssessed += r.n;
    else overall.counts[r.level - 1] = (overall.counts[r.level - 1] ?? 0) + r.n;
  }
  const pillars = new Map<string, Distribution>();
  for (const r of pillarRows) {
    let d = pillars.get(r.pillar_key);
    if (!d) {
      d = { denominator: overall.denominator, counts: [0, 0, 0, 0, 0], notAssessed: 0 };
      pillars.set(r.pillar_key, d);
    }
    if (r.level !== null) d.counts[r.level - 1] = (d.counts[r.level - 1] ?? 0) + r.n;
  }
  return { overall, pillars };
}

const pillarDist = (pillars: Map<string, Distribution>, key: string, denominator: number): Distribution => {
  const d = pillars.get(key) ?? { denominator, counts: [0, 0, 0, 0, 0], notAssessed: 0 };
  const assessed = d.counts.reduce((a, b) => a + b, 0);
  return { ...d, denominator, notAssessed: denominator - assessed };
};

export async function levels(db: Db, cycle: repo.CycleRow, q: LevelsQuery): Promise<Levels> {
  const framework = await cycleFramework(db, cycle);
  const seg: SegmentQuery = {
    track: q.track,
    orgType: q.orgType,
    role: q.role,
    ministry: q.ministry,
    region: q.region,
  };
  const { overall, pillars } = await distributions(db, cycle.id, seg, q.basis);
  const denominator = overall.denominator;
  const pillarOut = framework.pillars.map((p) => {
    const d = pillarDist(pillars, p.key, denominator);
    return {
      key: p.key,
      number: p.number,
      name: p.name,
      levels: levelRows(d),
      notAssessed: d.notAssessed,
      atLeast: atLeastShare(d.counts, q.atLeast, denominator),
    };
  });
  const ranked: RankedPillar[] = pillarOut.map((p) => ({ key: p.key, number: p.number, share: p.atLeast }));
  const { largest, smallest } = extremes(ranked);
  const ref = (r: RankedPillar | null) => {
    if (!r) return null;
    const p = pillarOut.find((x) => x.key === r.key);
    return p ? { key: p.key, number: p.number, name: p.name, share: p.atLeast } : null;
  };
  const narrative = { th: [] as string[], en: [] as string[] };
  const push = (t: LocalizedText) => {
    narrative.th.push(t.th);
    narrative.en.push(t.en);
  };
  if (denominator > 0) {
    const overallShares = levelRows(overall).map((l) => l.share);
    let modal = 0;
    overall.counts.forEach((c, i) => {
      if (c > (overall.counts[modal] ?? 0)) modal = i;
    });
    push(modalLevelSentence(modal + 1, overallShares[modal] ?? share(0, denominator)));
    push(distributionSentence(overallShares));
    const l = ref(largest);
    const s = ref(smallest);
    if (l) push(standoutSentence({ number: l.number, name: l.name, share: l.share, atLeast: q.atLeast }));
    if (s && s.key !== l?.key)
      push(weakestSentence({ number: s.number, name: s.name, share: s.share, atLeast: q.atLeast }));
  }
  return {
    cycleId: cycle.id,
    basis: q.basis,
    atLeast: q.atLeast,
    segment: seg,
    suppressed: null,
    denominator,
    overall: {
      levels: levelRows(overall),
      notAssessed: overall.notAssessed,
      atLeast: atLeastShare(overall.counts, q.atLeast, denominator),
    },
    pillars: pillarOut,
    largest: ref(largest),
    smallest: ref(smallest),
    narrative,
  };
}

export async function yearOverYear(
  db: Db,
  cycle: repo.CycleRow,
  seg: SegmentQuery,
  basis: Basis,
  atLeast: number,
): Promise<YearOverYear> {
  const framework = await cycleFramework(db, cycle);
  const prevCycle = await repo.findPreviousCycle(db, cycle.fiscal_year);
  const [cur, prev] = await Promise.all([
    distributions(db, cycle.id, seg, basis),
    prevCycle ? distributions(db, prevCycle.id, seg, basis) : null,
  ]);
  const prevFramework = prevCycle ? await cycleFramework(db, prevCycle) : null;
  const prevKeys = new Set(prevFramework?.pillars.map((p) => p.key) ?? []);
  const mappedCount = new Map<string, number>();
  for (const p of framework.pillars) {
    if (p.previousKey) mappedCount.set(p.previousKey, (mappedCount.get(p.previousKey) ?? 0) + 1);
  }
  const dist = (d: Distribution) => ({
    suppressed: null,
    denominator: d.denominator,
    levels: levelRows(d),
    atLeast: atLeastShare(d.counts, atLeast, d.denominator),
  });
  return {
    cycleId: cycle.id,
    previousCycleId: prevCycle?.id ?? null,
    basis,
    atLeast,
    overall: { current: dist(cur.overall), previous: prev ? dist(prev.overall) : null },
    pillars: framework.pillars.map((p) => {
      const previousKey = p.previousKey && prevKeys.has(p.previousKey) ? p.previousKey : null;
      const manyToOne = previousKey !== null && (mappedCount.get(previousKey) ?? 0) > 1;
      const note: LocalizedText | null =
        p.changedFromPrevious ??
        (manyToOne
          ? {
              th: `ตัวชี้วัดหลายตัวในปีนี้เทียบกับตัวชี้วัด ${previousKey} ของปีก่อนตัวเดียวกัน`,
              en: `Several pillars of this year compare with the same previous pillar ${previousKey}`,
            }
          : null);
      return {
        key: p.key,
        number: p.number,
        name: p.name,
        previousKey,
        changed: Boolean(p.changedFromPrevious) || manyToOne,
        changeNote: note,
        current: dist(pillarDist(cur.pillars, p.key, cur.overall.denominator)),
        previous: prev && previousKey ? dist(pillarDist(prev.pillars, previousKey, prev.overall.denominator)) : null,
      };
    }),
  };
}
