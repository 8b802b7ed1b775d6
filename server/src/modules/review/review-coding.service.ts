import { DomainError } from '@dg/shared/domain/errors';
import type { Question } from '@dg/shared/schemas/framework';
import type { Category, CodingList } from '@dg/shared/schemas/review';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import { frameworkByHash } from '../responses/framework-cache';
import type { Actor } from '../responses/responses.service';
import * as repo from './review.repository';
import { audit, cycleOf, lockedContext } from './review.service';
import * as codingRepo from './review-coding.repository';

/**
 * Coding the free text of "other, specify" reasons into categories: the framework's own options
 * plus categories analysts add per cycle, so analytics can tally reasons by coded category.
 */
interface ReasonQuestion {
  question: Question;
  track: 'department' | 'province';
  otherCode: string | null;
}

async function reasonQuestions(db: Db, cycleId: number): Promise<Map<string, ReasonQuestion>> {
  const cycle = await cycleOf(db, cycleId);
  const framework = await frameworkByHash(db, cycle.framework_id, cycle.framework_hash);
  const out = new Map<string, ReasonQuestion>();
  for (const p of framework.pillars) {
    for (const i of p.indicators) {
      for (const q of i.questions) {
        if (q.type !== 'reason' || out.has(q.code)) continue;
        out.set(q.code, {
          question: q,
          track: q.tracks.includes('department') ? 'department' : 'province',
          otherCode: q.options?.find((o) => o.other)?.code ?? null,
        });
      }
    }
  }
  return out;
}

function pickQuestions(all: Map<string, ReasonQuestion>, questionCode?: string): ReasonQuestion[] {
  if (!questionCode) return [...all.values()];
  const q = all.get(questionCode);
  if (!q) throw new DomainError('NOT_FOUND', `Question ${questionCode} is not a reason question of this cycle`);
  return [q];
}

async function categoriesFor(db: Db, cycleId: number, questions: readonly ReasonQuestion[]): Promise<Category[]> {
  const custom = await codingRepo.listCategories(
    db,
    cycleId,
    questions.map((q) => q.question.code),
  );
  const out: Category[] = [];
  for (const rq of questions) {
    for (const o of rq.question.options ?? []) {
      if (o.other) continue;
      out.push({
        questionCode: rq.question.code,
        code: o.code,
        labelTh: o.label.th,
        labelEn: o.label.en,
        source: 'option',
      });
    }
    for (const c of custom.filter((x) => x.question_code === rq.question.code)) {
      out.push({
        questionCode: c.question_code,
        code: c.code,
        labelTh: c.label_th,
        labelEn: c.label_en,
        source: 'custom',
      });
    }
  }
  return out;
}

export async function categories(db: Db, cycleId: number, questionCode?: string): Promise<Category[]> {
  const questions = pickQuestions(await reasonQuestions(db, cycleId), questionCode);
  return categoriesFor(db, cycleId, questions);
}

export async function codingList(db: Db, cycleId: number, questionCode?: string): Promise<CodingList> {
  const questions = pickQuestions(await reasonQuestions(db, cycleId), questionCode);
  const otherOf = new Map(questions.map((q) => [q.question.code, q.otherCode]));
  const rows = await codingRepo.reasonAnswers(
    db,
    cycleId,
    questions.map((q) => q.question.code),
  );
  const items = rows
    .filter((r) => {
      const v = r.value as { choice?: string } | null;
      const other = otherOf.get(r.question_code);
      return other !== null && v?.choice === other;
    })
    .map((r) => ({
      responseId: r.response_id,
      agencyId: r.agency_id,
      agencyName: { th: r.name_th, en: r.name_en },
      questionCode: r.question_code,
      text: (r.value as { other?: string }).other ?? '',
      codedCategory: r.coded_category,
    }));
  return {
    questions: questions.map((q) => ({ code: q.question.code, text: q.question.text, track: q.track })),
    categories: await categoriesFor(db, cycleId, questions),
    items,
  };
}

export async function createCategory(
  db: Db,
  actor: Actor,
  cycleId: number,
  body: { questionCode: string; code: string; labelTh: string; labelEn: string },
): Promise<Category> {
  return db.transaction().execute(async (trx) => {
    const [rq] = pickQuestions(await reasonQuestions(trx, cycleId), body.questionCode);
    if (rq?.question.options?.some((o) => o.code === body.code)) {
      throw new DomainError('CONFLICT', `"${body.code}" is already a reason of question ${body.questionCode}`);
    }
    const row = await codingRepo.insertCategory(trx, { cycleId, ...body });
    if (!row) throw new DomainError('CONFLICT', `Category "${body.code}" already exists for ${body.questionCode}`);
    await writeAudit(trx, {
      ...audit(actor),
      action: 'reason_category.create',
      entityType: 'reason_category',
      entityId: row.id,
      before: null,
      after: { cycleId, ...body },
    });
    return { ...body, source: 'custom' as const };
  });
}

export async function setCoding(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  category: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const ctx = await lockedContext(trx, responseId);
    const questions = await reasonQuestions(trx, ctx.cycle_id);
    const rq = questions.get(questionCode);
    if (!rq) throw new DomainError('NOT_FOUND', `Question ${questionCode} is not a reason question of this cycle`);
    const current = await repo.findAnswer(trx, responseId, questionCode);
    if (!current) throw new DomainError('NOT_FOUND', `Question ${questionCode} has not been answered`);
    if (category !== null) {
      const valid = await categoriesFor(trx, ctx.cycle_id, [rq]);
      if (!valid.some((c) => c.code === category)) {
        throw new DomainError('VALIDATION_FAILED', `"${category}" is not a category of question ${questionCode}`, [
          { path: 'body.category', message: `Unknown category ${category}` },
        ]);
      }
    }
    await codingRepo.setCoding(trx, responseId, questionCode, category);
    const text = (current.value as { other?: string } | null)?.other ?? '';
    await writeAudit(trx, {
      ...audit(actor),
      action: 'answer.coding',
      entityType: 'answer',
      entityId: `${responseId}:${questionCode}`,
      agencyId: ctx.agency_id,
      before: { codedCategory: current.coded_category, value: current.value },
      after: { codedCategory: category, value: current.value },
    });
    return { responseId, questionCode, text, codedCategory: category };
  });
}
