import { optionCriterionLabel } from '@dg/shared/domain/criterion-label';
import type { PillarCriteria } from '@dg/shared/schemas/criteria-report';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { Result } from '@dg/shared/schemas/result';
import { formatAnswer } from './format-answer';

export interface AnswerRow {
  question_code: string;
  value: unknown;
  not_applicable: unknown;
}

interface Place {
  indicator: number;
  question: Question;
  /** Criterion id -> its name, from the framework (not the stored result, which may predate the name). */
  labels: Map<string, LocalizedText>;
}

function placesOf(framework: Framework) {
  const byPillar = new Map<
    string,
    { indicators: { code: string; name: LocalizedText }[]; questions: Map<string, Place> }
  >();
  for (const p of framework.pillars) {
    const questions = new Map<string, Place>();
    const indicators = p.indicators.map((ind, i) => {
      for (const q of ind.questions) {
        const labels = new Map<string, LocalizedText>();
        for (const o of q.options ?? []) if (o.maturity) labels.set(`${q.code}.${o.code}`, optionCriterionLabel(q, o));
        for (const c of q.criteria ?? []) labels.set(c.code, c.label);
        questions.set(q.code, { indicator: i, question: q, labels });
      }
      return { code: ind.code, name: ind.name };
    });
    byPillar.set(p.key, { indicators, questions });
  }
  return byPillar;
}

/**
 * The result's criteria grouped by pillar and indicator, in the framework's indicator order and the
 * engine's order within (level, then document order). One function for the screen, PDF and XLSX.
 */
export function criteriaByIndicator(
  framework: Framework,
  result: Result,
  answers: readonly AnswerRow[],
): PillarCriteria[] {
  const places = placesOf(framework);
  const answerOf = new Map(answers.map((a) => [a.question_code, a]));
  return result.pillars.map((p) => {
    // Criteria of a pillar can read questions of another pillar's indicators: look them up everywhere.
    const own = places.get(p.key);
    const indicators = (own?.indicators ?? []).map((ind) => ({
      ...ind,
      criteria: [] as PillarCriteria['indicators'][number]['criteria'],
    }));
    const elsewhere: PillarCriteria['indicators'][number] = {
      code: '',
      name: { th: 'เกณฑ์จากคำถามของตัวชี้วัดอื่น', en: 'Criteria read from other pillars' },
      criteria: [],
    };
    const next = new Set(p.nextLevel?.actions.map((a) => a.criterionId) ?? []);
    for (const c of p.criteria) {
      let place = own?.questions.get(c.questionCode);
      let group = place ? indicators[place.indicator] : undefined;
      if (!place) {
        for (const other of places.values()) place ??= other.questions.get(c.questionCode);
        group = elsewhere;
      }
      const a = answerOf.get(c.questionCode);
      const answered = a && (a.not_applicable || (a.value !== null && a.value !== undefined));
      group?.criteria.push({
        id: c.id,
        questionCode: c.questionCode,
        level: c.level,
        required: c.required,
        weight: c.weight,
        state: c.state,
        hidden: c.hidden,
        label: place?.labels.get(c.id) ?? c.label,
        question: place?.question.text ?? { th: c.questionCode, en: c.questionCode },
        answer: answered && !c.hidden ? formatAnswer(place?.question, a.value, a.not_applicable) : null,
        action: c.action,
        inNextLevel: next.has(c.id),
      });
    }
    return {
      key: p.key,
      number: p.number,
      name: p.name,
      indicators: [...indicators, elsewhere].filter((i) => i.criteria.length > 0),
    };
  });
}
