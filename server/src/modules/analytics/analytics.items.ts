import { share, summarize } from '@dg/shared/domain/analytics-math';
import { normalizeAnswer, type Reading } from '@dg/shared/domain/maturity-answers';
import type { CrossBy, ItemStat, ItemStatistics, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Db } from '../../db/database';
import { cycleFramework } from './analytics.cycle';
import { derivedStat, loadedDerived } from './analytics.derived';
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

/**
 * Whether itemStat counts the respondent under `option` of its distribution (the drill-down of a
 * count): shown, answered, and holding that option. Numbers and matrices have no option counts.
 */
export function countedUnder(q: Question, r: Respondent, option: string): boolean {
  if (!r.visible.has(q.code)) return false;
  const reading = r.readings.get(q.code) ?? normalizeAnswer(q, r.answers[q.code]);
  if (!reading.present) return false;
  switch (q.type) {
    case 'single':
    case 'yes_no':
    case 'staged':
      return reading.scalar === option;
    case 'multiple':
      return (reading.codes ?? []).includes(option);
    case 'reason': {
      const a = r.raw.get(q.code);
      const v = (a?.value ?? {}) as { choice?: string };
      return (a?.coded_category ?? v.choice ?? '') === option;
    }
    default:
      return false;
  }
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

/**
 * What the explorer shows under a code: a question, or a derived indicator of the framework shown
 * like a single-choice question (its categories as options, its population as the denominator).
 */
export async function itemSubject(db: Db, cycleId: number, framework: Framework, code: string) {
  const derived = loadedDerived(framework, code);
  if (derived) {
    const { def } = derived;
    return {
      head: { questionCode: def.code, type: 'derived', text: def.label, populationLabel: def.populationLabel },
      tracks: def.tracks as readonly Track[],
      codes: derived.questions,
      stat: (g: readonly Respondent[]): ItemStat => derivedStat(derived, g),
      /** Whether the respondent is counted under `option` (the drill-down), exactly as derivedStat counts. */
      counts: (r: Respondent, option: string) => {
        const o = derived.evaluate(r);
        return o.inPopulation && o.category === option;
      },
    };
  }
  const q = questionOf(framework, code);
  const extra = await reasonLabels(db, cycleId, q);
  return {
    head: { questionCode: q.code, type: q.type, text: q.text },
    tracks: q.tracks,
    codes: [q.code],
    stat: (g: readonly Respondent[]): ItemStat => itemStat(q, g, extra),
    counts: (r: Respondent, option: string) => countedUnder(q, r, option),
  };
}

export async function itemStatistics(
  db: Db,
  cycle: repo.CycleRow,
  questionCode: string,
  seg: SegmentQuery,
  crossBy: CrossBy | undefined,
): Promise<ItemStatistics> {
  const framework = await cycleFramework(db, cycle);
  const subject = await itemSubject(db, cycle.id, framework, questionCode);
  const respondents = (await loadRespondents(db, cycle.id, framework, seg, subject.codes, crossBy)).filter((r) =>
    subject.tracks.includes(r.track as Track),
  );
  return {
    ...subject.head,
    cycleId: cycle.id,
    segment: seg,
    suppressed: null,
    respondents: weight(respondents),
    overall: subject.stat(respondents),
    crossBy: crossBy ?? null,
    segments: crossBy ? segmentGroups(respondents).map(([value, g]) => ({ value, stat: subject.stat(g) })) : null,
  };
}
