import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import type { Db } from '../../server/src/db/database';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { insertAgency, type SignedIn } from './fixtures';
import type { TestApp } from './test-app';

const DAY = 86_400_000;

/** An open fiscal-2023 cycle of the framework, opened yesterday, closing at `closesAt` (30 days on by default). */
export async function insertOpenCycle(
  db: Db,
  frameworkId: number,
  closesAt: Date | string = new Date(Date.now() + 30 * DAY),
): Promise<number> {
  const cycle = await db
    .insertInto('cycles')
    .values({
      fiscal_year: 2023,
      name_th: 'การสำรวจ 2566',
      name_en: 'Survey 2023',
      framework_id: frameworkId,
      status: 'open',
      opens_at: new Date(Date.now() - DAY),
      closes_at: closesAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return cycle.id;
}

/** The 2566 framework in an open fiscal-2023 cycle closing in 30 days, and `who`'s response in it. */
export async function openCycleWithResponse(
  t: TestApp,
  who: SignedIn,
): Promise<{ cycleId: number; responseId: number }> {
  const { row } = await importFramework(t.db, dgrs2566, { userId: null, email: null, ip: null });
  const cycleId = await insertOpenCycle(t.db, row.id);
  const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycleId}/my-response`, headers: who.headers });
  if (res.statusCode !== 200) throw new Error(`my-response: ${res.statusCode} ${res.body}`);
  return { cycleId, responseId: res.json().response.id };
}

/**
 * An open fiscal-2023 cycle of the given framework that closes on 30 June 2030 (a fixed date, so
 * reminder mails quote a known deadline), with agencies inserted by code and `invited` of them in
 * the cycle. Returns the cycle and the agencies' ids by code.
 */
export async function openCycleWithAgencies(
  db: Db,
  frameworkId: number,
  codes: string[],
  invited: string[] = codes,
): Promise<{ cycleId: number; id: Record<string, number> }> {
  const cycleId = await insertOpenCycle(db, frameworkId, '2030-06-30T10:00:00Z');
  const id: Record<string, number> = {};
  for (const code of codes) id[code] = (await insertAgency(db, code)).id;
  for (const code of invited) {
    await db
      .insertInto('cycle_agencies')
      .values({ cycle_id: cycleId, agency_id: id[code] as number })
      .execute();
  }
  return { cycleId, id };
}
