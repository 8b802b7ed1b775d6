import type { Track } from '@dg/shared/schemas/framework';
import type { ItemAgencies, ItemAgenciesQuery } from '@dg/shared/schemas/item-agencies';
import type { Db } from '../../db/database';
import { cycleFramework } from './analytics.cycle';
import { itemSubject } from './analytics.items';
import type * as repo from './analytics.repository';
import { loadRespondents } from './analytics.respondents';

/**
 * The explorer's drill-down (staff only): the agencies behind one count of a question's or derived
 * indicator's table. The same respondents, the same visibility and the same rule that counted them
 * (itemSubject's `counts`), so the list is exactly as long as the count clicked.
 */
export async function itemAgencies(
  db: Db,
  cycle: repo.CycleRow,
  code: string,
  q: ItemAgenciesQuery,
): Promise<ItemAgencies> {
  const framework = await cycleFramework(db, cycle);
  const subject = await itemSubject(db, cycle.id, framework, code);
  const seg = { track: q.track, orgType: q.orgType, role: q.role, ministry: q.ministry, region: q.region };
  const respondents = await loadRespondents(db, cycle.id, framework, seg, subject.codes, q.crossBy, true);
  const segment = q.crossBy ? (q.segment ?? null) : null;
  const ids = respondents
    .filter((r) => subject.tracks.includes(r.track as Track))
    .filter((r) => segment === null || (r.segment ?? '(none)') === segment)
    .filter((r) => subject.counts(r, q.option))
    .flatMap((r) => r.agencyIds ?? []);
  const rows = ids.length
    ? await db
        .selectFrom('agencies as a')
        .leftJoin('ministries as m', 'm.code', 'a.ministry_code')
        .select([
          'a.id',
          'a.code',
          'a.name_th',
          'a.name_en',
          'a.track',
          'a.region',
          'm.name_th as m_th',
          'm.name_en as m_en',
        ])
        .where('a.id', 'in', ids)
        .orderBy('a.code')
        .execute()
    : [];
  return {
    cycleId: cycle.id,
    code: subject.head.questionCode,
    option: q.option,
    segment,
    agencies: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: { th: r.name_th, en: r.name_en },
      track: r.track,
      ministry: r.m_th !== null && r.m_en !== null ? { th: r.m_th, en: r.m_en } : null,
      // A province-level agency is the province's office: it answers for the province it is named after.
      province: r.track === 'province' ? { th: r.name_th, en: r.name_en } : null,
      region: r.region,
    })),
  };
}
