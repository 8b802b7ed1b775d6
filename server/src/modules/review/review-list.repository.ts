import type { AssigneeFilter } from '@dg/shared/schemas/review-queue';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export interface QueuePageFilter {
  statuses: readonly ('submitted' | 'returned' | 'verified')[];
  track?: 'department' | 'province';
  search?: string;
  assignee: Exclude<AssigneeFilter, 'auto'>;
  /** The caller, for `mine`. */
  userId: number;
  sort: { key: string; desc: boolean };
  limit: number;
  offset: number;
}

export const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const SORT_COLUMNS: Record<string, string> = {
  submittedAt: 'r.submitted_at',
  agencyCode: 'a.code',
  agencyName: 'a.name_th',
  status: 'r.status',
  round: 'r.round',
  verifiedOverall: 's.verified_overall',
};

function filtered(db: Db, cycleId: number, f: QueuePageFilter) {
  let q = db
    .selectFrom('responses as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('analyst_assignments as aa', 'aa.agency_id', 'r.agency_id')
    .where('r.cycle_id', '=', cycleId)
    .where('r.status', 'in', [...f.statuses]);
  if (f.track) q = q.where('a.track', '=', f.track);
  if (f.search) {
    const like = likePattern(f.search);
    q = q.where((eb) =>
      eb.or([eb('a.name_th', 'ilike', like), eb('a.name_en', 'ilike', like), eb('a.code', 'ilike', like)]),
    );
  }
  if (f.assignee === 'mine') q = q.where('aa.analyst_id', '=', f.userId);
  else if (f.assignee === 'unassigned') q = q.where('aa.analyst_id', 'is', null);
  else if (typeof f.assignee === 'number') q = q.where('aa.analyst_id', '=', f.assignee);
  return q;
}

type Filtered = ReturnType<typeof filtered>;

/** One page of the queue, with the agency, its analyst and the current snapshot's overall levels. */
export async function queuePage(db: Db, cycleId: number, f: QueuePageFilter) {
  const base: Filtered = filtered(db, cycleId, f);
  const column = SORT_COLUMNS[f.sort.key] ?? 'r.submitted_at';
  const dir = f.sort.desc ? sql`desc` : sql`asc`;
  const [rows, count] = await Promise.all([
    base
      .leftJoin('result_snapshots as s', (j) => j.onRef('s.response_id', '=', 'r.id').on('s.is_current', '=', true))
      .leftJoin('users as u', 'u.id', 'aa.analyst_id')
      .select([
        'r.id',
        'r.agency_id',
        'r.status',
        'r.round',
        'r.submitted_at',
        'a.code as agency_code',
        'a.name_th',
        'a.name_en',
        'a.track',
        's.self_overall',
        's.verified_overall',
        'aa.analyst_id',
        'u.display_name as analyst_name',
      ])
      .orderBy(sql`${sql.ref(column)} ${dir} nulls last`)
      .orderBy('r.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function assignedCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('analyst_assignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('analyst_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
