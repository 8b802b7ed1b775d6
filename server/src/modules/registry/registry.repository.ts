import type { Db } from '../../db/database';

export interface AgencyFilter {
  track?: 'department' | 'province';
  orgType?: string;
  role?: string;
  ministry?: string;
  q?: string;
  active?: boolean;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function agencyQuery(db: Db) {
  return db
    .selectFrom('agencies as a')
    .leftJoin('ministries as m', 'm.code', 'a.ministry_code')
    .selectAll('a')
    .select(['m.name_th as ministry_name_th', 'm.name_en as ministry_name_en']);
}

export async function listAgencies(db: Db, f: AgencyFilter) {
  let q = agencyQuery(db);
  if (f.track) q = q.where('a.track', '=', f.track);
  if (f.orgType) q = q.where('a.org_type', '=', f.orgType);
  if (f.role) q = q.where('a.role', '=', f.role);
  if (f.ministry) q = q.where('a.ministry_code', '=', f.ministry);
  if (f.active !== undefined) q = q.where('a.active', '=', f.active);
  if (f.q) {
    const like = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([eb('a.name_th', 'ilike', like), eb('a.name_en', 'ilike', like), eb('a.code', 'ilike', like)]),
    );
  }
  return q.orderBy('a.track').orderBy('a.code').execute();
}

export const findAgency = (db: Db, id: number) => agencyQuery(db).where('a.id', '=', id).executeTakeFirst();

export const lockAgency = (db: Db, id: number) =>
  db.selectFrom('agencies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function insertHistory(
  db: Db,
  h: { agencyId: number; kind: string; before: unknown; after: unknown; changedBy: number | null },
) {
  await db
    .insertInto('agency_history')
    .values({
      agency_id: h.agencyId,
      kind: h.kind,
      before: JSON.stringify(h.before),
      after: JSON.stringify(h.after),
      changed_by: h.changedBy,
    })
    .execute();
}

export const listHistory = (db: Db, agencyId: number) =>
  db
    .selectFrom('agency_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .selectAll('h')
    .select('u.display_name as changed_by_name')
    .where('h.agency_id', '=', agencyId)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();

const AGENCY_SORT_COLUMNS = {
  code: 'a.code',
  name: 'a.name_th',
  ministry: 'a.ministry_code',
  updatedAt: 'a.updated_at',
} as const;

export interface AgencyPageFilter extends Omit<AgencyFilter, 'active'> {
  status?: 'active' | 'inactive' | 'merged';
  sort: { key: keyof typeof AGENCY_SORT_COLUMNS; desc: boolean };
  limit: number;
  offset: number;
}

/** One page of the registry and how many agencies match in all. */
export async function pagedAgencies(db: Db, f: AgencyPageFilter) {
  let q = agencyQuery(db);
  if (f.track) q = q.where('a.track', '=', f.track);
  if (f.orgType) q = q.where('a.org_type', '=', f.orgType);
  if (f.role) q = q.where('a.role', '=', f.role);
  if (f.ministry) q = q.where('a.ministry_code', '=', f.ministry);
  if (f.status === 'merged') q = q.where('a.merged_into_id', 'is not', null);
  else if (f.status) q = q.where('a.merged_into_id', 'is', null).where('a.active', '=', f.status === 'active');
  if (f.q) {
    const like = `%${escapeLike(f.q.trim())}%`;
    q = q.where((eb) =>
      eb.or([eb('a.name_th', 'ilike', like), eb('a.name_en', 'ilike', like), eb('a.code', 'ilike', like)]),
    );
  }
  const column = AGENCY_SORT_COLUMNS[f.sort.key];
  const [rows, count] = await Promise.all([
    q
      .orderBy(column, f.sort.desc ? 'desc' : 'asc')
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
