import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * True for a database no seed has run on and no one has filled by hand: no framework and no
 * agency. `seed --if-empty` seeds only then, so restarting `npm start` keeps what users changed.
 */
export async function isUnseeded(db: Kysely<Database>): Promise<boolean> {
  const framework = await db.selectFrom('frameworks').select('id').limit(1).executeTakeFirst();
  if (framework) return false;
  const agency = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
  return !agency;
}
