import type { Criterion, Framework, FrameworkInput, Option, Question } from '../schemas/framework';
import type { FrameworkChanges } from '../schemas/framework-authoring';
import { stableStringify } from './framework-validate';

/**
 * Next year's draft from this year's framework. Year-over-year comparison maps pillars through
 * `previousKey` and questions through their codes (analytics and reports compare a code with the
 * same code of the previous framework), so the copy keeps every code and points each pillar at itself.
 */
export function nextYearDraft(
  source: Framework,
  target: { code: string; year: number; title?: { th: string; en: string } },
): FrameworkInput {
  const copy = JSON.parse(JSON.stringify(source)) as Framework;
  const shift = (text: string) =>
    text
      .replaceAll(String(source.year + 543), String(target.year + 543))
      .replaceAll(String(source.year), String(target.year));
  return {
    ...copy,
    code: target.code,
    year: target.year,
    title: target.title ?? { th: shift(copy.title.th), en: shift(copy.title.en) },
    previousCode: source.code,
    pillars: copy.pillars.map(({ changedFromPrevious: _dropped, ...p }) => ({ ...p, previousKey: p.key })),
  };
}

const questionsOf = (f: Framework) =>
  new Map(
    f.pillars.flatMap((p) =>
      p.indicators.flatMap((i) => i.questions.map((q) => [q.code, { q, pillar: p.key }] as const)),
    ),
  );

const QUESTION_FIELDS = [
  'type',
  'text',
  'help',
  'required',
  'tracks',
  'showIf',
  'rows',
  'number',
  'allowNotApplicable',
  'evidence',
  'topics',
] as const;

function optionShape(options: Option[] | undefined) {
  return (options ?? []).map(({ maturity: _m, ...o }) => o);
}

/** Criteria a question evidences: its own criteria and its options' maturity, keyed stably. */
function criteriaOf(q: Question): Map<string, { label: { th: string; en: string }; body: unknown }> {
  const out = new Map<string, { label: { th: string; en: string }; body: unknown }>();
  for (const c of q.criteria ?? []) out.set(c.code, { label: c.label, body: c as Criterion });
  for (const o of q.options ?? []) {
    if (o.maturity) out.set(`${q.code}:${o.code}`, { label: o.label, body: o.maturity });
  }
  return out;
}

const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

/** What changed from the previous framework: questions by code, criteria by code, pillars by mapping. */
export function frameworkChanges(previous: Framework, next: Framework): FrameworkChanges {
  const before = questionsOf(previous);
  const after = questionsOf(next);
  const item = (code: string, pillar: string, text: { th: string; en: string }, fields: string[] = []) => ({
    code,
    pillar,
    text,
    fields,
  });
  const questions: FrameworkChanges['questions'] = { added: [], removed: [], changed: [] };
  const criteria: FrameworkChanges['criteria'] = { added: [], removed: [], changed: [] };
  for (const [code, { q, pillar }] of after) {
    const old = before.get(code);
    if (!old) {
      questions.added.push(item(code, pillar, q.text));
      for (const [cc, c] of criteriaOf(q)) criteria.added.push(item(cc, pillar, c.label));
      continue;
    }
    const fields: string[] = QUESTION_FIELDS.filter((f) => !same(q[f], old.q[f]));
    if (!same(optionShape(q.options), optionShape(old.q.options))) fields.push('options');
    if (old.pillar !== pillar) fields.push('pillar');
    if (fields.length > 0) questions.changed.push(item(code, pillar, q.text, fields));
    const oldCriteria = criteriaOf(old.q);
    for (const [cc, c] of criteriaOf(q)) {
      const prev = oldCriteria.get(cc);
      if (!prev) criteria.added.push(item(cc, pillar, c.label));
      else if (!same(prev.body, c.body)) {
        const a = c.body as Record<string, unknown>;
        const b = prev.body as Record<string, unknown>;
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k], b[k])).sort();
        criteria.changed.push(item(cc, pillar, c.label, keys));
      }
    }
    for (const [cc, c] of oldCriteria) if (!criteriaOf(q).has(cc)) criteria.removed.push(item(cc, old.pillar, c.label));
  }
  for (const [code, { q, pillar }] of before) {
    if (after.has(code)) continue;
    questions.removed.push(item(code, pillar, q.text));
    for (const [cc, c] of criteriaOf(q)) criteria.removed.push(item(cc, pillar, c.label));
  }
  const prevKeys = new Set(previous.pillars.map((p) => p.key));
  const pillars = next.pillars.map((p) => ({
    key: p.key,
    name: p.name,
    previousKey: p.previousKey ?? null,
    status:
      !p.previousKey || !prevKeys.has(p.previousKey)
        ? ('new' as const)
        : p.changedFromPrevious
          ? ('redefined' as const)
          : ('continued' as const),
  }));
  const mapped = new Set(next.pillars.map((p) => p.previousKey).filter(Boolean));
  return {
    previousCode: previous.code,
    code: next.code,
    pillars,
    droppedPillars: previous.pillars.filter((p) => !mapped.has(p.key)).map((p) => ({ key: p.key, name: p.name })),
    questions,
    criteria,
  };
}
