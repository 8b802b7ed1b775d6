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

export const revokeFamily = (db: Db, familyId: string) =>
  db
    .updateTable('refresh_tokens')
    .set({ revoked_at: new Date() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();

export const revokeAllForUser = (db: Db, userId: number) =>
  db
    .updateTable('refresh_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
