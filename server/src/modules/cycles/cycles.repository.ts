import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Draft cycles are still being prepared: only DGA staff see them. */
export const seesDrafts = (p: Principal) => p.role === 'analyst' || p.role === 'admin';

export function cyclesQuery(db: Db) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('frameworks as f', 'f.id', 'c.framework_id')
    .select([
      'c.id',
      'c.fiscal_year',
      'c.name_th',
      'c.name_en',
      'c.status',
      'c.framework_id',
      'f.code as framework_code',
      'f.hash as framework_hash',
      'c.opens_at',
      'c.closes_at',
      'c.published_at',
    ]);
}

/** The cycles `principal` may see, newest first (GET /api/cycles). */
export async function listCycles(db: Db, principal: Principal): Promise<CycleSummary[]> {
  let q = cyclesQuery(db).orderBy('c.fiscal_year', 'desc');
  if (!seesDrafts(principal)) q = q.where('c.status', '!=', 'draft');
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    fiscalYear: r.fiscal_year,
    name: { th: r.name_th, en: r.name_en },
    status: r.status,
    frameworkId: r.framework_id,
    frameworkCode: r.framework_code,
    frameworkHash: r.framework_hash,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    publishedAt: iso(r.published_at),
  }));
}
