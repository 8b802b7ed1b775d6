import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import { MIGRATIONS_DIR } from '../lib/paths';

const MIGRATION_FILE = /^\d{4}-[a-z0-9-]+\.[jt]s$/;

/** The migrations this build knows, by name (what a current database has applied). */
export function knownMigrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .map((f) => f.replace(/\.[jt]s$/, ''))
    .sort();
}

/**
 * Imports migrations from our own module so tsx and Vitest can load the TypeScript files; the
 * production build runs their compiled .js copies (same names, so the same bookkeeping rows).
 */
class TsFileMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
      out[file.replace(/\.[jt]s$/, '')] = { up: mod.up, down: mod.down };
    }
    return out;
  }
}

/** `schema` places the migration bookkeeping beside the tables (tests use a schema per file). */
export function createMigrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new TsFileMigrationProvider(),
    migrationTableSchema: schema,
  });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const why = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${why}`);
  }
}

export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const result = await createMigrator(db, schema).migrateToLatest();
  check(result);
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function migrateDown(db: Kysely<any>, schema?: string): Promise<string[]> {
  const result = await createMigrator(db, schema).migrateDown();
  check(result);
  return (result.results ?? []).map((r) => r.migrationName);
}
