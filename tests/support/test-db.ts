import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { Database } from '../../server/src/db/schema';

export const TEMPLATE_DB = 'dg_test_template';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A test database; `url` (real Postgres only) lets a test open a second, separate connection to it. */
export interface TestDatabase extends DatabaseHandle {
  url?: string;
}

let sharedPglite: PGlite | undefined;
let sharedKysely: Kysely<Database> | undefined;

/**
 * A fresh, migrated database for one test file.
 * Real Postgres: a new database cloned from the migrated template (cheap, as immich does).
 * PGlite: one instance per worker (initdb costs seconds) and a new schema per file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const id = randomBytes(5).toString('hex');
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `dg_t_${id}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
    await admin.end();
    // The app's own connection set-up (pool limits, error handling, prepared hot statements).
    const handle = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: '', poolMax: 10 });
    return {
      ...handle,
      url: withDatabase(url, name),
      close: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  if (!sharedPglite) {
    sharedPglite = await PGlite.create();
    sharedKysely = new Kysely<Database>({ dialect: new PGliteDialect(sharedPglite) });
  }
  const db = sharedKysely as Kysely<Database>;
  const schema = `t_${id}`;
  await sql.raw(`create schema ${schema}`).execute(db);
  await sql.raw(`set search_path to ${schema}`).execute(db);
  await migrateToLatest(db, schema);
  return {
    db,
    kind: 'pglite',
    pglite: sharedPglite,
    // The instance is shared by the worker's files: drop the schema, keep the instance.
    close: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(db);
    },
  };
}

/** Migrates the template database once per run (real Postgres only). */
export async function prepareTemplate(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const stale = await admin.query(`select datname from pg_database where datname like 'dg_t_%' or datname = $1`, [
    TEMPLATE_DB,
  ]);
  for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(url, TEMPLATE_DB), max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  await db.destroy();
}
