import {
  atLeastShare,
  type DerivedIndicator,
  derivedIndicatorByCode,
  distributionSentence,
  extremes,
  modalLevelSentence,
  type RankedPillar,
  share,
  standoutSentence,
  summarize,
  weakestSentence,
} from '@dg/shared/domain/analytics-math';
import { buildQuestionIndex, cachedPlan, type QuestionPlan, TRUE } from '@dg/shared/domain/conditions';
import { DomainError } from '@dg/shared/domain/errors';
import { normalizeAnswer, type Reading } from '@dg/shared/domain/maturity-answers';
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
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Condition, Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Basis } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { frameworkByHash } from '../responses/framework-cache';
import * as repo from './analytics.repository';

export const ORG_TYPE_LABELS: Record<string, LocalizedText> = {
  government_agency: { th: 'ส่วนราชการ', en: 'Government agency' },
  state_enterprise: { th: 'รัฐวิสาหกิจ', en: 'State enterprise' },
  public_organization: { th: 'องค์การมหาชน', en: 'Public organization' },
  independent_organization: { th: 'องค์กรอิสระ', en: 'Independent organization' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
export const ROLE_LABELS: Record<string, LocalizedText> = {
  policy: { th: 'จัดทำนโยบาย กำกับดูแล หรือประสานงานเป็นหลัก', en: 'Policy, regulation or coordination' },
  service: { th: 'ให้บริการเป็นหลัก', en: 'Service provision' },
};
export const TRACK_LABELS: Record<string, LocalizedText> = {
  department: { th: 'หน่วยงานระดับกรมหรือเทียบเท่า', en: 'Department level' },
  province: { th: 'หน่วยงานระดับจังหวัด', en: 'Province level' },
};

const STAFF = new Set(['analyst', 'admin']);

/**
 * The cycle, if the principal may read its national aggregates: DGA staff always; agency users
 * only once the cycle is published (a draft cycle does not exist for them).
 */
export async function readableCycle(db: Db, principal: Principal, cycleId: number): Promise<repo.CycleRow> {
  const cycle = await repo.findCycle(db, cycleId);
  if (!cycle || (cycle.status === 'draft' && !STAFF.has(principal.role))) {
    throw new DomainError('NOT_FOUND', `Cycle ${cycleId} not found`);
  }
  if (!STAFF.has(principal.role) && cycle.status !== 'published') {
    throw new DomainError('FORBIDDEN', 'National results are visible to agencies once the cycle is published');
  }
  return cycle;
}

export const cycleFramework = (db: Db, cycle: { framework_id: number; framework_hash: string }) =>
  frameworkByHash(db, cycle.framework_id, cycle.framework_hash);

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

// ---------------------------------------------------------------- item statistics

export const SEGMENT_COLUMN: Record<CrossBy, repo.SegmentColumn> = {
  orgType: 'org_type',
  role: 'role',
  ministry: 'ministry_code',
  region: 'region',
  track: 'track',
};

export function questionOf(framework: Framework, code: string): Question {
  const q = buildQuestionIndex(framework).get(code);
  if (!q) throw new DomainError('NOT_FOUND', `Question ${code} is not in the cycle's framework`);
  return q;
}

function conditionCodes(c: Condition, out: Set<string>) {
  if ('all' in c) for (const x of c.all) conditionCodes(x, out);
  else if ('any' in c) for (const x of c.any) conditionCodes(x, out);
  else if ('not' in c) conditionCodes(c.not, out);
  else out.add(c.question);
}

/** The codes and everything their display conditions read, transitively. */
function withDependencies(framework: Framework, codes: readonly string[]): string[] {
  const index = buildQuestionIndex(framework);
  const out = new Set<string>();
  const stack = [...codes];
  while (stack.length) {
    const code = stack.pop() as string;
    if (out.has(code)) continue;
    out.add(code);
    const q = index.get(code);
    if (q?.showIf) {
      const deps = new Set<string>();
      conditionCodes(q.showIf, deps);
      stack.push(...deps);
    }
  }
  return [...out];
}

/** Respondents alike in everything read here (a profile), `n` of them: counts are weighted by `n`. */
export interface Respondent {
  track: string;
  /** The cross-by column's value, when there is a cross-by. */
  segment: string | null;
  n: number;
  /** Answers to the loaded codes, as the engine reads them. */
  answers: AnswerMap;
  raw: Map<string, repo.StoredAnswer>;
  /** Which of the loaded codes the respondent was shown (nothing outside them is ever asked). */
  visible: ReadonlySet<string>;
  /** The engine's reading of each loaded code of the respondent's track, read once for visibility. */
  readings: ReadonlyMap<string, Reading>;
}

/**
 * The engine's own visibility (the compiled showIf of visibleQuestions), evaluated only for the
 * loaded codes: they are closed under what their conditions read, so no other question can change
 * the outcome, and 8,000 respondents need not each evaluate the whole framework.
 */
function visibilityOf(plan: QuestionPlan, codes: readonly string[]) {
  const wanted = new Set(codes.map((c) => plan.indexOf.get(c)).filter((i): i is number => i !== undefined));
  const order = plan.order.filter((i) => wanted.has(i));
  // Reused across respondents: every wanted slot is written before a condition reads it.
  const readings = new Array<Reading>(plan.questions.length);
  const visible = new Uint8Array(plan.questions.length);
  return (answers: AnswerMap) => {
    const read = new Map<string, Reading>();
    for (const i of order) {
      const q = plan.questions[i] as Question;
      const reading = normalizeAnswer(q, Object.hasOwn(answers, q.code) ? answers[q.code] : undefined);
      readings[i] = reading;
      read.set(q.code, reading);
    }
    const shown = new Set<string>();
    for (const i of order) {
      const cond = plan.showIf[i];
      visible[i] = cond == null || cond(readings, visible) === TRUE ? 1 : 0;
      if (visible[i] === 1) shown.add((plan.questions[i] as Question).code);
    }
    return { visible: shown, readings: read };
  };
}

/**
 * Submitted respondents of the segment with the answers to `codes` (and what their display
 * conditions read), and which of those questions each was shown, folded into profiles (see
 * repo.respondentProfiles). Visibility is the engine's own (its compiled showIf) over the loaded
 * answers: a condition only reads loaded codes.
 */
export async function loadRespondents(
  db: Db,
  cycleId: number,
  framework: Framework,
  seg: SegmentQuery,
  codes: readonly string[],
  crossBy: CrossBy | undefined,
) {
  const all = withDependencies(framework, codes);
  const profiles = await repo.respondentProfiles(db, cycleId, seg, all, crossBy ? SEGMENT_COLUMN[crossBy] : undefined);
  const visibility = new Map<Track, ReturnType<typeof visibilityOf>>();
  const visibleOf = (track: Track) => {
    let f = visibility.get(track);
    if (!f) {
      f = visibilityOf(cachedPlan(framework, track), all);
      visibility.set(track, f);
    }
    return f;
  };
  return profiles.map((p): Respondent => {
    const raw = new Map<string, repo.StoredAnswer>();
    const map: AnswerMap = {};
    p.answers.forEach((a, i) => {
      if (!a) return;
      const code = all[i] as string;
      raw.set(code, a);
      map[code] = {
        value: (a.value ?? null) as never,
        ...(a.not_applicable ? { notApplicable: a.not_applicable } : {}),
        verification: a.verification,
      };
    });
    return { track: p.track, segment: p.segment, n: p.n, answers: map, raw, ...visibleOf(p.track as Track)(map) };
  });
}

export const weight = (group: readonly Respondent[]) => group.reduce((sum, r) => sum + r.n, 0);

function optionLabel(q: Question, code: string, extra: Map<string, LocalizedText>): LocalizedText {
  const o = q.options?.find((x) => x.code === code);
  if (o) return o.label;
  if (code === 'yes') return { th: 'ใช่', en: 'Yes' };
  if (code === 'no') return { th: 'ไม่ใช่', en: 'No' };
  return extra.get(code) ?? { th: code, en: code };
}

export function itemStat(q: Question, group: readonly Respondent[], extraLabels: Map<string, LocalizedText>): ItemStat {
  const shownTo = group.filter((r) => r.visible.has(q.code));
  // Each answer read once (the reading visibility already made), as the engine reads it.
  const answered: { r: Respondent; reading: Reading }[] = [];
  for (const r of shownTo) {
    const reading = r.readings.get(q.code) ?? normalizeAnswer(q, r.answers[q.code]);
    if (reading.present) answered.push({ r, reading });
  }
  const population = weight(answered.map(({ r }) => r));
  const stat: ItemStat = { suppressed: null, population, shown: weight(shownTo) };
  const optionStats = (counts: Map<string, number>, order: readonly string[], sortByCount: boolean) => {
    const codes = [...order, ...[...counts.keys()].filter((k) => !order.includes(k))];
    const list = codes.map((code) => {
      const count = counts.get(code) ?? 0;
      return { code, label: optionLabel(q, code, extraLabels), count, share: share(count, population) };
    });
    if (sortByCount) list.sort((a, b) => b.count - a.count || codes.indexOf(a.code) - codes.indexOf(b.code));
    return list;
  };
  const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const optionOrder = q.options?.map((o) => o.code) ?? (q.type === 'yes_no' ? ['yes', 'no'] : []);
  switch (q.type) {
    case 'single':
    case 'yes_no':
    case 'staged': {
      const counts = new Map<string, number>();
      for (const { r, reading } of answered) bump(counts, reading.scalar as string, r.n);
      stat.options = optionStats(counts, optionOrder, false);
      if (q.type === 'staged') {
        let cum = 0;
        const atLeast = [...optionOrder].reverse().map((code) => {
          cum += counts.get(code) ?? 0;
          return { code, label: optionLabel(q, code, extraLabels), count: cum, share: share(cum, population) };
        });
        stat.atLeastStage = atLeast.reverse();
      }
      break;
    }
    case 'reason': {
      const counts = new Map<string, number>();
      const texts = new Map<string, { text: string; codedCategory: string | null; count: number }>();
      for (const { r } of answered) {
        const a = r.raw.get(q.code);
        const v = (a?.value ?? {}) as { choice?: string; other?: string };
        // An analyst's coding is the category; the original text is kept beside it.
        const category = a?.coded_category ?? v.choice ?? '';
        bump(counts, category, r.n);
        if (v.other) {
          const key = `${v.other}\u0000${a?.coded_category ?? ''}`;
          const t = texts.get(key) ?? { text: v.other, codedCategory: a?.coded_category ?? null, count: 0 };
          t.count += r.n;
          texts.set(key, t);
        }
      }
      stat.options = optionStats(counts, optionOrder, true).filter((o) => o.count > 0);
      stat.otherTexts = [...texts.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
      break;
    }
    case 'multiple': {
      const counts = new Map<string, number>();
      for (const { r, reading } of answered) for (const c of reading.codes ?? []) bump(counts, c, r.n);
      stat.options = optionStats(counts, optionOrder, false);
      break;
    }
    case 'number':
    case 'percentage':
      stat.summary = summarize(
        answered.flatMap(({ r, reading }) => new Array<number>(r.n).fill(reading.num as number)),
      );
      break;
    case 'matrix':
      stat.rows = (q.rows ?? []).map((row) => {
        const counts = new Map<string, number>();
        for (const { r, reading } of answered) {
          const v = reading.rows?.[row.code];
          if (v !== undefined) bump(counts, v, r.n);
        }
        return { code: row.code, label: row.label, options: optionStats(counts, optionOrder, false) };
      });
      break;
    default:
      break;
  }
  return stat;
}

/** Groups by the cross-by column, which loadRespondents read for the same `crossBy`. */
function segmentGroups(respondents: readonly Respondent[]) {
  const groups = new Map<string, Respondent[]>();
  for (const r of respondents) {
    const k = r.segment ?? '(none)';
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Labels of the analysts' coding categories of a reason question (empty for other questions). */
export async function reasonLabels(db: Db, cycleId: number, q: Question) {
  const extra = new Map<string, LocalizedText>();
  if (q.type === 'reason') {
    for (const c of await repo.reasonCategories(db, cycleId, q.code))
      extra.set(c.code, { th: c.label_th, en: c.label_en });
  }
  return extra;
}

export async function itemStatistics(
  db: Db,
  cycle: repo.CycleRow,
  questionCode: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<ItemStatistics> {
  const framework = await cycleFramework(db, cycle);
  const q = questionOf(framework, questionCode);
  const respondents = (await loadRespondents(db, cycle.id, framework, seg, [q.code], crossBy)).filter((r) =>
    q.tracks.includes(r.track as Track),
  );
  const extra = await reasonLabels(db, cycle.id, q);
  return {
    cycleId: cycle.id,
    questionCode: q.code,
    type: q.type,
    text: q.text,
    segment: seg,
    suppressed: null,
    respondents: weight(respondents),
    overall: itemStat(q, respondents, extra),
    crossBy: crossBy ?? null,
    segments: crossBy ? segmentGroups(respondents).map(([value, g]) => ({ value, stat: itemStat(q, g, extra) })) : null,
  };
}

/** A derived indicator over a group: those in its own population, and those meeting it. */
export function indicatorTally(ind: DerivedIndicator, group: readonly Respondent[]) {
  let n = 0;
  let d = 0;
  for (const r of group) {
    // Only answers the respondent was shown count; a hidden leftover value is not an answer.
    const values: Record<string, unknown> = {};
    for (const [c, a] of r.raw) if (r.visible.has(c)) values[c] = a.value;
    if (!ind.inPopulation(values)) continue;
    d += r.n;
    if (ind.meets(values)) n += r.n;
  }
  return share(n, d);
}

/** The indicator and the framework's questions it reads (404 when it or one of them is missing). */
export async function indicatorOf(db: Db, cycle: repo.CycleRow, code: string) {
  const ind = derivedIndicatorByCode(code);
  if (!ind) throw new DomainError('NOT_FOUND', `Indicator ${code} is not defined`);
  const framework = await cycleFramework(db, cycle);
  const index = buildQuestionIndex(framework);
  const missing = ind.questions.filter((c) => !index.has(c));
  if (missing.length)
    throw new DomainError('NOT_FOUND', `Indicator ${code} reads questions this framework lacks: ${missing.join(', ')}`);
  return { ind, framework };
}

export async function indicatorStatistics(
  db: Db,
  cycle: repo.CycleRow,
  code: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<IndicatorStatistics> {
  const { ind, framework } = await indicatorOf(db, cycle, code);
  const respondents = (await loadRespondents(db, cycle.id, framework, seg, ind.questions, crossBy)).filter((r) =>
    ind.tracks.includes(r.track as Track),
  );
  const tally = (group: readonly Respondent[]) => indicatorTally(ind, group);
  return {
    cycleId: cycle.id,
    code: ind.code,
    label: ind.label,
    populationLabel: ind.populationLabel,
    segment: seg,
    suppressed: null,
    share: tally(respondents),
    crossBy: crossBy ?? null,
    segments: crossBy
      ? segmentGroups(respondents).map(([value, g]) => ({ value, suppressed: null, share: tally(g) }))
      : null,
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
