import type { Framework } from '../schemas/framework';
import {
  type AddIssue,
  describeQuestion,
  describeQuestionTh,
  type FrameworkPath,
  formatPath,
  type QuestionEntry,
} from './framework-issue';
import { checkCutPoints } from './framework-validate-scoring';

/** What the later rules look things up in: pillars by key, questions by code and in document order. */
export interface FrameworkIndex {
  pillarKeys: Map<string, number>;
  questions: Map<string, QuestionEntry>;
  ordered: QuestionEntry[];
}

/**
 * The document's structure: levels 1..5 in order; pillar keys and numbers, indicator codes and
 * question codes unique; an indicator's code under its pillar's key. Returns the index of it all.
 */
export function indexFramework(fw: Framework, add: AddIssue): FrameworkIndex {
  // Levels 1..5 in order: every level name in the UI and reports is looked up by position.
  fw.levels.forEach((l, i) => {
    if (l.level !== i + 1) {
      add(
        ['levels', i, 'level'],
        'levels_order',
        `levels[${i}] is level ${l.level} but must be level ${i + 1}: the levels array must list 1..5 in order.`,
        `levels[${i}] เป็นระดับ ${l.level} แต่ต้องเป็นระดับ ${i + 1}: อาร์เรย์ levels ต้องเรียงระดับ 1..5 ตามลำดับ`,
      );
    }
  });

  const pillarKeys = new Map<string, number>();
  const pillarNumbers = new Map<number, number>();
  const indicatorCodes = new Map<string, string>();
  const questions = new Map<string, QuestionEntry>();
  const ordered: QuestionEntry[] = [];

  fw.pillars.forEach((pillar, pi) => {
    const pPath: FrameworkPath = ['pillars', pi];
    const seenKey = pillarKeys.get(pillar.key);
    if (seenKey !== undefined) {
      add(
        [...pPath, 'key'],
        'duplicate_pillar_key',
        `Pillar key ${pillar.key} is already used by pillars[${seenKey}]; pillar keys must be unique.`,
        `คีย์ตัวชี้วัด ${pillar.key} ถูกใช้แล้วที่ pillars[${seenKey}] คีย์ตัวชี้วัดต้องไม่ซ้ำกัน`,
      );
    } else pillarKeys.set(pillar.key, pi);
    const seenNumber = pillarNumbers.get(pillar.number);
    if (seenNumber !== undefined) {
      add(
        [...pPath, 'number'],
        'duplicate_pillar_number',
        `Pillar number ${pillar.number} is already used by pillars[${seenNumber}]; pillar numbers must be unique.`,
        `หมายเลขตัวชี้วัด ${pillar.number} ถูกใช้แล้วที่ pillars[${seenNumber}] หมายเลขตัวชี้วัดต้องไม่ซ้ำกัน`,
      );
    } else pillarNumbers.set(pillar.number, pi);

    checkCutPoints(pillar, pPath, add);

    pillar.indicators.forEach((indicator, ii) => {
      const iPath: FrameworkPath = [...pPath, 'indicators', ii];
      const seenIndicator = indicatorCodes.get(indicator.code);
      if (seenIndicator !== undefined) {
        add(
          [...iPath, 'code'],
          'duplicate_indicator_code',
          `Indicator code ${indicator.code} is already used at ${seenIndicator}; indicator codes must be unique.`,
          `รหัสตัวชี้วัดย่อย ${indicator.code} ถูกใช้แล้วที่ ${seenIndicator} รหัสตัวชี้วัดย่อยต้องไม่ซ้ำกัน`,
        );
      } else indicatorCodes.set(indicator.code, formatPath(iPath));
      // Only plain keys (P1, P12) can be checked; lettered keys (P6a) have no indicator prefix of their own.
      if (/^P[0-9]+$/.test(pillar.key) && !indicator.code.startsWith(`${pillar.key}.`)) {
        add(
          [...iPath, 'code'],
          'indicator_pillar_mismatch',
          `Indicator ${indicator.code} sits in pillar ${pillar.key}; its code must start with "${pillar.key}.".`,
          `ตัวชี้วัดย่อย ${indicator.code} อยู่ในตัวชี้วัด ${pillar.key} รหัสจึงต้องขึ้นต้นด้วย "${pillar.key}."`,
        );
      }
      indicator.questions.forEach((question, qi) => {
        const entry: QuestionEntry = { question, path: [...iPath, 'questions', qi], index: ordered.length };
        ordered.push(entry);
        const seen = questions.get(question.code);
        if (seen !== undefined) {
          add(
            [...entry.path, 'code'],
            'duplicate_question_code',
            `Question code ${question.code} is already used by ${describeQuestion(seen)}; question codes must be unique across the whole framework.`,
            `รหัสคำถาม ${question.code} ถูกใช้แล้วโดย${describeQuestionTh(seen)} รหัสคำถามต้องไม่ซ้ำกันทั้งกรอบการประเมิน`,
          );
        } else questions.set(question.code, entry);
      });
    });
  });
  return { pillarKeys, questions, ordered };
}
