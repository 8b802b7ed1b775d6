import type { Track } from '@dg/shared/schemas/framework';
import type { TrialAnswer } from '@dg/shared/schemas/framework-trial';
import type { Db } from '../../db/database';

export const findTrial = (db: Db, frameworkId: number) =>
  db
    .selectFrom('framework_trials as t')
    .leftJoin('users as u', 'u.id', 't.opened_by')
    .select(['t.id', 't.framework_id', 't.opened_at', 'u.email as opened_by_email'])
    .where('t.framework_id', '=', frameworkId)
    .executeTakeFirst();

/** Opens the framework's trial, or returns the one already open (one trial per framework). */
export async function openTrial(db: Db, frameworkId: number, userId: number | null) {
  await db
    .insertInto('framework_trials')
    .values({ framework_id: frameworkId, opened_by: userId })
    .onConflict((oc) => oc.column('framework_id').doNothing())
    .execute();
}

export const trialAnswers = (db: Db, trialId: number) =>
  db
    .selectFrom('framework_trial_answers')
    .select(['track', 'question_code', 'value', 'not_applicable'])
    .where('trial_id', '=', trialId)
    .orderBy('question_code')
    .execute();

/** Replaces the test agency's answers of one track. */
export async function replaceTrialAnswers(
  db: Db,
  trialId: number,
  track: Track,
  answers: Record<string, TrialAnswer>,
  userId: number | null,
) {
  await db.deleteFrom('framework_trial_answers').where('trial_id', '=', trialId).where('track', '=', track).execute();
  const rows = Object.entries(answers).map(([code, a]) => ({
    trial_id: trialId,
    track,
    question_code: code,
    value: a.value === undefined || a.value === null ? null : JSON.stringify(a.value),
    not_applicable: a.notApplicable ? JSON.stringify(a.notApplicable) : null,
    updated_by: userId,
  }));
  if (rows.length > 0) await db.insertInto('framework_trial_answers').values(rows).execute();
}

/** Deletes the framework's trial and every answer in it; returns how many answers went. */
export async function discardTrialOf(db: Db, frameworkId: number): Promise<number> {
  const trial = await db
    .selectFrom('framework_trials')
    .select('id')
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst();
  if (!trial) return 0;
  const gone = await db.deleteFrom('framework_trial_answers').where('trial_id', '=', trial.id).executeTakeFirst();
  await db.deleteFrom('framework_trials').where('id', '=', trial.id).execute();
  return Number(gone.numDeletedRows);
}
