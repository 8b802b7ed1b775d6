import os from 'node:os';
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
  /** Autosaves running at once (AUTOSAVE_CONCURRENCY); by default see defaultWriteSlots. */
  writeConcurrency?: number;
}

/** Pool connections kept out of the autosave bulkhead for everything else. */
const RESERVED_FOR_READS = 4;

/**
 * Autosave statements at once by default: one per CPU core (at least two), within the pool but
 * its reserve. Saves that wait are written together by the next statement (save-batcher.ts), and
 * few large batches beat many small ones: on 2 cores, 2 slots gave 2,480 saves/s and 16 slots
 * 1,450 (`npm run bench -- load`), since every statement pays its round trip, commit and WAL flush.
 */
export function defaultWriteSlots(poolMax: number | undefined, cores = os.availableParallelism()): number {
  if (!poolMax) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.min(poolMax - RESERVED_FOR_READS, Math.max(2, cores)));
}

/**
 * Reads come first. Each read in flight (a dashboard, a page load, a poll) takes two autosave
 * slots away, down to two per CPU core: with every slot busy, a dashboard's queries queue for the
 * database's CPU behind sixteen saves (measured p99 3.4 s on 2 cores), while saves lose little by
 * waiting a moment in memory (the client debounces and queues them anyway). With no reads, saves
 * get every slot, which is what group commit needs to keep throughput up.
 */
export function writeSlotsWithReads(slots: number, readsInFlight: number, cores = os.availableParallelism()): number {
  if (!Number.isFinite(slots)) return slots;
  const floor = Math.min(slots, Math.max(2, 2 * cores));
  return Math.max(floor, slots - 2 * readsInFlight);
}

const READ_FLAG = Symbol('dg.read');

/** The connection is opened by the caller so tests can share one embedded instance across apps. */
async function dbPlugin(app: FastifyInstance, opts: DbPluginOptions) {
  app.decorate('db', opts.db);
  app.decorate('dbKind', opts.kind);
  const slots = opts.writeConcurrency ?? defaultWriteSlots(opts.poolMax);
  const limit = pLimit(slots);
  app.decorate('writeSlot', limit);
  if (!Number.isFinite(slots)) return;

  let reads = 0;
  const adjust = () => {
    limit.concurrency = writeSlotsWithReads(slots, reads);
  };
  const done = (req: object) => {
    const r = req as { [READ_FLAG]?: boolean };
    if (!r[READ_FLAG]) return;
    r[READ_FLAG] = false;
    reads--;
    adjust();
  };
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/') || req.url.startsWith('/api/health')) return;
    (req as { [READ_FLAG]?: boolean })[READ_FLAG] = true;
    reads++;
    adjust();
  });
  app.addHook('onResponse', async (req) => done(req));
  app.addHook('onRequestAbort', async (req) => done(req));
}

export default fp(dbPlugin, { name: 'db' });
