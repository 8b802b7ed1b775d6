import { answersForAgency } from '@dg/shared/schemas/auth';
import type { Track } from '@dg/shared/schemas/framework';
import type { SaveAnswer, SaveAnswerResult as SaveResult } from '@dg/shared/schemas/questionnaire';
import { CompiledQuery } from 'kysely';
import { type Db, pgPoolOf } from '../../db/database';
import type { Actor } from './actor';
import { trackFramework } from './framework-cache';
import { loadResponseContext } from './responses.repository';
import { Batcher, type Slot } from './save-batcher';
import { checkedSave } from './save-checks';

/**
 * The autosave fast path: on deadline day every agency saves at once, and the transactional path
 * (BEGIN, lock, read, write, COMMIT) spends most of its time waiting on round trips. Here saves
 * are written by ONE autocommit statement, for as many saves as are waiting (see save-batcher.ts),
 * whose conditions repeat every check of the slow path in SQL, per save: the response belongs to
 * the caller's agency, is editable, its cycle is open and before the deadline, the framework is
 * the one we validated against, the idempotency key is new and the base revision is current. A
 * save whose conditions fail changes nothing and takes the slow path, which gives the precise
 * answer (conflict, replay, read-only, ...); the other saves of its batch are not affected.
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

/** Reads of facts under way, per database and response: a burst of saves of one response shares one. */
const learning = new WeakMap<Db, Map<number, Promise<ResponseFacts | undefined>>>();

/**
 * The facts of a response this process has not seen yet, read once (no lock) and remembered.
 * Without this, every save of an unseen response took the locked transaction (five round trips)
 * until one of them had committed; under a deadline-day backlog that took seconds, so whole rounds
 * of saves went the slow way, which made the backlog longer still.
 */
async function learnResponse(db: Db, responseId: number): Promise<ResponseFacts | undefined> {
  let inflight = learning.get(db);
  if (!inflight) {
    inflight = new Map();
    learning.set(db, inflight);
  }
  const running = inflight.get(responseId);
  if (running) return running;
  const map = inflight;
  const p = loadResponseContext(db, responseId)
    .then((ctx) => {
      if (!ctx) return undefined;
      rememberResponse(db, ctx);
      return factsOf(db).get(responseId);
    })
    // The slow path reports whatever went wrong (a database away answers 503 there as before).
    .catch(() => undefined)
    .finally(() => map.delete(responseId));
  map.set(responseId, p);
  return p;
}

const UNIQUE_VIOLATION = '23505';

/** One save as the statement reads it (a JSON array of these, numbered, is its only parameter). */
interface BatchItem {
  response_id: number;
  agency_id: number;
  framework_hash: string;
  idempotency_key: string;
  question_code: string;
  /** The answer's JSON text, or null (likewise not_applicable). */
  value: string | null;
  not_applicable: string | null;
  base_revision: number;
  user_id: number;
  email: string;
  ip: string | null;
}

interface SavedRow {
  i: number;
  revision: number;
  updated_at: Date;
  updated_by_name: string | null;
}

const CHANGED =
  '(o.value is distinct from ok.value::jsonb or o.not_applicable is distinct from ok.not_applicable::jsonb)';

/*
 * The text is fixed: it runs as a named prepared statement, parsed and planned once per pooled
 * connection. Responses are locked in id order, so two batches cannot deadlock on each other.
 */
