import { DomainError } from '@dg/shared/domain/errors';
import { computeResults, ENGINE_VERSION } from '@dg/shared/domain/maturity-engine';
import type { Result } from '@dg/shared/schemas/result';
import type { Db } from '../../db/database';
import { trackFramework } from './framework-cache';
import * as repo from './responses.repository';

export interface StoredSnapshot {
  id: string;
  revision: number;
  reason: string;
  createdAt: Date;
  selfAssessed: Result;
  verified: Result;
}

/**
 * Computes the response's self-assessed and verified results from its stored answers and
 * stores them as the new current snapshot (the previous one stays, no longer current).
 * Call inside the caller's transaction, with the response row locked, so the snapshot
 * matches the answers it was computed from. Reused by the analyst workspace (verification).
 */
export async function storeSnapshot(
  trx: Db,
  responseId: number,
  reason: string,
  actorUserId: number | null,
): Promise<StoredSnapshot> {
  const ctx = await repo.loadResponseContext(trx, responseId);
  if (!ctx) throw new DomainError('NOT_FOUND', `Response ${responseId} not found`);
  const fw = await trackFramework(trx, ctx.framework_id, ctx.framework_hash, ctx.track);
  const rows = await repo.listAnswers(trx, responseId);
  const answers: Record<
    string,
    { value: unknown; notApplicable?: { justification: string }; verification: (typeof rows)[number]['verification'] }
  > = {};
  for (const r of rows) {
    answers[r.question_code] = {
      value: r.value ?? null,
      ...(r.not_applicable ? { notApplicable: r.not_applicable } : {}),
      verification: r.verification,
    };
  }
  const { selfAssessed, verified } = computeResults(fw.compiled, answers as never, {
    frameworkHash: ctx.framework_hash,
  });

  const prev = await trx
    .selectFrom('result_snapshots')
    .select((eb) => eb.fn.max<number>('revision').as('max'))
    .where('response_id', '=', responseId)
    .executeTakeFirst();
  const revision = Number(prev?.max ?? 0) + 1;
  await trx
    .updateTable('result_snapshots')
    .set({ is_current: false })
    .where('response_id', '=', responseId)
    .where('is_current', '=', true)
    .execute();
  const row = await trx
    .insertInto('result_snapshots')
    .values({
      response_id: responseId,
      cycle_id: ctx.cycle_id,
      agency_id: ctx.agency_id,
      reason,
      revision,
      is_current: true,
      self_overall: selfAssessed.overall.level,
      verified_overall: verified.overall.level,
      self_result: JSON.stringify(selfAssessed),
      verified_result: JSON.stringify(verified),
      engine_version: ENGINE_VERSION,
      framework_hash: ctx.framework_hash,
      created_by: actorUserId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  const id = String(row.id);
  const verifiedByKey = new Map(verified.pillars.map((p) => [p.key, p]));
  if (selfAssessed.pillars.length > 0) {
    await trx
      .insertInto('snapshot_pillars')
      .values(
        selfAssessed.pillars.map((p) => {
          const v = verifiedByKey.get(p.key);
          return {
            snapshot_id: id,
            pillar_key: p.key,
            self_level: p.level,
            verified_level: v?.level ?? null,
            self_score: p.score,
            verified_score: v?.score ?? null,
          };
        }),
      )
      .execute();
  }
  return { id, revision, reason, createdAt: new Date(row.created_at), selfAssessed, verified };
}

/** The current snapshot of a response, or undefined before the first submission. */
export async function currentSnapshot(db: Db, responseId: number) {
  return db
    .selectFrom('result_snapshots')
    .select([
      'id',
      'revision',
      'reason',
      'created_at',
      'self_result',
      'verified_result',
      'engine_version',
      'framework_hash',
    ])
    .where('response_id', '=', responseId)
    .where('is_current', '=', true)
    .executeTakeFirst();
}
