import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { type CompiledFramework, compileFramework } from '../../shared/src/domain/criteria';
import { computeResults, ENGINE_VERSION } from '../../shared/src/domain/maturity-engine';
import type { AnswerMap } from '../../shared/src/schemas/answer';
import type { Framework, Track } from '../../shared/src/schemas/framework';
import type { Generated, GeneratedResponse } from './generator';

/**
 * Writes generated answers as submitted responses (answers at revision 1) with their result
 * snapshots, in batched transactions. The snapshot rows have the same shape and content as the
 * questionnaire's own writer (server/src/modules/responses/snapshots.ts, storeSnapshot): both
 * bases from computeResults, is_current, revision 1, the pillars in snapshot_pillars. That writer
 * reloads context and answers per response; for thousands of generated responses this one
 * computes from the answers in hand and inserts a batch at a time.
 */

export interface ImportOptions {
  /** Responses per transaction. */
  batchSize?: number;
  reason?: string;
  /** One time for all, or a time per response (by its position in the generated list). */
  submittedAt?: Date | ((index: number) => Date);
  verification?: 'self_reported' | 'verified';
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  responses: number;
  answers: number;
  skipped: number;
  ms: number;
  /** Time spent per phase (ms): answers insert, engine, snapshots insert. */
  phases: { answers: number; engine: number; snapshots: number };
}

const ROWS_PER_INSERT = 2000;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

