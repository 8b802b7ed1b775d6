import type { AnswerMap } from '../schemas/answer';
import type { MissingItem } from '../schemas/questionnaire';
import { validateAnswerValue } from './answer-validate';
import type { CompiledFramework } from './criteria';
import { criterionStates, prepareAnswers } from './maturity-engine';

export const MISSING_MESSAGES = {
  required: { th: 'ยังไม่ได้ตอบคำถามนี้', en: 'This question has not been answered' },
  justification: {
    th: 'ระบุว่า "ไม่เกี่ยวข้อง" ได้เฉพาะคำถามที่อนุญาต และต้องให้เหตุผลอย่างน้อย 5 ตัวอักษร',
    en: '"Not applicable" needs a justification of at least 5 characters and is allowed only where the question permits it',
  },
  evidence: {
    th: 'คำตอบนี้ต้องแนบหลักฐาน (ไฟล์หรือลิงก์)',
    en: 'This answer requires evidence (a file or a link)',
  },
};

/**
 * What still stops submission: visible required questions, invalid values, missing evidence.
 * The server refuses a submission with these; the browser runs the same check to say, before
 * anything is confirmed, how many remain and which.
 */
export function missingItems(
  compiled: CompiledFramework,
  pillarKeyOf: (questionCode: string) => string,
  answers: AnswerMap,
  evidenceCodes: ReadonlySet<string>,
): MissingItem[] {
  const MSG = MISSING_MESSAGES;
  const prepared = prepareAnswers(compiled, answers);
  const states = criterionStates(compiled, prepared, 'self');
  const claims = new Set<string>();
  compiled.criteria.forEach((c, i) => {
    if (states[i] === 'met') claims.add(c.questionCode);
  });
  const out: MissingItem[] = [];
  compiled.plan.questions.forEach((q, qi) => {
    if (prepared.visible[qi] !== 1) return;
    const pillarKey = pillarKeyOf(q.code);
    const a = Object.hasOwn(answers, q.code) ? answers[q.code] : undefined;
    const reading = prepared.readings[qi];
    const item = (reason: MissingItem['reason'], message: MissingItem['message']) =>
      out.push({ questionCode: q.code, pillarKey, reason, message });
    if (a?.notApplicable) {
      const j = a.notApplicable.justification?.trim() ?? '';
      if (!q.allowNotApplicable || j.length < 5) item('justification', MSG.justification);
      return;
    }
    if (a && a.value !== null && a.value !== undefined) {
      const check = validateAnswerValue(q, a.value);
      if (!check.ok) {
        item('invalid', check.message);
        return;
      }
    }
    if (q.required !== false && !reading?.present) {
      item('required', MSG.required);
      return;
    }
    if (q.evidence === 'required' && claims.has(q.code) && !evidenceCodes.has(q.code)) {
      item('evidence', MSG.evidence);
    }
  });
  return out;
}
