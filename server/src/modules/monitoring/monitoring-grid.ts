import { parseSort } from '@dg/shared/schemas/data-grid';
import type { NotSubmitted } from '@dg/shared/schemas/monitoring';
import type { NotSubmittedPage, NotSubmittedQuery } from '@dg/shared/schemas/monitoring-grid';
import type { Db } from '../../db/database';
import { cycleOrThrow, notSubmittedList } from './monitoring.service';

const time = (s: string | null) => (s ? Date.parse(s) : -1);

/**
 * A page of the agencies not yet submitted. Progress is worked out per agency from its answers
 * under the show-if logic (not a column), so the list is computed whole, then filtered, sorted
 * and cut here; the client receives one page.
 */
export async function notSubmittedPage(db: Db, cycleId: number, q: NotSubmittedQuery): Promise<NotSubmittedPage> {
  const cycle = await cycleOrThrow(db, cycleId);
  let rows = await notSubmittedList(db, cycle);
  if (q.status) rows = rows.filter((r) => r.status === q.status);
  if (q.track) rows = rows.filter((r) => r.track === q.track);
  const search = q.search?.toLowerCase();
  if (search) {
    rows = rows.filter((r) => [r.code, r.name.th, r.name.en].some((s) => s.toLowerCase().includes(search)));
  }
  const { key, desc } = parseSort(q.sort);
  const value = (r: NotSubmitted): number | string =>
    key === 'progress'
      ? (r.progress ?? -1)
      : key === 'lastActivity'
        ? time(r.lastActivityAt)
        : key === 'deadline'
          ? time(r.deadline)
          : r.code;
  const sorted = [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (desc ? -c : c) || a.code.localeCompare(b.code);
  });
  const start = (q.page - 1) * q.pageSize;
  return { total: rows.length, page: q.page, pageSize: q.pageSize, items: sorted.slice(start, start + q.pageSize) };
}
