import type { Db } from '../../db/database';

/** Coding of free-text reason answers: the cycle's categories and the answers coded with them. */
export const listCategories = (db: Db, cycleId: number, questionCodes: readonly string[]) =>
  questionCodes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('reason_categories')
        .selectAll()
        .where('cycle_id', '=', cycleId)
        .where('question_code', 'in', [...questionCodes])
        .orderBy('question_code')
        .orderBy('id')
        .execute();

export const insertCategory = (
  db: Db,
  c: { cycleId: number; questionCode: string; code: string; labelTh: string; labelEn: string },
) =>
  db
    .insertInto('reason_categories')
    .values({
      cycle_id: c.cycleId,
      question_code: c.questionCode,
      code: c.code,
      label_th: c.labelTh,
      label_en: c.labelEn,
    })
    .onConflict((oc) => oc.columns(['cycle_id', 'question_code', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();

/** Answers of the cycle to the given reason questions, with their agency. */
export const reasonAnswers = (db: Db, cycleId: number, questionCodes: readonly string[]) =>
  questionCodes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('answers as ans')
        .innerJoin('responses as r', 'r.id', 'ans.response_id')
        .innerJoin('agencies as a', 'a.id', 'r.agency_id')
        .select([
          'ans.response_id',
          'ans.question_code',
          'ans.value',
          'ans.coded_category',
          'r.agency_id',
          'a.name_th',
          'a.name_en',
        ])
        .where('r.cycle_id', '=', cycleId)
        .where('ans.question_code', 'in', [...questionCodes])
        .orderBy('ans.question_code')
        .orderBy('a.name_th')
        .execute();

export const setCoding = (db: Db, responseId: number, questionCode: string, category: string | null) =>
  db
    .updateTable('answers')
    .set({ coded_category: category })
    .where('response_id', '=', responseId)
    .where('question_code', '=', questionCode)
    .execute();