const STATEMENT = {
  name: 'dg_fast_save_batch',
  text: `
  with input as (
    select * from jsonb_to_recordset($1::jsonb) as t(i int, response_id int, agency_id int, framework_hash text,
      idempotency_key uuid, question_code text, value text, not_applicable text, base_revision int,
      user_id int, email text, ip text)
  ),
  ok as (
    select input.* from input
    join responses r on r.id = input.response_id and r.agency_id = input.agency_id
    join cycles c on c.id = r.cycle_id
    join frameworks f on f.id = c.framework_id and f.hash = input.framework_hash
    left join cycle_agencies ca on ca.cycle_id = r.cycle_id and ca.agency_id = r.agency_id
    where r.status in ('not_started', 'in_progress', 'returned') and c.status = 'open'
      and (coalesce(ca.deadline_override, c.closes_at) is null or coalesce(ca.deadline_override, c.closes_at) >= now())
      and not exists (select 1 from answer_saves s where s.idempotency_key = input.idempotency_key)
    order by r.id
    for update of r
  ),
  -- Base revision 0 means "no answer yet": insert, and a concurrent first save makes it a no-op.
  ins as (
    insert into answers (response_id, question_code, value, not_applicable, revision, updated_by, updated_at)
    select response_id, question_code, value::jsonb, not_applicable::jsonb, 1, user_id, now() from ok
    where base_revision = 0
    on conflict do nothing
    returning response_id, question_code, revision, updated_at
  ),
  upd as (
    update answers n set value = ok.value::jsonb, not_applicable = ok.not_applicable::jsonb,
      revision = n.revision + 1, updated_by = ok.user_id, updated_at = now(),
      verification = case when ${CHANGED} then 'self_reported' else n.verification end,
      verified_by = case when ${CHANGED} then null else n.verified_by end,
      verified_at = case when ${CHANGED} then null else n.verified_at end
    from answers o, ok
    where ok.base_revision <> 0 and n.response_id = ok.response_id and n.question_code = ok.question_code
      and n.revision = ok.base_revision and o.response_id = n.response_id and o.question_code = n.question_code
    returning ok.i, n.revision, n.updated_at,
      jsonb_build_object('value', o.value, 'notApplicable', o.not_applicable, 'revision', o.revision) as before,
      ${CHANGED} as changed
  ),
  a as (
    select ok.*, ins.revision, ins.updated_at, null::jsonb as before, true as changed
    from ins join ok on ok.response_id = ins.response_id and ok.question_code = ins.question_code
      and ok.base_revision = 0
    union all
    select ok.*, upd.revision, upd.updated_at, upd.before, upd.changed from upd join ok on ok.i = upd.i
  ),
  s as (
    insert into answer_saves (idempotency_key, response_id, question_code, revision)
    select idempotency_key, response_id, question_code, revision from a
  ),
  ev as (
    update evidence e set verification = 'self_reported', verification_reason = null,
      verification_comment = null, verified_by = null, verified_at = null
    from a
    where a.changed and e.response_id = a.response_id and e.question_code = a.question_code
      and e.verification <> 'self_reported'
  ),
  r as (
    update responses set last_activity_at = now(), started_at = coalesce(started_at, now()),
      status = case when status = 'not_started' then 'in_progress' else status end
    where id in (select response_id from a)
      -- The activity stamp is for the monitoring board: to the half minute is enough, and
      -- skipping it spares a new responses row version on most saves.
      and (status = 'not_started' or started_at is null or last_activity_at is null
        or last_activity_at < now() - interval '30 seconds')
  ),
  au as (
    insert into audit_log (actor_user_id, actor_email, ip, action, entity_type, entity_id, agency_id, before, after, meta)
    select user_id, email, ip, 'answer.save', 'answer', response_id || ':' || question_code, agency_id, before,
      jsonb_build_object('value', value::jsonb, 'notApplicable', not_applicable::jsonb, 'revision', revision), null
    from a
  )
  select a.i, a.revision, a.updated_at, u.display_name as updated_by_name
  from a left join users u on u.id = a.user_id`,
};

async function runStatement(db: Db, items: BatchItem[]): Promise<SavedRow[]> {
  const values = [JSON.stringify(items.map((item, i) => ({ ...item, i })))];
  const pool = pgPoolOf(db);
  if (!pool) return (await db.executeQuery<SavedRow>(CompiledQuery.raw(STATEMENT.text, values))).rows;
  return (await pool.query<SavedRow>({ name: STATEMENT.name, text: STATEMENT.text, values })).rows;
}

