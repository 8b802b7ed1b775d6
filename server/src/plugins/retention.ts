import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { applyRetention, type RetentionConfig, type RetentionResult } from '../modules/privacy/retention.service';
import type { Config } from './config';

/** Advisory lock key of the retention job (any constant unique in this database): one server runs it at a time. */
export const RETENTION_LOCK_KEY = 846_001_012;

/**
 * Runs retention once if no other server is running it now (transaction-scoped advisory lock:
 * released by the commit, or by the connection dying). Null when another server holds the lock.
 */
export async function runRetentionOnce(
  db: Db,
  config: RetentionConfig,
  now = new Date(),
): Promise<RetentionResult | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(
      RETENTION_LOCK_KEY,
    )}::bigint) as got`.execute(trx);
    if (!rows[0]?.got) return null;
    return applyRetention(trx, config, now);
  });
}

/**
 * A simple interval timer in every app process; the advisory lock makes one of them do the work.
 * (When a job queue worker exists, it can call runRetentionOnce on its schedule instead.)
 */
async function retentionPlugin(app: FastifyInstance, opts: { config: Config }) {
  const minutes = opts.config.RETENTION_INTERVAL_MINUTES;
  if (minutes <= 0) return;
  const tick = async () => {
    try {
      const result = await runRetentionOnce(app.db, opts.config);
      if (result) app.log.info({ retention: result }, 'retention applied');
    } catch (err) {
      app.log.error({ err }, 'retention failed');
    }
  };
  const timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

export default fp(retentionPlugin, { name: 'retention', dependencies: ['db'] });
