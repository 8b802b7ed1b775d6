import fs from 'node:fs';
import os from 'node:os';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createStorage } from './lib/storage-factory';
import { openQueue } from './modules/jobs/queue';
import { createJobRuntime } from './modules/jobs/worker-runtime';
import { ConfigError, loadConfig } from './plugins/config';

/**
 * Every thread of this process to `nice` (setpriority on Linux applies to one thread, and V8's and
 * libuv's threads already run): report rendering and its data work yield to the API and the
 * database on shared cores. Threads started later inherit it. Raising nice needs no privilege.
 */
function lowerOwnPriority(nice: number): void {
  if (nice <= 0) return;
  let tids: number[] = [0];
  try {
    tids = fs.readdirSync('/proc/self/task').map(Number);
  } catch {
    // not Linux: the process's priority only
  }
  for (const tid of tids) {
    try {
      if (os.getPriority(tid) < nice) os.setPriority(tid, nice);
    } catch {
      // a thread that ended meanwhile, or a platform without per-thread priorities
    }
  }
}

/**
 * The background worker: runs queued jobs (report ZIPs, report pre-rendering, open-data packages)
 * off the API servers, which then set WORKER_IN_PROCESS=false. Needs DATABASE_URL (the embedded
 * database runs its jobs inside the app) and the same storage settings as the app servers.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (!config.DATABASE_URL) {
    console.error('The worker needs DATABASE_URL: on the embedded database the app runs its own jobs.');
    process.exit(1);
  }
  lowerOwnPriority(config.WORKER_NICE);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolMax: Math.min(config.DATABASE_POOL_MAX, 8),
  });
  await migrateToLatest(database.db);
  const boss = await openQueue(database, {
    sliceSeconds: config.JOB_SLICE_SECONDS,
    maintenanceSeconds: config.JOB_MAINTENANCE_SECONDS,
    supervise: true,
  });
  const log = (m: string) => console.log(JSON.stringify({ time: new Date().toISOString(), msg: m }));
  // A worker at a lowered priority also renders at idle priority (WORKER_NICE=0: neither).
  const pdfPriority = config.WORKER_NICE > 0 ? 'idle' : 'normal';
  const runtime = createJobRuntime(config, database.db, createStorage(config), boss, log, pdfPriority);
  await runtime.work();
  log(`worker ${process.pid} ready`);
  const shutdown = async (signal: string) => {
    log(`worker shutting down (${signal})`);
    await runtime.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
