import type { SegmentQuery } from '@dg/shared/schemas/analytics';
import type { Basis } from '@dg/shared/schemas/result';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

/** Responses that count as answered: submitted, possibly verified since. A returned one is being revised. */
export const SUBMITTED = ['submitted', 'verified'] as const;

/** A cycle with its framework's hash: what every analytics read (and the public one) starts from. */
export const cyclesWithFramework = (db: Db) =>
  db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select([
      'c.id',
      'c.fiscal_year',
      'c.status',
      'c.framework_id',
      'f.hash as framework_hash',
      'c.name_th',
      'c.name_en',
    ]);

export async function findCycle(db: Db, cycleId: number) {
  return cyclesWithFramework(db).where('c.id', '=', cycleId).executeTakeFirst();
}
export type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

export async function findPreviousCycle(db: Db, fiscalYear: number) {
  return cyclesWithFramework(db)
    .where('c.fiscal_year', '<', fiscalYear)
    .orderBy('c.fiscal_year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Segment filters on the agency registry (alias `a`). */
export function segmentWhere(seg: SegmentQuery) {
  return (eb: ExpressionBuilder<Database & { a: Database['agencies'] }, 'a'>) => {
    const parts = [];
    if (seg.track) parts.push(eb('a.track', '=', seg.track));
    if (seg.orgType) parts.push(eb('a.org_type', '=', seg.orgType));
    if (seg.role) parts.push(eb('a.role', '=', seg.role));
    if (seg.ministry) parts.push(eb('a.ministry_code', '=', seg.ministry));
    if (seg.region) parts.push(eb('a.region', '=', seg.region));
    return eb.and(parts);
  };
}

/** Invited, started, submitted and verified per registry segment (the service rolls them up). */
export async function responseRateCells(db: Db, cycleId: number) {
  return db
    .selectFrom('cycle_agencies as ca')
    .innerJoin('agencies as a', 'a.id', 'ca.agency_id')
    .leftJoin('responses as r', (j) =>
      j.onRef('r.cycle_id', '=', 'ca.cycle_id').onRef('r.agency_id', '=', 'ca.agency_id'),
    )
    .select([
      'a.track',
      'a.org_type',
      'a.role',
      'a.ministry_code',
      sql<number>`count(*)::int`.as('invited'),
      sql<number>`(count(r.id) filter (where r.status <> 'not_started' or r.started_at is not null))::int`.as(
        'started',
      ),
      sql<number>`(count(r.id) filter (where r.status in ('submitted', 'verified')))::int`.as('submitted'),
      sql<number>`(count(r.id) filter (where r.status = 'verified'))::int`.as('verified'),
    ])
    .where('ca.cycle_id', '=', cycleId)
    .groupBy(['a.track', 'a.org_type', 'a.role', 'a.ministry_code'])
    .execute();
}

export const listMinistries = (db: Db) => db.selectFrom('ministries').selectAll().execute();

/** Current snapshots of submitted responses in the segment. */
function currentSnapshots(db: Db, cycleId: number, seg: SegmentQuery) {
  return db
    .selectFrom('result_snapshots as s')
    .innerJoin('responses as r', 'r.id', 's.response_id')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .where('s.cycle_id', '=', cycleId)
    .where('s.is_current', '=', true)
    .where('r.status', 'in', SUBMITTED)
    .where(segmentWhere(seg));
}

/** Overall level counts (level null = not assessed) and the denominator. */
export async function overallLevelCounts(db: Db, cycleId: number, seg: SegmentQuery, basis: Basis) {
  const col = basis === 'self' ? 's.self_overall' : 's.verified_overall';
  return currentSnapshots(db, cycleId, seg)
    .select([sql<number | null>`${sql.ref(col)}`.as('level'), sql<number>`count(*)::int`.as('n')])
    .groupBy(sql.ref(col))
    .execute();
}

/** Pillar level counts; a pillar missing from a snapshot counts as not assessed in the service. */
export async function pillarLevelCounts(db: Db, cycleId: number, seg: SegmentQuery, basis: Basis) {
  const col = basis === 'self' ? 'p.self_level' : 'p.verified_level';
  return currentSnapshots(db, cycleId, seg)
    .innerJoin('snapshot_pillars as p', 'p.snapshot_id', 's.id')
    .select(['p.pillar_key', sql<number | null>`${sql.ref(col)}`.as('level'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['p.pillar_key', sql.ref(col)])
    .execute();
}

export async function agenciesAtLevel(
  db: Db,
  cycleId: number,
  seg: SegmentQuery,
  basis: Basis,
  pillar: string | undefined,
  level: number,
  match: 'eq' | 'gte',
) {
  const op = match === 'eq' ? '=' : '>=';
  let q = currentSnapshots(db, cycleId, seg).select([
    'a.id',
    'a.code',
    'a.name_th',
    'a.name_en',
    'a.track',
    'a.org_type',
    'a.role',
    'a.ministry_code',
    'a.region',
    's.response_id',
  ]);
  if (pillar) {
    const col = basis === 'self' ? 'p.self_level' : 'p.verified_level';
    const rows = await q
      .innerJoin('snapshot_pillars as p', 'p.snapshot_id', 's.id')
      .where('p.pillar_key', '=', pillar)
      .where(sql.ref(col), op, level)
      .select(sql<number | null>`${sql.ref(col)}`.as('level'))
      .orderBy('a.code')
      .execute();
    return rows;
  }
  const col = basis === 'self' ? 's.self_overall' : 's.verified_overall';
  q = q.where(sql.ref(col), op, level);
  return q
    .select(sql<number | null>`${sql.ref(col)}`.as('level'))
    .orderBy('a.code')
    .execute();
}

export type SegmentColumn = 'track' | 'org_type' | 'role' | 'ministry_code' | 'region';

/** A stored answer as item statistics read it (null fields: no answer row). */
export interface StoredAnswer {
  value: unknown;
  not_applicable: { justification: string } | null;
  verification: 'self_reported' | 'verified' | 'rejected';
  coded_category: string | null;
}

/** Respondents alike in all that item statistics read of them, and how many there are. */
export interface RespondentProfile {
  track: string;
  /** The cross-by column's value (null when there is no cross-by). */
  segment: string | null;
  /** The stored answer to each code, in the order of `codes`; null where there is none. */
  answers: (StoredAnswer | null)[];
  n: number;
  /** The profile's agencies, in id order of their responses (only when asked for: the drill-down). */
  agencyIds?: number[];
}

/**
 * Submitted respondents of the segment folded in SQL into profiles: the track, the cross-by column
 * and the stored answer (value, not applicable, verification, coding) to each of `codes`. A national
 * cycle has 8,000 respondents but far fewer distinct profiles, so little crosses the wire and the
 * service runs the engine's own reading once per profile. Profiles come in the order of their first
 * respondent's id, so anything counted "in order of first appearance" sees respondents in id order.
 */
export async function respondentProfiles(
  db: Db,
  cycleId: number,
  seg: SegmentQuery,
  codes: readonly string[],
  crossColumn: SegmentColumn | undefined,
  withAgencies = false,
): Promise<RespondentProfile[]> {
  const x = (i: number) => sql.raw(`x${i}`);
  const filters = [sql`r.cycle_id = ${cycleId}`, sql`r.status in (${sql.join([...SUBMITTED])})`];
  if (seg.track) filters.push(sql`a.track = ${seg.track}`);
  if (seg.orgType) filters.push(sql`a.org_type = ${seg.orgType}`);
  if (seg.role) filters.push(sql`a.role = ${seg.role}`);
  if (seg.ministry) filters.push(sql`a.ministry_code = ${seg.ministry}`);
  if (seg.region) filters.push(sql`a.region = ${seg.region}`);
  const cols = [sql`a.track`, crossColumn ? sql.ref(`a.${crossColumn}`) : sql`null::text`];
  codes.forEach((_, i) => {
    cols.push(
      sql`${x(i)}.response_id is not null`,
      sql`${x(i)}.value`,
      sql`${x(i)}.not_applicable`,
      sql`${x(i)}.verification`,
      sql`${x(i)}.coded_category`,
    );
  });
  const joins = codes.map(
    (code, i) => sql`left join answers ${x(i)} on ${x(i)}.response_id = r.id and ${x(i)}.question_code = ${code}`,
  );
  const positions = cols.map((_, i) => sql.raw(String(i + 1)));
  const result = await sql<Record<string, unknown>>`
    select ${sql.join(cols.map((c, i) => sql`${c} as ${sql.raw(`c${i}`)}`))}, count(*)::int as n${withAgencies ? sql`, array_agg(r.agency_id order by r.id) as agency_ids` : sql``}
    from responses r
    join agencies a on a.id = r.agency_id
    ${sql.join(joins, sql` `)}
    where ${sql.join(filters, sql` and `)}
    group by ${sql.join(positions)}
    order by min(r.id)`.execute(db);
  return result.rows.map((row) => ({
    track: row.c0 as string,
    segment: (row.c1 as string | null) ?? null,
    answers: codes.map((_, i) => {
      const at = 2 + i * 5;
      if (row[`c${at}`] !== true) return null;
      return {
        value: row[`c${at + 1}`],
        not_applicable: row[`c${at + 2}`] as StoredAnswer['not_applicable'],
        verification: row[`c${at + 3}`] as StoredAnswer['verification'],
        coded_category: row[`c${at + 4}`] as string | null,
      };
    }),
    n: row.n as number,
    ...(withAgencies ? { agencyIds: (row.agency_ids as number[]).map(Number) } : {}),
  }));
}

export async function reasonCategories(db: Db, cycleId: number, questionCode: string) {
  return db
    .selectFrom('reason_categories')
    .select(['code', 'label_th', 'label_en'])
    .where('cycle_id', '=', cycleId)
    .where('question_code', '=', questionCode)
    .execute();
}

/** One batch of submitted responses for the raw exports, keyset-paginated by response id. */
export async function rawResponseBatch(db: Db, cycleId: number, afterId: number, limit: number) {
  return rawResponsesQuery(db, cycleId).where('r.id', '>', afterId).limit(limit).execute();
}

export async function answersOfResponses(db: Db, responseIds: readonly number[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom('answers')
    .select(['response_id', 'question_code', 'value', 'not_applicable', 'verification', 'coded_category'])
    .where('response_id', 'in', [...responseIds])
    .orderBy('response_id')
    .orderBy('question_code')
    .execute();
}

/**
 * The raw exports as two statements for server-side cursors, both in (response id, question code)
 * order like the paged batches: the submitted responses, and their answers. Kept apart so that the
 * agency's names are not repeated on each of its 250 answers.
 */
export const rawResponsesQuery = (db: Db, cycleId: number) =>
  db
    .selectFrom('responses as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.status', 'a.code', 'a.name_th', 'a.name_en', 'a.track'])
    .where('r.cycle_id', '=', cycleId)
    .where('r.status', 'in', SUBMITTED)
    .orderBy('r.id');

export const rawAnswersQuery = (db: Db, cycleId: number) =>
  db
    .selectFrom('answers as x')
    .innerJoin('responses as r', 'r.id', 'x.response_id')
    .select(['x.response_id', 'x.question_code', 'x.value', 'x.not_applicable', 'x.verification', 'x.coded_category'])
    .where('r.cycle_id', '=', cycleId)
    .where('r.status', 'in', SUBMITTED)
    .orderBy('x.response_id')
    .orderBy('x.question_code');

/** The minimum segment size an administrator set for the cycle, if any (see cycle-admin). */
export async function findDisclosurePolicy(db: Db, cycleId: number) {
  return db
    .selectFrom('cycle_disclosure_policies')
    .select(['cycle_id', 'min_segment_size', 'updated_at'])
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
}

/**
 * Agencies behind the level figures (current snapshots of submitted responses) per track and value
 * of one registry column, across the whole cycle: the populations disclosure control weighs.
 */
export async function snapshotCells(db: Db, cycleId: number, column: SegmentColumn) {
  const rows = await currentSnapshots(db, cycleId, {})
    .select(['a.track', sql<string | null>`${sql.ref(`a.${column}`)}`.as('value'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['a.track', sql.ref(`a.${column}`)])
    .execute();
  return rows.map((r) => ({ track: r.track as string, value: r.value ?? '(none)', n: r.n }));
}
