import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { Db } from '../../db/database';
import * as repo from './auth.repository';

/** What a revocation ends: one sign-in, or everything a user holds. */
export type Revocation = { sessionId: string } | { userId: number };

export const RevocationSchema = z.union([
  z.object({ sessionId: z.string().uuid() }).strict(),
  z.object({ userId: z.number().int().positive() }).strict(),
]);

/**
 * Revocations announced in this process, one bus per database handle: every app built on the same
 * handle (tests run two) hears them, and PGlite, which is one process, needs nothing more.
 */
const buses = new WeakMap<Db, EventEmitter>();
export function revocationBus(db: Db): EventEmitter {
  let bus = buses.get(db);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    buses.set(db, bus);
  }
  return bus;
}

/** Call after the revoking transaction commits, so this process's caches see it on the next request. */
export function announceRevocation(db: Db, r: Revocation): void {
  revocationBus(db).emit('revoked', r);
}

/** Ends one sign-in, inside the caller's transaction; other servers hear of it at commit. */
export async function endSession(trx: Db, sessionId: string): Promise<void> {
  await repo.revokeFamily(trx, sessionId);
  await repo.notifyRevocation(trx, JSON.stringify({ sessionId }));
}

/** Ends all of a user's sign-ins and access tokens, inside the caller's transaction. */
export async function endUserAccess(trx: Db, userId: number): Promise<void> {
  await repo.revokeAllForUser(trx, userId);
  await repo.notifyRevocation(trx, JSON.stringify({ userId }));
}
