import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema';
import './schema-staff';
import './schema-trials';

// bigint counts and numerics as JS numbers: PGlite already does this, so both drivers agree.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type DbKind = 'postgres' | 'pglite';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** Connections in the pool (1 for the embedded database, which runs one query at a time). */
  poolMax?: number;
  /** The embedded instance itself (pglite only): the job queue runs its multi-statement SQL on it. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** The pg pool behind a Kysely instance, for the few hot statements that want a named (prepared) plan. */
const pools = new WeakMap<Db, pg.Pool>();
export const pgPoolOf = (db: Db): pg.Pool | undefined => pools.get(db);
/** Its connection string, for connections that must stay out of the pool (LISTEN). */
const urls = new WeakMap<Db, string>();
export const pgUrlOf = (db: Db): string | undefined => urls.get(db);

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolMax?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 20 });
    // An idle client losing its server (Postgres restarted) must not crash the process.
    pool.on('error', () => {});
    // A checked-out client (mid-transaction) losing its server emits 'error' too: unhandled, that
    // would crash the process; the query in flight already rejects and is answered with 503.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    urls.set(db, opts.databaseUrl);
    return { db, kind: 'postgres', poolMax: opts.poolMax ?? 20, close: () => db.destroy() };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', pglite: client, close: () => db.destroy() };
}
