import type { Share } from '@dg/shared/domain/analytics-math';
import { factFindingTopics } from '@dg/shared/domain/fact-finding-topics';
import type {
  IndicatorStatistics,
  ItemStatistics,
  Levels,
  ResponseRates,
  SegmentQuery,
  YearOverYear,
} from '@dg/shared/schemas/analytics';
import type { Framework, Track } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Db } from '../../db/database';
import * as disclosure from '../analytics/analytics.disclosure';
import * as analyticsRepo from '../analytics/analytics.repository';
import * as analytics from '../analytics/analytics.service';
import * as targetsRepo from '../targets/targets.repository';

/**
 * Everything the national report shows, loaded once through the analytics' own functions (verified
 * basis) under the cycle's disclosure policy: the report is published, so every segment it shows is
 * judged as the public would see it. The model (national-report.model.ts) only arranges and words it.
 */

export const REPORT_AT_LEAST = 3;
const TRACKS: Track[] = ['department', 'province'];

export interface SegmentLevels {
  by: 'org_type' | 'role';
  value: string;
  label: LocalizedText;
  levels: Levels;
}

export interface TargetActual {
  code: string;
  label: LocalizedText;
  source: LocalizedText;
  comparison: 'gte' | 'lte';
  targetPercent: number;
  track: string | null;
  actual: Share | null;
  withheld: boolean;
}

export interface FactFindingTopicData {
  id: string;
  name: LocalizedText;
  items: ItemStatistics[];
}

export interface NationalReportData {
  cycle: { id: number; fiscalYear: number; status: string; name: LocalizedText };
  framework: { code: string; year: number; title: LocalizedText; hash: string; levels: Framework['levels'] };
  overallMethod: Framework['overall'];
  minSegment: number;
  previousFiscalYear: number | null;
  rates: ResponseRates;
  levels: { all: Levels; byTrack: { track: Track; label: LocalizedText; levels: Levels }[] };
  segments: SegmentLevels[];
  targets: TargetActual[];
  yoy: YearOverYear;
  derived: IndicatorStatistics[];
  factFinding: FactFindingTopicData[];
  generatedAt: string;
}

const levelsQuery = (seg: SegmentQuery) => ({ ...seg, basis: 'verified' as const, atLeast: REPORT_AT_LEAST });

export async function loadNationalReportData(db: Db, cycleId: number, now = new Date()): Promise<NationalReportData> {
  const cycle = await analyticsRepo.findCycle(db, cycleId);
  if (!cycle) throw new Error(`Cycle ${cycleId} no longer exists`);
  const framework = await analytics.cycleFramework(db, cycle);
  const min = await disclosure.minSegmentSize(db, cycle.id);
  const all = await disclosure.levels(db, cycle, levelsQuery({}), min);
  const byTrack = [];
  for (const track of TRACKS) {
    const label = analytics.TRACK_LABELS[track] as LocalizedText;
    byTrack.push({ track, label, levels: await disclosure.levels(db, cycle, levelsQuery({ track }), min) });
  }
  // Organization type and role are department attributes (as in the findings and the open data).
  const segments: SegmentLevels[] = [];
  for (const [orgType, label] of Object.entries(analytics.ORG_TYPE_LABELS)) {
    const l = await disclosure.levels(db, cycle, levelsQuery({ track: 'department', orgType }), min);
    if (l.suppressed || l.denominator > 0) segments.push({ by: 'org_type', value: orgType, label, levels: l });
  }
  for (const [role, label] of Object.entries(analytics.ROLE_LABELS)) {
    const l = await disclosure.levels(db, cycle, levelsQuery({ track: 'department', role }), min);
    if (l.suppressed || l.denominator > 0) segments.push({ by: 'role', value: role, label, levels: l });
  }
  const targets: TargetActual[] = [];
  for (const r of await targetsRepo.listForCycle(db, cycle.id)) {
    const seg = { track: r.track ?? undefined };
    let actual: Share | null = null;
    let withheld = false;
    if (r.indicator_kind === 'level_at_least') {
      const l = await disclosure.levels(db, cycle, { ...seg, basis: 'verified', atLeast: r.level ?? 1 }, min);
      withheld = !!l.suppressed;
      actual = l.suppressed ? null : l.overall.atLeast;
    } else if (r.derived_code && (framework.derivedIndicators ?? []).some((d) => d.code === r.derived_code)) {
      const s = await disclosure.indicatorStatistics(db, cycle, r.derived_code, seg, undefined, min);
      withheld = !!s.suppressed;
      actual = s.suppressed ? null : s.share;
    }
    targets.push({
      code: r.code,
      label: { th: r.label_th, en: r.label_en },
      source: { th: r.source_th, en: r.source_en },
      comparison: r.comparison,
      targetPercent: Number(r.target_percent),
      track: r.track,
      actual,
      withheld,
    });
  }
  const yoy = await disclosure.yearOverYear(db, cycle, {}, 'verified', REPORT_AT_LEAST, min);
  const previous = yoy.previousCycleId ? await analyticsRepo.findCycle(db, yoy.previousCycleId) : null;
  const derived: IndicatorStatistics[] = [];
  for (const d of framework.derivedIndicators ?? []) {
    derived.push(await disclosure.indicatorStatistics(db, cycle, d.code, {}, 'track', min));
  }
  const factFinding: FactFindingTopicData[] = [];
  for (const topic of factFindingTopics) {
    const items: ItemStatistics[] = [];
    for (const p of framework.pillars)
      for (const ind of p.indicators)
        for (const q of ind.questions) {
          if (!q.topics?.includes(topic.id)) continue;
          const s = await disclosure.itemStatistics(db, cycle, q.code, {}, undefined, min);
          items.push(s);
        }
    if (items.length) factFinding.push({ id: topic.id, name: topic.name, items });
  }
  return {
    cycle: {
      id: cycle.id,
      fiscalYear: cycle.fiscal_year,
      status: cycle.status,
      name: { th: cycle.name_th, en: cycle.name_en },
    },
    framework: {
      code: framework.code,
      year: framework.year,
      title: framework.title,
      hash: cycle.framework_hash,
      levels: framework.levels,
    },
    overallMethod: framework.overall,
    minSegment: min,
    previousFiscalYear: previous?.fiscal_year ?? null,
    rates: await disclosure.responseRates(db, cycle.id, min),
    levels: { all, byTrack },
    segments,
    targets,
    yoy,
    derived,
    factFinding,
    generatedAt: now.toISOString(),
  };
}
