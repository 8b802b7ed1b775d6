import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import type { SignedIn } from './fixtures';
import type { TestApp } from './test-app';

const DAY = 86_400_000;

/** The 2566 framework in an open fiscal-2023 cycle closing in 30 days, and `who`'s response in it. */
export async function openCycleWithResponse(
  t: TestApp,
  who: SignedIn,
): Promise<{ cycleId: number; responseId: number }> {
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  const cycle = await t.db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: row.id,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: new Date(Date.now() + 30 * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/my-response`, headers: who.headers });
  if (res.statusCode !== 200) throw new Error(`my-response: ${res.statusCode} ${res.body}`);
  return { cycleId: cycle.id, responseId: res.json().response.id };
}