export async function importGenerated(
  db: Db,
  cycleId: number,
  generated: Generated,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const t0 = Date.now();
  const cycle = await db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select(['c.id', 'c.framework_id', 'f.hash', 'f.code'])
    .where('c.id', '=', cycleId)
    .executeTakeFirstOrThrow();
  if (cycle.code !== generated.frameworkCode) {
    throw new Error(`Generated for ${generated.frameworkCode}, cycle ${cycleId} uses ${cycle.code}`);
  }
  const { framework } = await loadFramework(db, cycle.framework_id);
  const compiled = new Map<Track, CompiledFramework>();
  const compiledFor = (track: Track) => {
    let c = compiled.get(track);
    if (!c) {
      c = compileFramework(framework as Framework, track);
      compiled.set(track, c);
    }
    return c;
  };
  const codes = generated.responses.map((r) => r.agencyCode);
  const agencyRows: { id: number; code: string; track: string }[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    agencyRows.push(
      ...(await db
        .selectFrom('agencies')
        .select(['id', 'code', 'track'])
        .where('code', 'in', codes.slice(i, i + 5000))
        .execute()),
    );
  }
  const agencyByCode = new Map(agencyRows.map((a) => [a.code, a]));
  const batchSize = opts.batchSize ?? 200;
  const fixedAt = new Date();
  const submittedAtOf = (i: number): Date =>
    typeof opts.submittedAt === 'function' ? opts.submittedAt(i) : (opts.submittedAt ?? fixedAt);
  const reason = opts.reason ?? 'import';
  let responses = 0;
  let answers = 0;
  let skipped = 0;
  const phases = { answers: 0, engine: 0, snapshots: 0 };
  let mark = Date.now();
  const lap = (k: keyof typeof phases) => {
    const now = Date.now();
    phases[k] += now - mark;
    mark = now;
  };

  for (let b = 0; b < generated.responses.length; b += batchSize) {
    const batch = generated.responses.slice(b, b + batchSize).filter((r) => {
      const a = agencyByCode.get(r.agencyCode);
      if (!a) throw new Error(`Unknown agency ${r.agencyCode}`);
      if (a.track !== r.track) throw new Error(`Agency ${r.agencyCode} is ${a.track}, generated as ${r.track}`);
      return true;
    });
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('responses')
        .values(
          batch.map((r, i) => {
            const at = submittedAtOf(b + i);
            return {
              cycle_id: cycleId,
              agency_id: (agencyByCode.get(r.agencyCode) as { id: number }).id,
              status: 'submitted' as const,
              started_at: at,
              submitted_at: at,
              last_activity_at: at,
            };
          }),
        )
        .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
        .returning(['id', 'agency_id'])
        .execute();
      skipped += batch.length - inserted.length;
      const idByAgency = new Map(inserted.map((r) => [r.agency_id, r.id]));
      const fresh: { id: number; agencyId: number; r: GeneratedResponse; at: Date }[] = [];
      for (const [i, r] of batch.entries()) {
        const agencyId = (agencyByCode.get(r.agencyCode) as { id: number }).id;
        const id = idByAgency.get(agencyId);
        if (id !== undefined) fresh.push({ id, agencyId, r, at: submittedAtOf(b + i) });
      }
      const answerRows = fresh.flatMap(({ id, r, at }) =>
        Object.entries(r.answers).map(([code, a]) => ({
          response_id: id,
          question_code: code,
          value: JSON.stringify(a.value),
          revision: 1,
          updated_at: at,
          verification: opts.verification ?? ('self_reported' as const),
          coded_category: a.codedCategory ?? null,
        })),
      );
      answers += answerRows.length;
      mark = Date.now();
      await insertChunked(answerRows, (chunk) => trx.insertInto('answers').values(chunk).execute());
      lap('answers');

      const results = fresh.map(({ id, agencyId, r, at }) => {
        const map: AnswerMap = {};
        for (const [code, a] of Object.entries(r.answers)) {
          map[code] = { value: a.value, verification: opts.verification ?? 'self_reported' };
        }
        return { id, agencyId, at, ...computeResults(compiledFor(r.track), map, { frameworkHash: cycle.hash }) };
      });
      lap('engine');
      if (results.length === 0) return;
      // Without rejections both bases give the same result: send the document once and let the
      // database copy it (the documents are large; the transfer is most of an import's time).
      const tuples = results.map((x) => {
        const self = JSON.stringify(x.selfAssessed);
        const verified = JSON.stringify(x.verified);
        // Identical but for `basis`: the database derives the verified document from the self one.
        const same = JSON.stringify({ ...x.selfAssessed, basis: 'verified' }) === verified;
        return sql`(${x.id}::int, ${x.agencyId}::int, ${x.selfAssessed.overall.level}::int, ${x.verified.overall.level}::int, ${self}::jsonb, ${same ? null : verified}::jsonb, ${x.at}::timestamptz)`;
      });
      const inserted2 = await sql<{ id: string | number; response_id: number }>`
        insert into result_snapshots (response_id, cycle_id, agency_id, reason, revision, is_current,
          self_overall, verified_overall, self_result, verified_result, engine_version, framework_hash, created_by, created_at)
        select x.response_id, ${cycleId}::int, x.agency_id, ${reason}::text, 1, true,
          x.self_overall, x.verified_overall, x.s, coalesce(x.v, jsonb_set(x.s, '{basis}', '"verified"')), ${ENGINE_VERSION}::text, ${cycle.hash}::text, null, x.at
        from (values ${sql.join(tuples)}) as x(response_id, agency_id, self_overall, verified_overall, s, v, at)
        returning id, response_id`.execute(trx);
      const snaps = inserted2.rows;
      const snapByResponse = new Map(snaps.map((s) => [s.response_id, String(s.id)]));
      const pillarRows = results.flatMap((x) => {
        const verified = new Map(x.verified.pillars.map((p) => [p.key, p]));
        return x.selfAssessed.pillars.map((p) => ({
          snapshot_id: snapByResponse.get(x.id) as string,
          pillar_key: p.key,
          self_level: p.level,
          verified_level: verified.get(p.key)?.level ?? null,
          self_score: p.score,
          verified_score: verified.get(p.key)?.score ?? null,
        }));
      });
      await insertChunked(pillarRows, (chunk) => trx.insertInto('snapshot_pillars').values(chunk).execute());
      lap('snapshots');
      responses += fresh.length;
    });
    opts.onProgress?.(Math.min(b + batchSize, generated.responses.length), generated.responses.length);
  }
  return { responses, answers, skipped, ms: Date.now() - t0, phases };
}
