import { isDeepStrictEqual } from 'node:util';
import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import { DomainError } from '@dg/shared/domain/errors';
import type { Question } from '@dg/shared/schemas/framework';
import type { SaveAnswer } from '@dg/shared/schemas/questionnaire';

/** The value and "not applicable" to store for a save, or the validation error both save paths give. */
export function checkedSave(question: Question, body: SaveAnswer) {
  const notApplicable = body.notApplicable ?? null;
  if (notApplicable && !question.allowNotApplicable) {
    throw new DomainError('VALIDATION_FAILED', 'This question cannot be answered "not applicable"', [
      {
        path: 'body.notApplicable',
        message: 'This question cannot be answered "not applicable"',
        messages: {
          th: 'คำถามนี้ไม่สามารถตอบว่า "ไม่เกี่ยวข้อง" ได้',
          en: 'This question cannot be answered "not applicable"',
        },
      },
    ]);
  }
  // "Not applicable" replaces the value: the engine reads one or the other, never both.
  const value = notApplicable ? null : body.value;
  const check = validateAnswerValue(question, value);
  if (!check.ok) {
    throw new DomainError('VALIDATION_FAILED', `Invalid answer: ${check.message.en}`, [
      { path: 'body.value', message: check.message.en, messages: check.message },
    ]);
  }
  return { value, notApplicable };
}

/**
 * Whether a save whose idempotency key is already recorded is the same request again (a retry:
 * replayed) rather than the key reused for a different one (refused, as payment APIs do). The
 * stored revision fixes the base revision the first request was made on (a save writes base + 1).
 * Undefined `stored` (its record is gone) cannot be told apart: treated as the retry it most
 * likely is.
 */
export function isSameSave(
  body: SaveAnswer,
  replayRevision: number,
  stored: { value: unknown; notApplicable: unknown } | undefined,
): boolean {
  if (replayRevision !== body.baseRevision + 1) return false;
  if (!stored) return true;
  const notApplicable = body.notApplicable ?? null;
  const value = notApplicable ? null : (body.value ?? null);
  return isDeepStrictEqual(value, stored.value) && isDeepStrictEqual(notApplicable, stored.notApplicable);
}
