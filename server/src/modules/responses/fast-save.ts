import type { Track } from '@dg/shared/schemas/framework';
import type { SaveAnswer } from '@dg/shared/schemas/questionnaire';
import { type RawBuilder, sql } from 'kysely';
import { type Db, pgPoolOf } from '../../db/database';
import { trackFramework } from './framework-cache';
import type { Actor, SaveResult } from './responses.service';
import { checkedSave } from './save-checks';

/**
 * The autosave fast path: on deadline day every agency saves at once, and the transactional path
 * (BEGIN, lock, read, write, COMMIT) spends most of its time waiting on round trips. Here the whole
 * save is ONE autocommit statement whose conditions repeat every check of the slow path in SQL:
 * the response belongs to the caller's agency, is editable, its cycle is open and before the
 * deadline, the framework is the one we validated against, the idempotency key is new and the
 * base revision is current. When any condition fails the statement changes nothing and the caller
 * takes the slow path, which gives the precise answer (conflict, replay, read-only, ...).
 */

interface ResponseFacts {
  agencyId: number;
  frameworkId: number;
  frameworkHash: string;
  track: Track;
}

/**
 * What never changes for a response (its agency and cycle), per database. Only a hint: the
 * statement re-checks the agency and the framework hash, so a stale entry costs a slow save.
 */
const factsByDb = new WeakMap<Db, Map<number, ResponseFacts>>();
const MAX_FACTS = 50_000;

function factsOf(db: Db): Map<number, ResponseFacts> {
  let m = factsByDb.get(db);
  if (!m) {
    m = new Map();
    factsByDb.set(db, m);
  }
  return m;
}

export function rememberResponse(
  db: Db,
  ctx: {
    id: number;
    agency_id: number;
    framework_id: number;
    framework_hash: string;
    track: string;
  },
): void {
  const facts = factsOf(db);
  if (facts.size >= MAX_FACTS) facts.clear();
  facts.set(ctx.id, {
    agencyId: ctx.agency_id,
    frameworkId: ctx.framework_id,
    frameworkHash: ctx.framework_hash,
    track: ctx.track as Track,
  });
}

const UNIQUE_VIOLATION = '23505';

interface SavedRow {
  revision: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/**
 * On PostgreSQL the statement runs as a named prepared statement: its text is fixed per variant,
 * so each pooled connection parses and plans it once instead of on every keystroke's save.
 */
async function run(db: Db, statement: RawBuilder<SavedRow>, name: string): Promise<SavedRow[]> {
  const pool = pgPoolOf(db);
  if (!pool) return (await statement.execute(db)).rows;
  const compiled = statement.compile(db);
  const res = await pool.query<SavedRow>({ name, text: compiled.sql, values: [...compiled.parameters] });
  return res.rows;
}

export async function tryFastSave(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  body: SaveAnswer,
): Promise<SaveResult | null> {
  const { principal } = actor;
  const known = factsOf(db).get(responseId);
  if (!known || principal.role !== 'respondent' || principal.agencyId !== known.agencyId) return null;
  const fw = await trackFramework(db, known.frameworkId, known.frameworkHash, known.track);
  const entry = fw.questions.get(questionCode);
  if (!entry) return null;
  const { value, notApplicable } = checkedSave(entry.question, body);

  const v = value === null || value === undefined ? null : JSON.stringify(value);
  const na = notApplicable ? JSON.stringify(notApplicable) : null;
  const changed = sql`(o.value is distinct from ${v}::jsonb or o.not_applicable is distinct from ${na}::jsonb)`;
  // Base revision 0 means "no answer yet": insert, and a concurrent first save makes it a no-op.
  const write =
    body.baseRevision === 0
      ? sql`insert into answers (response_id, question_code, value, not_applicable, revision, updated_by, updated_at)
          select ${responseId}, ${questionCode}, ${v}::jsonb, ${na}::jsonb, 1, ${principal.userId}, now() from ok
          on conflict do nothing
          returning revision, updated_at, null::jsonb as before, true as changed`
      : sql`update answers n set value = ${v}::jsonb, not_applicable = ${na}::jsonb, revision = n.revision + 1,
            updated_by = ${principal.userId}, updated_at = now(),
            verification = case when ${changed} then 'self_reported' else n.verification end,
            verified_by = case when ${changed} then null else n.verified_by end,
            verified_at = case when ${changed} then null else n.verified_at end
          from answers o, ok
          where n.response_id = ${responseId} and n.question_code = ${questionCode} and n.revision = ${body.baseRevision}
            and o.response_id = n.response_id and o.question_code = n.question_code
          returning n.revision, n.updated_at,
            jsonb_build_object('value', o.value, 'notApplicable', o.not_applicable, 'revision', o.revision) as before,
            ${changed} as changed`;

  const statement = sql<SavedRow>`
      with ok as (
        select r.id from responses r
        join cycles c on c.id = r.cycle_id
        join frameworks f on f.id = c.framework_id
        left join cycle_agencies ca on ca.cycle_id = r.cycle_id and ca.agency_id = r.agency_id
        where r.id = ${responseId} and r.agency_id = ${known.agencyId} and f.hash = ${known.frameworkHash}
          and r.status in ('not_started', 'in_progress', 'returned') and c.status = 'open'
          and (coalesce(ca.deadline_override, c.closes_at) is null or coalesce(ca.deadline_override, c.closes_at) >= now())
          and not exists (select 1 from answer_saves where idempotency_key = ${body.idempotencyKey})
        for update of r
      ),
      a as (${write}),
      s as (
        insert into answer_saves (idempotency_key, response_id, question_code, revision)
        select ${body.idempotencyKey}, ${responseId}, ${questionCode}, a.revision from a
      ),
      ev as (
        update evidence set verification = 'self_reported', verification_reason = null,
          verification_comment = null, verified_by = null, verified_at = null
        where response_id = ${responseId} and question_code = ${questionCode} and verification <> 'self_reported'
          and exists (select 1 from a where a.changed)
      ),
      r as (
        update responses set last_activity_at = now(), started_at = coalesce(started_at, now()),
          status = case when status = 'not_started' then 'in_progress' else status end
        where id = ${responseId} and exists (select 1 from a)
          -- The activity stamp is for the monitoring board: to the half minute is enough, and
          -- skipping it spares a new responses row version on most saves.
          and (status = 'not_started' or started_at is null or last_activity_at is null
            or last_activity_at < now() - interval '30 seconds')
      ),
      au as (
        insert into audit_log (actor_user_id, actor_email, ip, action, entity_type, entity_id, agency_id, before, after, meta)
        select ${principal.userId}, ${principal.email}, ${actor.ip}, 'answer.save', 'answer',
          ${`${responseId}:${questionCode}`}, ${known.agencyId}, a.before,
          jsonb_build_object('value', ${v}::jsonb, 'notApplicable', ${na}::jsonb, 'revision', a.revision), null
        from a
      )
      select a.revision, a.updated_at, (select display_name from users where id = ${principal.userId}) as updated_by_name
      from a`;
  try {
    const rows = await run(db, statement, body.baseRevision === 0 ? 'dg_fast_save_insert' : 'dg_fast_save_update');
    const row = rows[0];
    if (!row) return null;
    return {
      questionCode,
      revision: row.revision,
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy: { id: principal.userId, name: row.updated_by_name ?? principal.email },
      replayed: false,
    };
  } catch (err) {
    // The same key saved concurrently by a retry: the slow path replays the stored outcome.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw err;
  }
}
