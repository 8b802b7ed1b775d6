import { DomainError } from '@dg/shared/domain/errors';
import { validateFramework } from '@dg/shared/domain/framework-validate';
import type { Framework } from '@dg/shared/schemas/framework';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './frameworks.repository';

export interface FrameworkActor {
  userId: number | null;
  email: string | null;
  ip: string | null;
}

/** Parsed frameworks by content hash: documents are immutable per hash, so the cache never goes stale. */
const parsed = new Map<string, Framework>();

export function parseStoredFramework(row: { document: unknown; hash: string }): Framework {
  let f = parsed.get(row.hash);
  if (!f) {
    // Stored documents keep loading when an authoring rule is added later.
    const result = validateFramework(row.document, { stored: true });
    if (!result.ok) throw new DomainError('FRAMEWORK_INVALID', 'Stored framework no longer validates', result.issues);
    f = result.framework;
    parsed.set(row.hash, f);
  }
  return f;
}

export async function loadFramework(db: Db, id: number): Promise<{ id: number; hash: string; framework: Framework }> {
  const row = await repo.findFrameworkById(db, id);
  if (!row) throw new DomainError('NOT_FOUND', `Framework ${id} not found`);
  return { id: row.id, hash: row.hash, framework: parseStoredFramework(row) };
}

/**
 * Validates and stores a framework document. A new code inserts; an existing code replaces its
 * document only while no cycle using it has opened (frozen afterwards, so past results stay explainable).
 */
export async function importFramework(db: Db, input: unknown, actor: FrameworkActor) {
  const code = (input as { previousCode?: unknown })?.previousCode;
  const previousRow = typeof code === 'string' ? await repo.findFrameworkByCode(db, code) : undefined;
  const previous = previousRow ? parseStoredFramework(previousRow) : undefined;
  const result = validateFramework(input, { previous });
  if (!result.ok) {
    throw new DomainError('FRAMEWORK_INVALID', `The framework has ${result.issues.length} problem(s)`, result.issues);
  }
  const framework = result.framework;
  return db.transaction().execute(async (trx) => {
    const existing = await repo.findFrameworkByCode(trx, framework.code);
    let row: Awaited<ReturnType<typeof repo.insertFramework>>;
    if (existing) {
      if (existing.hash === repo.frameworkHash(framework)) return { row: existing, framework, changed: false };
      if (await repo.isFrameworkFrozen(trx, existing.id)) {
        throw new DomainError('INVALID_STATE', `Framework ${framework.code} is used by an opened cycle and is frozen`);
      }
      row = await repo.replaceFrameworkDocument(trx, existing.id, framework);
    } else {
      row = await repo.insertFramework(trx, framework, actor.userId);
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: existing ? 'framework.replace' : 'framework.import',
      entityType: 'framework',
      entityId: row.id,
      before: existing ? { hash: existing.hash } : undefined,
      after: { code: framework.code, hash: row.hash },
    });
    return { row, framework, changed: true };
  });
}
