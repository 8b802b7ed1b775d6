import { DomainError } from '@dg/shared/domain/errors';
import { correctionIssues } from '@dg/shared/domain/framework-correction';
import { validateFramework } from '@dg/shared/domain/framework-validate';
import type { CorrectionResult } from '@dg/shared/schemas/framework-correction';
import type { Db } from '../../db/database';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './frameworks.repository';
import { type FrameworkActor, parseStoredFramework } from './frameworks.service';

export type CorrectionOutcome = CorrectionResult;

/**
 * Corrects a framework in place, also once cycles using it have opened (which `importFramework`
 * refuses). Only what `correctionIssues` allows may change, so stored answers keep their meaning;
 * the superseded document is kept in framework_revisions. Results are not touched here: the
 * administrator recomputes each cycle and reviews the report of changed levels.
 */
export async function correctFramework(
  db: Db,
  frameworkId: number,
  input: unknown,
  note: string,
  actor: FrameworkActor,
): Promise<CorrectionOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('frameworks')
      .selectAll()
      .where('id', '=', frameworkId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', `Framework ${frameworkId} not found`);
    const current = parseStoredFramework(row);
    const previousCode = current.previousCode;
    const previousRow = previousCode ? await repo.findFrameworkByCode(trx, previousCode) : undefined;
    const result = validateFramework(input, { previous: previousRow ? parseStoredFramework(previousRow) : undefined });
    if (!result.ok) {
      throw new DomainError('FRAMEWORK_INVALID', `The framework has ${result.issues.length} problem(s)`, result.issues);
    }
    const issues = correctionIssues(current, result.framework);
    if (issues.length > 0) {
      throw new DomainError(
        'FRAMEWORK_INVALID',
        `The correction changes ${issues.length} thing(s) a correction may not change`,
        issues,
      );
    }
    const cycles = (
      await trx
        .selectFrom('cycles')
        .select(['id', 'fiscal_year', 'status'])
        .where('framework_id', '=', frameworkId)
        .orderBy('fiscal_year')
        .execute()
    ).map((c) => ({ id: c.id, fiscalYear: c.fiscal_year, status: c.status }));
    const hash = repo.frameworkHash(result.framework);
    const base = { id: row.id, code: row.code, previousHash: row.hash, cycles };
    if (hash === row.hash) return { ...base, revision: row.revision, hash, changed: false };

    await trx
      .insertInto('framework_revisions')
      .values({
        framework_id: row.id,
        revision: row.revision,
        hash: row.hash,
        document: JSON.stringify(row.document),
        superseded_by_hash: hash,
        note,
        superseded_by: actor.userId,
      })
      .execute();
    const updated = await repo.replaceFrameworkDocument(trx, row.id, result.framework, row.revision + 1);
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorEmail: actor.email,
      ip: actor.ip,
      action: 'framework.correction',
      entityType: 'framework',
      entityId: row.id,
      before: { hash: row.hash, revision: row.revision },
      after: { hash: updated.hash, revision: updated.revision },
      meta: { note, cycles: cycles.map((c) => c.id) },
    });
    return { ...base, revision: updated.revision, hash: updated.hash, changed: true };
  });
}
