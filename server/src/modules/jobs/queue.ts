import { JobKindSchema } from '@dg/shared/schemas/report';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { type DatabaseHandle, pgPoolOf } from '../../db/database';

/** The queues, one per job kind: the kinds the API contract names. */
export const JOB_KINDS = JobKindSchema.options;
export type JobKind = (typeof JOB_KINDS)[number];

export interface QueueOptions {
  /** A run starts no new work after this many seconds; the queue expires a run after five times that. */
  sliceSeconds: number;
  maintenanceSeconds: number;
  /** Whether this process supervises the queue (expiry, retries, archiving): any process that works jobs. */
  supervise: boolean;
}

export interface QueueMessage {
  jobId: string;
}

/**
 * pg-boss over the app's own database. On PostgreSQL it shares the app's pool. On the
 * embedded PGlite (one connection) it runs through Kysely's connection lock, so its statements
 * never land inside a transaction of the app's; statements without parameters may hold several
 * commands (its migrations), which only PGlite's exec() runs.
 */
export async function openQueue(database: DatabaseHandle, opts: QueueOptions): Promise<PgBoss> {
  const common = {
    schema: await queueSchema(database),
    supervise: opts.supervise,
    schedule: false,
    maintenanceIntervalSeconds: opts.maintenanceSeconds,
    monitorStateIntervalSeconds: Math.max(opts.maintenanceSeconds, 60),
  };
  let boss: PgBoss;
  if (database.kind === 'postgres') {
    const pool = pgPoolOf(database.db);
    if (!pool) throw new Error('The job queue needs the PostgreSQL pool');
    boss = new PgBoss({ ...common, db: { executeSql: (text, values) => pool.query(text, values) } });
  } else {
    const pglite = database.pglite;
    if (!pglite) throw new Error('The job queue needs the embedded PGlite instance');
    const db = {
      executeSql: (text: string, values?: unknown[]) =>
        database.db.connection().execute(async () => {
          if (values?.length) return pglite.query(text, values as never[]);
          const results = await pglite.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        }),
    };
    boss = new PgBoss({ ...common, db } as PgBoss.ConstructorOptions);
  }
  // Errors of the queue's own loops (a lost connection) are retried by pg-boss; they must not crash the process.
  boss.on('error', (e) => console.error('job queue:', e.message));
  const expireInSeconds = Math.max(30, opts.sliceSeconds * 5);
  // Servers starting at the same moment create the queue's tables and queues concurrently, which
  // PostgreSQL may resolve by cancelling one as a deadlock: that one tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.start();
      for (const name of JOB_KINDS) {
        const options = { name, retryLimit: 20, retryDelay: 2, expireInSeconds, retentionDays: 7 };
        if (!(await boss.getQueue(name))) await boss.createQueue(name, options);
      }
      return boss;
    } catch (e) {
      if (attempt >= 8) throw e;
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 800 * attempt));
    }
  }
}

/**
 * "pgboss" normally; beside the tables' schema when it is not public (tests give each file a
 * schema of its own in one shared embedded instance).
 */
async function queueSchema(database: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
  const current = rows[0]?.s ?? 'public';
  return current === 'public' ? 'pgboss' : `${current}_boss`.slice(0, 50);
}
