import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import { compileFramework } from '@dg/shared/domain/criteria';
import { DomainError } from '@dg/shared/domain/errors';
import { computeResult } from '@dg/shared/domain/maturity-engine';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import type { FrameworkTrial, TrialAnswer, TrialTrack } from '@dg/shared/schemas/framework-trial';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import * as trials from './framework-trial.repository';
import { loadDraftFramework } from './framework-trial-draft';
import type { FrameworkActor } from './frameworks.service';

const TRACKS: Track[] = ['department', 'province'];

function questionsOf(framework: Framework, track: Track): Map<string, Question> {
  const out = new Map<string, Question>();
  for (const p of framework.pillars) {
    for (const i of p.indicators) for (const q of i.questions) if (q.tracks.includes(track)) out.set(q.code, q);
  }
  return out;
}

function trackView(framework: Framework, hash: string, track: Track, answers: Record<string, TrialAnswer>): TrialTrack {
  const base = { track, answers, answered: Object.keys(answers).length };
  const map: AnswerMap = {};
  for (const [code, a] of Object.entries(answers)) map[code] = { ...a, verification: 'self_reported' };
  try {
    const result = computeResult(compileFramework(framework, track), map, { basis: 'self', frameworkHash: hash });
    return { ...base, result, problem: null };
  } catch (err) {
    return { ...base, result: null, problem: { th: 'คำนวณระดับไม่ได้', en: `Cannot score: ${(err as Error).message}` } };
  }
}

async function view(db: Db, frameworkId: number): Promise<FrameworkTrial> {
  const { framework, hash, code } = await loadDraftFramework(db, frameworkId);
  const trial = await trials.findTrial(db, frameworkId);
  if (!trial) throw new DomainError('NOT_FOUND', `Framework ${code} has no open trial run`);
  const rows = await trials.trialAnswers(db, trial.id);
  const byTrack: Record<Track, Record<string, TrialAnswer>> = { department: {}, province: {} };
  for (const r of rows) {
    const a: TrialAnswer = {};
    if (r.value !== null && r.value !== undefined) a.value = r.value as TrialAnswer['value'];
    if (r.not_applicable) a.notApplicable = r.not_applicable as TrialAnswer['notApplicable'];
    byTrack[r.track][r.question_code] = a;
  }
  return {
    trial: true,
    id: trial.id,
    frameworkId,
    frameworkCode: code,
    frameworkHash: hash,
    openedAt: new Date(trial.opened_at).toISOString(),
    openedBy: trial.opened_by_email,
    tracks: TRACKS.map((t) => trackView(framework, hash, t, byTrack[t])),
  };
}

export const getTrial = view;

/** Opens (or reopens) the draft's trial run; a frozen framework has had its real cycle, so no trial. */
export async function openTrial(db: Db, frameworkId: number, actor: FrameworkActor): Promise<FrameworkTrial> {
  return db.transaction().execute(async (trx) => {
    const { code } = await loadDraftFramework(trx, frameworkId);
    const existed = await trials.findTrial(trx, frameworkId);
    await trials.openTrial(trx, frameworkId, actor.userId);
    if (!existed) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorEmail: actor.email,
        ip: actor.ip,
        action: 'framework.trial.open',
        entityType: 'framework',
        entityId: frameworkId,
        meta: { code },
      });
    }
    return view(trx, frameworkId);
  });
}

/** Saves the test agency's answers of one track, each checked against its question, and scores them. */
export async function saveTrialAnswers(
  db: Db,
  frameworkId: number,
  track: Track,
  answers: Record<string, TrialAnswer>,
  actor: FrameworkActor,
): Promise<FrameworkTrial> {
  return db.transaction().execute(async (trx) => {
    const { framework, code } = await loadDraftFramework(trx, frameworkId);
    const trial = await trials.findTrial(trx, frameworkId);
    if (!trial) throw new DomainError('NOT_FOUND', `Framework ${code} has no open trial run; open one first`);
    const questions = questionsOf(framework, track);
    const details: { path: string; message: string }[] = [];
    for (const [qc, a] of Object.entries(answers)) {
      const q = questions.get(qc);
      if (!q) {
        details.push({ path: `body.answers.${qc}`, message: `No question ${qc} in the ${track} questionnaire` });
        continue;
      }
      const check = validateAnswerValue(q, a.value);
      if (!check.ok) details.push({ path: `body.answers.${qc}`, message: check.message.en });
    }
    if (details.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${details.length} trial answer(s) do not fit their questions`,
        details,
      );
    }
    await trials.replaceTrialAnswers(trx, trial.id, track, answers, actor.userId);
    return view(trx, frameworkId);
  });
}

/** Deletes the trial run and all its answers (both tracks). */
export async function discardTrial(db: Db, frameworkId: number, actor: FrameworkActor) {
  return db.transaction().execute(async (trx) => {
    const trial = await trials.findTrial(trx, frameworkId);
    if (!trial) throw new DomainError('NOT_FOUND', `Framework ${frameworkId} has no open trial run`);
    const answers = await trials.discardTrialOf(trx, frameworkId);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: 'framework.trial.discard',
      entityType: 'framework',
      entityId: frameworkId,
      meta: { answers },
    });
    return { discarded: true as const, answers };
  });
}
