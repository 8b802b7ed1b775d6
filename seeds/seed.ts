import type { Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema';

export interface SeedOptions {
  demo: boolean;
  log?: (message: string) => void;
}

export interface SeedSummary {
  counts: Record<string, number>;
  demoAccounts: { role: string; email: string; password: string }[];
}

/** Idempotent: every step upserts by natural key, so running it twice changes nothing. */
export async function runSeeds(_db: Kysely<Database>, _opts: SeedOptions): Promise<SeedSummary> {
  return { counts: {}, demoAccounts: [] };
}
