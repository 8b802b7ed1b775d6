import type { LocalizedText } from '../schemas/i18n';

/**
 * Statistical disclosure control for national aggregates read by agency users and published as open
 * data. The rule is on the SEGMENT (the population a figure describes), never on a single cell: DGA's
 * own tables show small counts inside large segments. Pure functions: the client shows the same text.
 */

/** Minimum agencies in a segment when the administrator has not set one for the cycle. */
export const DEFAULT_MIN_SEGMENT = 5;
/** Below 3 the rule protects nobody: of two agencies, each knows the other's figures. */
export const MIN_SEGMENT_FLOOR = 3;
export const MIN_SEGMENT_CEILING = 100;

/** Roles of agency users: they see aggregates only under the disclosure rule. */
export const AGENCY_ROLES: ReadonlySet<string> = new Set(['respondent', 'cio', 'viewer']);

/** Registry attributes a segment may be narrowed by, besides the track. */
export const SEGMENT_DIMENSIONS = ['orgType', 'role', 'ministry', 'region'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export type SuppressionReason = 'below_minimum' | 'complementary';

export interface Suppression {
  reason: SuppressionReason;
  minimum: number;
  message: LocalizedText;
}

/** The message every withheld figure carries (the client shows the same words). */
export function suppression(reason: SuppressionReason, minimum: number): Suppression {
  const message: LocalizedText =
    reason === 'below_minimum'
      ? {
          th: `กลุ่มนี้มีหน่วยงานน้อยกว่า ${minimum} แห่ง จึงไม่แสดงผลเพื่อคุ้มครองข้อมูลรายหน่วยงาน`,
          en: `Fewer than ${minimum} agencies in this segment: figures withheld to protect individual agencies`,
        }
      : {
          th: `ไม่แสดงผลกลุ่มนี้ด้วย เพื่อไม่ให้คำนวณย้อนกลับหาผลของกลุ่มที่มีหน่วยงานน้อยกว่า ${minimum} แห่งได้`,
          en: `Also withheld so that a segment of fewer than ${minimum} agencies cannot be worked out by subtraction`,
        };
  return { reason, minimum, message };
}

/** The narrowing dimensions a segment query sets (the track is not counted). */
export function dimensionsOf(seg: Partial<Record<SegmentDimension, string | undefined>>): SegmentDimension[] {
  return SEGMENT_DIMENSIONS.filter((d) => seg[d] !== undefined && seg[d] !== '');
}

/** The population of one figure in one track and one value of the dimension a query is about. */
export interface DisclosureCell {
  track: string;
  value: string;
  n: number;
}

/**
 * The values of one dimension whose figures are withheld, with why. Primary: a value with fewer
 * than `min` agencies in any track (or in all tracks together). Complementary: every published
 * total (each track, and all tracks) minus its shown groups gives the union of its withheld groups,
 * so while that union is smaller than `min` the next smallest group is withheld too. A value is
 * withheld in every track at once, so "value in all tracks" minus "value in one track" cannot
 * isolate the other track's part either. Deterministic: ties go to the value's name.
 */
export function withheldValues(cells: readonly DisclosureCell[], min: number): Map<string, SuppressionReason> {
  const out = new Map<string, SuppressionReason>();
  const rows = new Map<string, Map<string, number>>();
  const add = (row: string, value: string, n: number) => {
    const r = rows.get(row) ?? new Map<string, number>();
    r.set(value, (r.get(value) ?? 0) + n);
    rows.set(row, r);
  };
  for (const c of cells) {
    add(`track:${c.track}`, c.value, c.n);
    add('all', c.value, c.n);
  }
  for (const r of rows.values()) for (const [v, n] of r) if (n > 0 && n < min) out.set(v, 'below_minimum');
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of rows.values()) {
      let hidden = 0;
      for (const [v, n] of r) if (out.has(v)) hidden += n;
      if (hidden === 0 || hidden >= min) continue;
      const next = [...r.entries()]
        .filter(([v, n]) => n > 0 && !out.has(v))
        .sort(([va, a], [vb, b]) => a - b || va.localeCompare(vb))[0];
      if (!next) continue;
      out.set(next[0], 'complementary');
      changed = true;
    }
  }
  return out;
}

