import type { ReadinessCheck, Readyz } from '@dg/shared/schemas/health';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { knownMigrationNames } from '../../db/migrate';

const DB_TIMEOUT_MS = 2000;

/** Rejects after `ms`: a database that does not answer is as unready as one that refuses. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkDatabase(app: FastifyInstance): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  let ok = true;
  try {
    await withTimeout(sql`select 1`.execute(app.db), DB_TIMEOUT_MS);
  } catch {
    ok = false;
  }
  return { ok, latencyMs: Math.round(performance.now() - started) };
}

const UNDEFINED_TABLE = '42P01';

/** Whether this server may take traffic: its database answers, its schema is current, it is not shedding. */
export function readinessCheck(app: FastifyInstance): () => Promise<Readyz> {
  // The build's migrations are fixed for the process's life: read their names once.
  const expected = knownMigrationNames();
  return async () => {
    const shedding = app.isUnderPressure();
    const started = performance.now();
    let databaseOk = true;
    let pending: number | null = null;
    try {
      // One round trip answers both: the database is reachable, and which migrations it has.
      const { rows } = await withTimeout(
        sql<{ name: string }>`select name from kysely_migration`.execute(app.db),
        DB_TIMEOUT_MS,
      );
      const applied = new Set(rows.map((r) => r.name));
      pending = expected.filter((name) => !applied.has(name)).length;
    } catch (err) {
      // No bookkeeping table: reachable, but never migrated.
      if ((err as { code?: string }).code === UNDEFINED_TABLE) pending = expected.length;
      else databaseOk = false;
    }
    const checks = {
      database: { ok: databaseOk, latencyMs: Math.round(performance.now() - started) },
      migrations: { ok: pending === 0, pending },
      load: { ok: !shedding, shedding },
    };
    const failed: ReadinessCheck[] = [];
    if (!checks.database.ok) failed.push('database');
    // Unknown while the database is down: only the database is named then.
    if (pending !== null && pending > 0) failed.push('migrations');
    if (shedding) failed.push('load');
    return { status: failed.length === 0 ? 'ready' : 'not_ready', failed, checks };
  };
}
