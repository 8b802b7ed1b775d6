import { createHash } from 'node:crypto';
import { stableStringify } from '@dg/shared/domain/framework-validate';
import type { Framework } from '@dg/shared/schemas/framework';
import type { Db } from '../../db/database';

/** The content hash recorded with every result, so a past result can be recomputed against the same text. */
export const frameworkHash = (framework: Framework) =>
  createHash('sha256').update(stableStringify(framework)).digest('hex');

export const findFrameworkByCode = (db: Db, code: string) =>
  db.selectFrom('frameworks').selectAll().where('code', '=', code).executeTakeFirst();

export const findFrameworkById = (db: Db, id: number) =>
  db.selectFrom('frameworks').selectAll().where('id', '=', id).executeTakeFirst();

export const listFrameworks = (db: Db) =>
  db
    .selectFrom('frameworks')
    .select(['id', 'code', 'year', 'title_th', 'title_en', 'hash', 'created_at'])
    .orderBy('year', 'desc')
    .execute();

export async function insertFramework(db: Db, framework: Framework, createdBy: number | null) {
  return db
    .insertInto('frameworks')
    .values({
      code: framework.code,
      year: framework.year,
      title_th: framework.title.th,
      title_en: framework.title.en,
      document: JSON.stringify(framework),
      hash: frameworkHash(framework),
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceFrameworkDocument(db: Db, id: number, framework: Framework, revision?: number) {
  return db
    .updateTable('frameworks')
    .set({
      document: JSON.stringify(framework),
      hash: frameworkHash(framework),
      year: framework.year,
      title_th: framework.title.th,
      title_en: framework.title.en,
      ...(revision === undefined ? {} : { revision }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A framework is frozen once any cycle using it has opened. */
export async function isFrameworkFrozen(db: Db, frameworkId: number): Promise<boolean> {
  const row = await db
    .selectFrom('cycles')
    .select('id')
    .where('framework_id', '=', frameworkId)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  return row !== undefined;
}