/** A segment as a query sets it: the track and at most one narrowing dimension for agency users. */
export interface SegmentLike {
  track?: string;
  orgType?: string;
  role?: string;
  ministry?: string;
  region?: string;
}
export type GroupBy = SegmentDimension | 'track';

/**
 * The dimension whose populations decide a query's disclosure: the one it filters by, else the one
 * it groups by, else the track. Cells handed to judgeSegment/judgeGroup carry that dimension's value.
 */
export function planDimension(seg: SegmentLike, groupBy?: GroupBy): GroupBy {
  return dimensionsOf(seg)[0] ?? (groupBy && groupBy !== 'track' ? groupBy : 'track');
}

/**
 * Agency users narrow by one dimension at a time (with the track): two allowed segments of two
 * dimensions could be subtracted to isolate one agency. Returns the refusal, or null when allowed.
 */
export function twoDimensionProblem(seg: SegmentLike, groupBy?: GroupBy): string | null {
  const dims = dimensionsOf(seg);
  const by = groupBy && groupBy !== 'track' && !dims.includes(groupBy) ? [groupBy] : [];
  const all = [...dims, ...by];
  if (all.length <= 1) return null;
  return `Agency users may narrow national results by one of organisation type, role, ministry or region at a time (with the track); this request combines ${all.join(' and ')}`;
}

const trackCells = (cells: readonly DisclosureCell[]): DisclosureCell[] => {
  const by = new Map<string, number>();
  for (const c of cells) by.set(c.track, (by.get(c.track) ?? 0) + c.n);
  return [...by].map(([track, n]) => ({ track, value: track, n }));
};

/**
 * Whether a segment's figures are withheld. `cells` are the populations of the figure across the
 * whole cycle by track and by the value of planDimension(seg, groupBy) (the track itself when that
 * is 'track'). An empty segment is not withheld: it has no agency to protect.
 */
export function judgeSegment(
  cells: readonly DisclosureCell[],
  seg: SegmentLike,
  min: number,
  groupBy?: GroupBy,
): Suppression | null {
  const dim = planDimension(seg, groupBy);
  const filtered = dim !== 'track' ? seg[dim] : undefined;
  let total = 0;
  for (const c of cells) {
    if (seg.track && c.track !== seg.track) continue;
    if (filtered !== undefined && c.value !== filtered) continue;
    total += c.n;
  }
  if (total > 0 && total < min) return suppression('below_minimum', min);
  if (total === 0) return null;
  if (filtered !== undefined) {
    const r = withheldValues(cells, min).get(filtered);
    return r ? suppression(r, min) : null;
  }
  if (seg.track) {
    const r = withheldValues(trackCells(cells), min).get(seg.track);
    return r ? suppression(r, min) : null;
  }
  return null;
}

/**
 * Whether one group of a group-by (cross-tab) answer is withheld: each group is a segment, judged
 * with the same plan as a filter on it, so a group shown in a cross-tab is shown as a filter too
 * and the withheld ones cannot be recovered from the total minus the shown ones.
 */
export function judgeGroup(
  cells: readonly DisclosureCell[],
  seg: SegmentLike,
  groupBy: GroupBy,
  value: string,
  min: number,
): Suppression | null {
  const whole = judgeSegment(cells, seg, min, groupBy);
  if (whole) return whole;
  if (groupBy === 'track') return judgeSegment(cells, { ...seg, track: value }, min, groupBy);
  // Grouping by the filtered dimension itself: the one group is the segment.
  if (seg[groupBy] !== undefined) return null;
  const r = withheldValues(cells, min).get(value);
  if (r) return suppression(r, min);
  let n = 0;
  for (const c of cells) if ((!seg.track || c.track === seg.track) && c.value === value) n += c.n;
  return n > 0 && n < min ? suppression('below_minimum', min) : null;
}
