import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { NewUser, UserUpdate } from '../../db/schema';

export const findUserByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();

export const findUserById = (db: Db, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUser = (db: Db, user: NewUser) =>
  db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();

export const updateUser = (db: Db, id: number, patch: UserUpdate) =>
  db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Clears the failure count and any lock left from before the slow-down replaced the lockout. */
export const recordSuccessfulLogin = (db: Db, id: number, now: Date) =>
  db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const agencyName = (db: Db, agencyId: number) =>
  db.selectFrom('agencies').select(['name_th', 'name_en']).where('id', '=', agencyId).executeTakeFirst();

export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: number;
  tokenHash: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export const insertRefreshToken = (db: Db, t: NewRefreshToken) =>
  db
    .insertInto('refresh_tokens')
    .values({
      id: t.id,
      family_id: t.familyId,
      user_id: t.userId,
      token_hash: t.tokenHash,
      expires_at: t.expiresAt,
      ip: t.ip,
      user_agent: t.userAgent,
    })
    .execute();

/** Row-locked so two concurrent refreshes with one token cannot both succeed. */
export const findRefreshTokenForUpdate = (db: Db, tokenHash: string) =>
  db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();

export const markRefreshTokenUsed = (db: Db, id: string) =>
  db.updateTable('refresh_tokens').set({ used_at: new Date() }).where('id', '=', id).execute();

export const insertSession = (db: Db, id: string, userId: number) =>
  db.insertInto('sessions').values({ id, user_id: userId }).execute();

/** Ends one sign-in: its session (seen by access tokens) and its refresh tokens. */
export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  const now = new Date();
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every sign-in of a user and makes every access token already issued to them stale (claim `ver`). */
export async function revokeAllForUser(db: Db, userId: number): Promise<void> {
  const now = new Date();
  await db
    .updateTable('users')
    .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface SessionState {
  userId: number;
  revoked: boolean;
  disabled: boolean;
  version: number;
}

/** What an access token's claims are checked against on each request (through the session cache). */
export async function findSessionState(db: Db, sessionId: string): Promise<SessionState | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.revoked_at', 'users.disabled_at', 'users.token_version'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.user_id,
    revoked: row.revoked_at !== null,
    disabled: row.disabled_at !== null,
    version: row.token_version,
  };
}

/** The states of many sessions in one round trip (the session cache's batched misses); absent ids have none. */
export async function findSessionStates(db: Db, sessionIds: readonly string[]): Promise<Map<string, SessionState>> {
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.revoked_at', 'users.disabled_at', 'users.token_version'])
    .where('sessions.id', 'in', sessionIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        userId: row.user_id,
        revoked: row.revoked_at !== null,
        disabled: row.disabled_at !== null,
        version: row.token_version,
      },
    ]),
  );
}

export const REVOCATION_CHANNEL = 'dg_access_revoked';

/** Tells every app server on this database, when the transaction commits, to forget what it cached. */
export const notifyRevocation = (db: Db, payload: string) =>
  sql`select pg_notify(${REVOCATION_CHANNEL}, ${payload})`.execute(db);
