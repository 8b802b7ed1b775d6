import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import pLimit from 'p-limit';
import type { Db, DbKind } from '../db/database';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DbKind;
    /**
     * Runs a high-volume write (an autosave) in a bulkhead that leaves pool connections free, so
     * reads (dashboards, the questionnaire itself) never queue behind a deadline-day save storm.
     */
    writeSlot: <T>(fn: () => Promise<T>) => Promise<T>;
  }
}

export interface DbPluginOptions {
  db: Db;
  kind: DbKind;
  poolMax?: number;
  /** Autosaves running at once (AUTOSAVE_CONCURRENCY); by default all but a few pool connections. */
  writeConcurrency?: number;
}

/** Pool connections kept out of the autosave bulkhead for everything else. */
const RESERVED_FOR_READS = 4;

/** The connection is opened by the caller so tests can share one embedded instance across apps. */
async function dbPlugin(app: FastifyInstance, opts: DbPluginOptions) {
  app.decorate('db', opts.db);
  app.decorate('dbKind', opts.kind);
  const slots =
    opts.writeConcurrency ?? (opts.poolMax ? Math.max(1, opts.poolMax - RESERVED_FOR_READS) : Number.POSITIVE_INFINITY);
  app.decorate('writeSlot', pLimit(slots));
}

export default fp(dbPlugin, { name: 'db' });
