import type { AdminCycle, RecomputeReport } from '@dg/shared/schemas/cycle-admin';
import { describe, expectTypeOf, it } from 'vitest';
import type { AgencySummary as ClientAgency } from '../../client/src/features/admin/api';
import type { getJson } from '../../client/src/lib/api';
import type { AgencySummaryListSchema } from '../../shared/src/schemas/registry';

/**
 * Type-level checks, held by `tsc` (npm run typecheck): the client's API layer is typed from the
 * shared schemas, so reading a field the server does not send does not compile. Each
 * `@ts-expect-error` fails the type check if the line below it ever compiles.
 */
type Agency = Awaited<ReturnType<typeof getJson<typeof AgencySummaryListSchema>>>[number];

// Never called: only compiled.
function wrongReads(agency: Agency, cycle: AdminCycle, report: RecomputeReport) {
  // @ts-expect-error /api/agencies sends name.th, not nameTh (issue 24: "D001 undefined")
  const th: string = agency.nameTh;
  // @ts-expect-error an admin cycle has no `title`
  const title: string = cycle.title;
  // @ts-expect-error a recompute report has no `agencies` list (it is `changed`)
  const agencies: unknown[] = report.agencies;
  return [th, title, agencies];
}

describe('client API types come from the shared schemas', () => {
  it('getJson returns the schema’s output type', () => {
    expectTypeOf<Agency>().toEqualTypeOf<ClientAgency>();
    expectTypeOf<Agency['name']>().toEqualTypeOf<{ th: string; en: string }>();
    expectTypeOf<Agency>().not.toHaveProperty('nameTh');
    expectTypeOf(wrongReads).toBeFunction();
  });
});
