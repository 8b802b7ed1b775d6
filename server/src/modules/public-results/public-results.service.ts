import { DomainError } from '@dg/shared/domain/errors';
import type { CrossBy, IndicatorStatistics, ItemStatistics, Levels, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { Track } from '@dg/shared/schemas/framework';
import {
  fiscalYearOf,
  type PublicCycle,
  type PublicItemIndex,
  type PublicOverview,
} from '@dg/shared/schemas/public-results';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import * as disclosure from '../analytics/analytics.disclosure';
import * as analytics from '../analytics/analytics.service';
import { targetOverview } from '../targets/targets.service';
import * as repo from './public-results.repository';

/**
 * Public results read every figure through the analytics services and their disclosure control,
 * as an agency user with no agency of its own: the cycle's minimum segment, complementary
 * suppression, one narrowing dimension at a time, no free text, no agency lists. This reader is
 * never a signed-in principal: it only selects the agency users' disclosure rule.
 */
const PUBLIC_READER: Principal = {
  userId: 0,
  email: 'public',
  role: 'viewer',
  agencyId: null,
  sessionId: '00000000-0000-0000-0000-000000000000',
};

/** Closed questions: their statistics are counts of codes (the open-data package publishes the same). */
const CLOSED = new Set(['single', 'multiple', 'yes_no', 'staged', 'reason', 'matrix']);

/** A published cycle by its public year; anything else is "not found", so no cycle's existence leaks. */
export async function publishedCycle(db: Db, year: number): Promise<repo.PublishedCycleRow> {
  const cycle = await repo.findPublishedCycle(db, fiscalYearOf(year));
  if (!cycle) throw new DomainError('NOT_FOUND', `No published results for year ${year}`);
  return cycle;
}

async function cycleView(db: Db, c: repo.PublishedCycleRow): Promise<PublicCycle> {
  return {
    fiscalYear: c.fiscal_year,
    yearBE: c.fiscal_year + 543,
    name: { th: c.name_th, en: c.name_en },
    publishedAt: c.published_at ? new Date(c.published_at).toISOString() : null,
    framework: { code: c.framework_code, name: { th: c.framework_title_th, en: c.framework_title_en } },
    minSegmentSize: await disclosure.minSegmentSize(db, c.id),
  };
}

export async function listCycles(db: Db): Promise<PublicCycle[]> {
  const rows = await repo.listPublishedCycles(db);
  return Promise.all(rows.map((r) => cycleView(db, r)));
}

/** The minimum for a public request (and the one-dimension rule, a 400 otherwise). */
const minFor = (db: Db, cycle: repo.PublishedCycleRow, seg: SegmentQuery, crossBy?: CrossBy) =>
  disclosure.disclosureFor(db, PUBLIC_READER, cycle, seg, crossBy);

export async function levels(db: Db, cycle: repo.PublishedCycleRow, seg: SegmentQuery, atLeast = 3): Promise<Levels> {
  const min = await minFor(db, cycle, seg);
  return disclosure.levels(db, cycle, { ...seg, basis: 'verified', atLeast }, min);
}

export async function overview(db: Db, cycle: repo.PublishedCycleRow): Promise<PublicOverview> {
  const min = await minFor(db, cycle, {});
  const rates = await disclosure.responseRates(db, cycle.id, min);
  const all = await levels(db, cycle, {});
  const byTrack: Levels[] = [];
  for (const track of Object.keys(analytics.TRACK_LABELS))
    byTrack.push(await levels(db, cycle, { track: track as Track }));
  // Targets over the published cycles up to this one; the staff-only nearest agencies are dropped.
  const { series } = await targetOverview(db, PUBLIC_READER);
  const targets = series
    .map(({ nearest: _staffOnly, ...s }) => ({
      ...s,
      points: s.points.filter((p) => p.fiscalYear <= cycle.fiscal_year),
    }))
    .filter((s) => s.points.some((p) => p.cycleId === cycle.id));
  return {
    cycle: await cycleView(db, cycle),
    responseRates: { overall: rates.overall, byTrack: rates.byTrack },
    levels: { all, byTrack },
    targets,
  };
}

export async function itemIndex(db: Db, cycle: repo.PublishedCycleRow): Promise<PublicItemIndex> {
  const framework = await analytics.cycleFramework(db, cycle);
  return {
    cycle: await cycleView(db, cycle),
    pillars: framework.pillars.map((p) => ({
      key: p.key,
      number: p.number,
      name: p.name,
      items: p.indicators.flatMap((ind) =>
        ind.questions.filter((q) => CLOSED.has(q.type)).map((q) => ({ code: q.code, type: q.type, text: q.text })),
      ),
    })),
    indicators: (framework.derivedIndicators ?? []).map((d) => ({
      code: d.code,
      label: d.label,
      populationLabel: d.populationLabel,
    })),
  };
}

export async function item(
  db: Db,
  cycle: repo.PublishedCycleRow,
  code: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<ItemStatistics> {
  const framework = await analytics.cycleFramework(db, cycle);
  const q = framework.pillars.flatMap((p) => p.indicators.flatMap((i) => i.questions)).find((x) => x.code === code);
  // Open questions are free text or numbers an agency typed: never public.
  if (q && !CLOSED.has(q.type)) throw new DomainError('NOT_FOUND', `Question ${code} has no public statistics`);
  const min = await minFor(db, cycle, seg, crossBy);
  return disclosure.itemStatistics(db, cycle, code, seg, crossBy, min);
}

export async function indicator(
  db: Db,
  cycle: repo.PublishedCycleRow,
  code: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<IndicatorStatistics> {
  const min = await minFor(db, cycle, seg, crossBy);
  return disclosure.indicatorStatistics(db, cycle, code, seg, crossBy, min);
}
