import type { Db } from '../../db/database';
import { cyclesWithFramework } from '../analytics/analytics.repository';

/** Published cycles only: every public read starts here, so nothing else is reachable. */
const publishedCycles = (db: Db) =>
  cyclesWithFramework(db)
    .select([
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
