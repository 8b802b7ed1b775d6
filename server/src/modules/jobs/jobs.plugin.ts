import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../../db/database';
import { createStorage } from '../../lib/storage-factory';
import type { Config } from '../../plugins/config';
import { openQueue } from './queue';
import type { JobRuntime } from './runtime';
import { createJobRuntime } from './worker-runtime';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRuntime;
  }
}

/**
 * Every app server can start jobs and report them; it runs them too when WORKER_IN_PROCESS is
 * true (always on the embedded database), else `npm run worker` does.
 */
async function jobsPlugin(app: FastifyInstance, opts: { config: Config; database: DatabaseHandle }) {
  const { config, database } = opts;
  const boss = await openQueue(database, {
    sliceSeconds: config.JOB_SLICE_SECONDS,
    maintenanceSeconds: config.JOB_MAINTENANCE_SECONDS,
    supervise: config.WORKER_IN_PROCESS,
  });
  const runtime = createJobRuntime(config, database.db, createStorage(config), boss, (m) => app.log.info(m));
  if (config.WORKER_IN_PROCESS) await runtime.work();
  app.decorate('jobs', runtime);
  // Queue depth for /metrics: jobs not yet finished, by kind and state, from the shared job table.
  app.appMetrics.setJobQueueDepthProvider(async () => {
    const rows = await database.db
      .selectFrom('background_jobs')
      .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy(['kind', 'status'])
      .execute();
    return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, Number(r.n)]));
  });
  app.addHook('onClose', async () => runtime.close());
}

export default fp(jobsPlugin, { name: 'jobs' });
