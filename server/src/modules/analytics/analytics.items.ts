import { type DerivedIndicator, derivedIndicatorByCode, share, summarize } from '@dg/shared/domain/analytics-math';
import { buildQuestionIndex } from '@dg/shared/domain/conditions';
import { DomainError } from '@dg/shared/domain/errors';
import { normalizeAnswer, type Reading } from '@dg/shared/domain/maturity-answers';
import type {
  CrossBy,
  IndicatorStatistics,
  ItemStat,
  ItemStatistics,
  SegmentQuery,
} from '@dg/shared/schemas/analytics';
import type { Question, Track } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Db } from '../../db/database';
import { cycleFramework } from './analytics.cycle';
import * as repo from './analytics.repository';
import { loadRespondents, questionOf, type Respondent, segmentGroups, weight } from './analytics.respondents';

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
