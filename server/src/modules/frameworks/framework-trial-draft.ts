import { DomainError } from '@dg/shared/domain/errors';
import type { Db } from '../../db/database';
import * as repo from './frameworks.repository';
import { parseStoredFramework } from './frameworks.service';

/** A framework that may still be trialled: it exists and no real cycle on it has opened. */
export async function loadDraftFramework(db: Db, id: number) {
  const row = await repo.findFrameworkById(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `Framework ${id} not found`);
  if (await repo.isFrameworkFrozen(db, id)) {
    throw new DomainError(
      'INVALID_STATE',
      `Framework ${row.code} is used by an opened cycle: trial runs are for drafts before the real cycle opens`,
    );
  }
  return { framework: parseStoredFramework(row), hash: row.hash, code: row.code };
}
