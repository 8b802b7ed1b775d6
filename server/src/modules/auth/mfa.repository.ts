import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const findMfa = (db: Db, userId: number) =>
  db.selectFrom('user_mfa').selectAll().where('user_id', '=', userId).executeTakeFirst();

export async function upsertPendingMfa(db: Db, userId: number, secretEnc: string): Promise<void> {
  await db
    .insertInto('user_mfa')
    .values({ user_id: userId, secret_enc: secretEnc })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ secret_enc: secretEnc, confirmed_at: null, last_step: null }),
    )
    .execute();
}

/** Records the step a code was accepted at; false when that step (or a later one) was already used. */
export async function claimStep(db: Db, userId: number, step: number, confirm: boolean): Promise<boolean> {
  const row = await db
    .updateTable('user_mfa')
    .set({
      last_step: step,
      ...(confirm ? { confirmed_at: sql<Date>`coalesce(confirmed_at, now())` } : {}),
    })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteMfa(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_mfa').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export async function useRecoveryCode(db: Db, userId: number, hash: string): Promise<boolean> {
  const row = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recoveryCodesLeft(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Db,
  c: { tokenHash: string; userId: number; purpose: 'verify' | 'enrol'; expiresAt: Date },
): Promise<void> {
  // One open challenge per user: a new sign-in replaces the last one and its attempt count.
  await db.deleteFrom('mfa_challenges').where('user_id', '=', c.userId).execute();
  await db
    .insertInto('mfa_challenges')
    .values({ token_hash: c.tokenHash, user_id: c.userId, purpose: c.purpose, expires_at: c.expiresAt })
    .execute();
}

/** Counts an attempt against the challenge and returns it, or nothing if it is unknown or spent. */
export async function attemptChallenge(db: Db, tokenHash: string, maxAttempts: number) {
  return db
    .updateTable('mfa_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .where('attempts', '<', maxAttempts)
    .returning(['user_id', 'purpose', 'attempts'])
    .executeTakeFirst();
}

export const peekChallenge = (db: Db, tokenHash: string) =>
  db
    .selectFrom('mfa_challenges')
    .select(['user_id', 'purpose'])
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();

export async function deleteChallenge(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('mfa_challenges').where('token_hash', '=', tokenHash).execute();
}
