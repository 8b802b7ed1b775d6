import { randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type { Session } from '@dg/shared/schemas/auth';
import type { Db } from '../../db/database';
import type { User } from '../../db/schema';
import { burnPasswordCheck, verifyPassword } from '../../lib/passwords';
import { hashToken, newOpaqueToken } from '../../lib/tokens';
import type { AccessClaims } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './auth.repository';
import { announceRevocation, endSession } from './revocation';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface AuthContext {
  db: Db;
  signAccess(payload: AccessClaims): string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedSession {
  session: Session;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const GENERIC_FAILURE = 'Email or password is incorrect';

async function issue(ctx: AuthContext, db: Db, user: User, familyId: string): Promise<IssuedSession> {
  const { raw, hash } = newOpaqueToken();
  const refreshExpiresAt = new Date(Date.now() + ctx.refreshTtlDays * 86_400_000);
  await repo.insertRefreshToken(db, {
    id: randomUUID(),
    familyId,
    userId: user.id,
    tokenHash: hash,
    expiresAt: refreshExpiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  const agency = user.agency_id ? await repo.agencyName(db, user.agency_id) : undefined;
  const accessToken = ctx.signAccess({
    sub: String(user.id),
    email: user.email,
    role: user.role,
    agencyId: user.agency_id,
    sid: familyId,
    ver: user.token_version,
  });
  return {
    refreshToken: raw,
    refreshExpiresAt,
    session: {
      accessToken,
      expiresIn: ctx.accessTtlSeconds,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.display_name,
        role: user.role,
        agencyId: user.agency_id,
        agencyName: agency ? { th: agency.name_th, en: agency.name_en } : null,
      },
    },
  };
}

export async function login(ctx: AuthContext, email: string, password: string): Promise<IssuedSession> {
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user?.password_hash || user.disabled_at) {
    await burnPasswordCheck(password);
    await writeAudit(ctx.db, { actorEmail: email, ip: ctx.ip, action: 'auth.login_failed', entityType: 'user' });
    throw new DomainError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  const now = new Date();
  if (user.locked_until && user.locked_until > now) {
    // Same cost, status and message as a wrong password or an unknown email: the lock must not
    // tell a guesser that the account exists. Its owner learns of it from an administrator or a reset.
    await burnPasswordCheck(password);
    await writeAudit(ctx.db, {
      actorEmail: email,
      ip: ctx.ip,
      action: 'auth.login_locked',
      entityType: 'user',
      entityId: user.id,
    });
    throw new DomainError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    // Counted in one statement so parallel guesses cannot each read the same stale count.
    const failed = await repo.countFailedLogin(ctx.db, user.id, now);
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    if (lock) await repo.lockUser(ctx.db, user.id, lock);
    await writeAudit(ctx.db, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip: ctx.ip,
      action: failed === MAX_FAILED_LOGINS ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      meta: { failed },
    });
    throw new DomainError('UNAUTHENTICATED', GENERIC_FAILURE);
  }
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    // Conditional on the lock so a correct guess racing the guesses that locked the account is refused too.
    const fresh = await repo.recordSuccessfulLogin(trx, user.id, now);
    if (!fresh) return null;
    await writeAudit(trx, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip: ctx.ip,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agency_id,
    });
    const sessionId = randomUUID();
    await repo.insertSession(trx, sessionId, fresh.id);
    return issue(ctx, trx, fresh, sessionId);
  });
  if (!outcome) throw new DomainError('UNAUTHENTICATED', GENERIC_FAILURE);
  return outcome;
}

/** Rotation with reuse detection: presenting a spent token revokes its whole family (likely theft). */
export async function refresh(ctx: AuthContext, rawToken: string | undefined): Promise<IssuedSession> {
  if (!rawToken) throw new DomainError('UNAUTHENTICATED', 'No session');
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const token = await repo.findRefreshTokenForUpdate(trx, hashToken(rawToken));
    if (!token) return { error: 'Session not found', sessionId: null } as const;
    const sessionId = token.family_id;
    if (token.revoked_at) return { error: 'Session was revoked', sessionId } as const;
    if (token.used_at) {
      await endSession(trx, token.family_id);
      await writeAudit(trx, {
        actorUserId: token.user_id,
        ip: ctx.ip,
        action: 'auth.refresh_reuse_detected',
        entityType: 'session',
        entityId: token.family_id,
      });
      return { error: 'Session token was already used; all sessions of this sign-in are revoked', sessionId } as const;
    }
    if (token.expires_at <= new Date()) return { error: 'Session expired', sessionId } as const;
    const user = await repo.findUserById(trx, token.user_id);
    if (!user || user.disabled_at) {
      await endSession(trx, token.family_id);
      return { error: 'Account is disabled', sessionId } as const;
    }
    await repo.markRefreshTokenUsed(trx, token.id);
    return { issued: await issue(ctx, trx, user, token.family_id) } as const;
  });
  if ('error' in outcome) {
    if (outcome.sessionId) announceRevocation(ctx.db, { sessionId: outcome.sessionId });
    throw new DomainError('UNAUTHENTICATED', outcome.error ?? 'Session invalid');
  }
  return outcome.issued;
}

/**
 * Ends the sign-in named by the refresh cookie or, without one, by the access token, so the access
 * token stops working on the next request too, on every server.
 */
export async function logout(
  ctx: AuthContext,
  rawToken: string | undefined,
  accessSession?: { sessionId: string; userId: number },
): Promise<void> {
  const token = rawToken
    ? await ctx.db
        .selectFrom('refresh_tokens')
        .select(['family_id', 'user_id'])
        .where('token_hash', '=', hashToken(rawToken))
        .executeTakeFirst()
    : undefined;
  const session = token ? { sessionId: token.family_id, userId: token.user_id } : accessSession;
  if (!session) return;
  await ctx.db.transaction().execute(async (trx) => {
    await endSession(trx, session.sessionId);
    await writeAudit(trx, {
      actorUserId: session.userId,
      ip: ctx.ip,
      action: 'auth.logout',
      entityType: 'session',
      entityId: session.sessionId,
    });
  });
  announceRevocation(ctx.db, { sessionId: session.sessionId });
}
