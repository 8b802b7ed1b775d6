import type { LocalizedText } from '../schemas/i18n';

/**
 * Pure arithmetic for national analytics: shares computed from counts, numeric summaries and the
 * sentences of the published findings. No Node imports: the client renders the same figures.
 */

export interface Share {
  numerator: number;
  denominator: number;
  /** Percent with 2 decimals, rounded half up from the exact fraction; null when the denominator is 0. */
  percent: number | null;
}

/**
 * numerator / denominator as a percent with 2 decimals, rounded half up, computed with integer
 * arithmetic so that a binary float never decides a tie: hundredths = floor((n * 10000 * 2 + d) / (2d)).
 * 197/292 -> 67.47, 1/209 -> 0.48, 94/209 -> 44.98, 83/292 -> 28.42.
 */
export function share(numerator: number, denominator: number): Share {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`share() needs non-negative integer counts, got ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { numerator, denominator, percent: null };
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  // Half up on the exact rational: floor(n*10000/d + 1/2) = floor((2*n*10000 + d) / (2d)).
  const hundredths = (2n * n * 10000n + d) / (2n * d);
  return { numerator, denominator, percent: Number(hundredths) / 100 };
}

/** Formats a percent the way the findings print it: always two decimals ("100.00", "0.48"). */
export function formatPercent(p: number | null): string {
  return p === null ? '–' : p.toFixed(2);
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Quantile by linear interpolation between order statistics ("type 7": R's default, Excel's
 * QUARTILE.INC, numpy's default): h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * `sorted` must be ascending.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (p <= 0) return sorted[0] as number;
  if (p >= 1) return sorted[n - 1] as number;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (h - lo) * (b - a);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function median(values: readonly number[]): number | null {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** n, mean, median, quartiles (type 7, see quantileSorted), min and max; unrounded. */
export function summarize(values: readonly number[]): NumericSummary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    mean: mean(sorted),
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: n ? (sorted[0] as number) : null,
    max: n ? (sorted[n - 1] as number) : null,
  };
}

/** Counts per level 1..5 into shares over `denominator` (which may include not-assessed agencies). */
export function levelShares(counts: readonly number[], denominator: number): Share[] {
  return [1, 2, 3, 4, 5].map((l) => share(counts[l - 1] ?? 0, denominator));
}

/** Agencies at `atLeast` or above: one count over the denominator, never a sum of rounded parts. */
export function atLeastShare(counts: readonly number[], atLeast: number, denominator: number): Share {
  let n = 0;
  for (let l = atLeast; l <= 5; l++) n += counts[l - 1] ?? 0;
  return share(n, denominator);
}

export interface RankedPillar {
  key: string;
  number: number;
  share: Share;
}

/**
 * The pillars with the largest and the smallest share; ties go to the lower pillar number, so the
 * sentence is stable. Pillars with no denominator are ignored.
 */
export function extremes(pillars: readonly RankedPillar[]): {
  largest: RankedPillar | null;
  smallest: RankedPillar | null;
} {
  const ranked = pillars.filter((p) => p.share.denominator > 0);
  if (ranked.length === 0) return { largest: null, smallest: null };
  // Compare exact fractions by cross-multiplication (BigInt: counts may be large).
  const cmp = (a: RankedPillar, b: RankedPillar) => {
    const l = BigInt(a.share.numerator) * BigInt(b.share.denominator);
    const r = BigInt(b.share.numerator) * BigInt(a.share.denominator);
    return l === r ? 0 : l < r ? -1 : 1;
  };
  let largest = ranked[0] as RankedPillar;
  let smallest = largest;
  for (const p of ranked.slice(1)) {
    const cl = cmp(p, largest);
    if (cl > 0 || (cl === 0 && p.number < largest.number)) largest = p;
    const cs = cmp(p, smallest);
    if (cs < 0 || (cs === 0 && p.number < smallest.number)) smallest = p;
  }
  return { largest, smallest };
}

/** Thai names of levels 1..5 as the findings write them ("ตั้งแต่ระดับขั้นกลางขึ้นไป"). */
export const LEVEL_STAGE_TH = ['ระดับขั้นริเริ่ม', 'ระดับขั้นต้น', 'ระดับขั้นกลาง', 'ระดับขั้นสูง', 'ระดับขั้นสูงสุด'] as const;
export const LEVEL_STAGE_EN = ['Initial', 'Developing', 'Defined', 'Integrated', 'Optimizing'] as const;

export interface PillarSentenceInput {
  number: number;
  name: LocalizedText;
  share: Share;
  /** The level the share is "at or above". */
  atLeast: number;
}

function levelTh(level: number): string {
  return LEVEL_STAGE_TH[level - 1] ?? `ระดับ ${level}`;
}
function levelEn(level: number): string {
  return `level ${level} (${LEVEL_STAGE_EN[level - 1] ?? level})`;
}
/** "ด้าน" + the pillar's name, unless the name already begins with it (the 2565 and 2566 names do). */
function pillarTh(raw: string): string {
  const name = raw.trim();
  return name.startsWith('ด้าน') ? name : `ด้าน${name}`;
}
function atLeastTh(level: number): string {
  return level >= 5 ? levelTh(5) : `ตั้งแต่${levelTh(level)}ขึ้นไป`;
}
function atLeastEn(level: number): string {
  return level >= 5 ? levelEn(5) : `${levelEn(level)} or above`;
}

/** "ตัวชี้วัดที่ 1 ด้าน... โดดเด่นมากที่สุด มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปร้อยละ 67.47". */
export function standoutSentence(p: PillarSentenceInput): LocalizedText {
  const pct = formatPercent(p.share.percent);
  return {
    th: `ตัวชี้วัดที่ ${p.number} ${pillarTh(p.name.th)} โดดเด่นมากที่สุด มีสัดส่วนความพร้อม${atLeastTh(p.atLeast)}ร้อยละ ${pct}`,
    en: `Pillar ${p.number} (${p.name.en}) stands out most: ${pct}% at ${atLeastEn(p.atLeast)}`,
  };
}

/** The weakest pillar: "... โดดเด่นน้อยที่สุด มีสัดส่วนความพร้อมตั้งแต่ระดับขั้นกลางขึ้นไปน้อยที่สุด ร้อยละ 33.22". */
export function weakestSentence(p: PillarSentenceInput): LocalizedText {
  const pct = formatPercent(p.share.percent);
  return {
    th: `ตัวชี้วัดที่ ${p.number} ${pillarTh(p.name.th)} โดดเด่นน้อยที่สุด มีสัดส่วนความพร้อม${atLeastTh(p.atLeast)}น้อยที่สุด ร้อยละ ${pct}`,
    en: `Pillar ${p.number} (${p.name.en}) stands out least: the smallest share at ${atLeastEn(p.atLeast)}, ${pct}%`,
  };
}

/** "ในภาพรวม มีระดับความพร้อมฯ ส่วนใหญ่อยู่ที่ระดับขั้นกลาง ร้อยละ 46.36". */
export function modalLevelSentence(level: number, s: Share, segment?: LocalizedText): LocalizedText {
  const pct = formatPercent(s.percent);
  return {
    th: `${segment ? `${segment.th} ` : ''}ในภาพรวม มีระดับความพร้อมฯ ส่วนใหญ่อยู่ที่${levelTh(level)} ร้อยละ ${pct}`,
    en: `${segment ? `${segment.en}: ` : 'Overall, '}most agencies are at ${levelEn(level)}, ${pct}%`,
  };
}

/** "ระดับขั้นริเริ่ม ร้อยละ 2.63 ระดับขั้นต้น ร้อยละ 72.37 ..." listing the non-zero levels. */
export function distributionSentence(shares: readonly Share[]): LocalizedText {
  const parts = shares
    .map((s, i) => ({ s, level: i + 1 }))
    .filter(({ s }) => s.numerator > 0)
    .map(({ s, level }) => ({
      th: `${levelTh(level)} ร้อยละ ${formatPercent(s.percent)}`,
      en: `${levelEn(level)} ${formatPercent(s.percent)}%`,
    }));
  const missing = shares.map((s, i) => ({ s, level: i + 1 })).filter(({ s }) => s.numerator === 0);
  const th = parts.map((p) => p.th).join(' ');
  const en = parts.map((p) => p.en).join(', ');
  const noneTh = missing.length ? ` โดยไม่มีหน่วยงานที่มีความพร้อมใน${missing.map((m) => levelTh(m.level)).join(' และ')}` : '';
  const noneEn = missing.length ? `; none at ${missing.map((m) => `level ${m.level}`).join(', ')}` : '';
  return {
    th: `มีสัดส่วนหน่วยงานที่มีความพร้อมฯ ใน${th}${noneTh}`,
    en: `Share of agencies by level: ${en}${noneEn}`,
  };
}
