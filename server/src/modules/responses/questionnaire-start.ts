import { pickCycle } from '@dg/shared/domain/current-cycle';
import { isAgencyRole } from '@dg/shared/schemas/auth';
import type { QuestionnaireStart } from '@dg/shared/schemas/session-start';
import type { Db } from '../../db/database';
import type { Principal } from '../../plugins/auth';
import { listCycles } from '../cycles/cycles.repository';
import { myResponse } from './responses.service';

/**
 * The questionnaire's first reads, as GET /api/cycles and GET /api/cycles/:id/my-response answer
 * them, for the cycle the page opens on: handed out with the restored session so a respondent on a
 * slow link waits for one round trip, not three in a row.
 */
export async function questionnaireStart(db: Db, principal: Principal): Promise<QuestionnaireStart> {
  const cycles = await listCycles(db, principal);
  const cycle = pickCycle(cycles);
  if (!cycle) return { cycles, current: null };
  const mine = isAgencyRole(principal.role) && principal.agencyId !== null;
  return {
    cycles,
    current: {
      cycleId: cycle.id,
      frameworkHash: cycle.frameworkHash,
      myResponse: mine ? await myResponse(db, principal, cycle.id) : null,
    },
  };
}
