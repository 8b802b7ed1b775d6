import type { Db } from '../../db/database';

/** Published cycles only: every public read starts here, so nothing else is reachable. */
const publishedCycles = (db: Db) =>
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
      'c.published_at',
      'f.code as framework_code',
      'f.title_th as framework_title_th',
      'f.title_en as framework_title_en',
    ])
    .where('c.status', '=', 'published');

export type PublishedCycleRow = NonNullable<Awaited<ReturnType<typeof findPublishedCycle>>>;

export const findPublishedCycle = (db: Db, fiscalYear: number) =>
  publishedCycles(db).where('c.fiscal_year', '=', fiscalYear).executeTakeFirst();

export const listPublishedCycles = (db: Db) => publishedCycles(db).orderBy('c.fiscal_year', 'desc').execute();