/** Writes a batch; a save that did not pass its conditions gets null (and takes the slow path). */
async function writeBatch(db: Db, items: BatchItem[]): Promise<(SavedRow | null)[]> {
  try {
    const rows = await runStatement(db, items);
    const byIndex = new Map(rows.map((r) => [r.i, r]));
    return items.map((_, i) => byIndex.get(i) ?? null);
  } catch (err) {
    // The same key saved concurrently by a retry: the slow path replays the stored outcome.
    if (items.length === 1) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return [null];
      throw err;
    }
    // One save's failure (a retry's duplicate key, say) must not fail the others: one by one,
    // in this slot, so a failed batch does not take more pool connections than it had.
    const out: (SavedRow | null)[] = [];
    for (const item of items) out.push((await writeBatch(db, [item]))[0] ?? null);
    return out;
  }
}

const MAX_BATCH = 32;
const batchers = new WeakMap<Db, Batcher<BatchItem, SavedRow | null>>();

function batcherOf(db: Db): Batcher<BatchItem, SavedRow | null> {
  let b = batchers.get(db);
  if (!b) {
    b = new Batcher({
      maxBatch: MAX_BATCH,
      keyOf: (item) => `${item.response_id}:${item.question_code}`,
      run: (items) => writeBatch(db, items),
    });
    batchers.set(db, b);
  }
  return b;
}

/** What a save needs to know of its response (kept per response; see rememberResponse). */
interface SaveTarget {
  responseId: number;
  agencyId: number;
  frameworkHash: string;
}

function toItem(
  actor: Actor,
  target: SaveTarget,
  questionCode: string,
  checked: ReturnType<typeof checkedSave>,
  body: SaveAnswer,
): BatchItem {
  return {
    response_id: target.responseId,
    agency_id: target.agencyId,
    framework_hash: target.frameworkHash,
    idempotency_key: body.idempotencyKey,
    question_code: questionCode,
    value: checked.value === null || checked.value === undefined ? null : JSON.stringify(checked.value),
    not_applicable: checked.notApplicable ? JSON.stringify(checked.notApplicable) : null,
    base_revision: body.baseRevision,
    user_id: actor.principal.userId,
    email: actor.principal.email,
    ip: actor.ip,
  };
}

function toResult(actor: Actor, questionCode: string, row: SavedRow): SaveResult {
  return {
    questionCode,
    revision: row.revision,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: { id: actor.principal.userId, name: row.updated_by_name ?? actor.principal.email },
    replayed: false,
  };
}

/**
 * The transactional path's write, once it has checked everything under the response lock: the
 * same statement as a batch of one, so both paths write exactly the same rows. Null only when the
 * database's clock already says the deadline passed (the checks used the app server's clock).
 */
export async function writeCheckedSave(
  trx: Db,
  actor: Actor,
  target: SaveTarget,
  questionCode: string,
  checked: ReturnType<typeof checkedSave>,
  body: SaveAnswer,
): Promise<SaveResult | null> {
  const [row] = await runStatement(trx, [toItem(actor, target, questionCode, checked, body)]);
  return row ? toResult(actor, questionCode, row) : null;
}

export async function tryFastSave(
  db: Db,
  actor: Actor,
  responseId: number,
  questionCode: string,
  body: SaveAnswer,
  slot: Slot,
): Promise<SaveResult | null> {
  const known = factsOf(db).get(responseId) ?? (await learnResponse(db, responseId));
  if (!known || !answersForAgency(actor.principal.role) || actor.principal.agencyId !== known.agencyId) return null;
  const fw = await trackFramework(db, known.frameworkId, known.frameworkHash, known.track);
  const entry = fw.questions.get(questionCode);
  if (!entry) return null;
  const target = { responseId, agencyId: known.agencyId, frameworkHash: known.frameworkHash };
  const item = toItem(actor, target, questionCode, checkedSave(entry.question, body), body);
  const row = await batcherOf(db).submit(item, slot);
  return row ? toResult(actor, questionCode, row) : null;
}
