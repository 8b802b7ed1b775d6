import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** Every open stream keeps its reader present: one statement per heartbeat for all of this server's. */
export async function touchPresence(db: Db, pairs: readonly { responseId: number; userId: number }[]) {
  if (pairs.length === 0) return;
  const responses = pairs.map((p) => p.responseId);
  const users = pairs.map((p) => p.userId);
  await sql`update presence p set seen_at = now()
    from unnest(${responses}::int[], ${users}::int[]) as t(response_id, user_id)
    where p.response_id = t.response_id and p.user_id = t.user_id`.execute(db);
}

/** The reader closed its last stream on this response: it is gone at once, not after the TTL. */
export async function removePresence(db: Db, responseId: number, userId: number) {
  await db.deleteFrom('presence').where('response_id', '=', responseId).where('user_id', '=', userId).execute();
}

export async function notify(db: Db, channel: string, payload: string) {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}
