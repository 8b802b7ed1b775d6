import { randomUUID } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type { Session } from '@dg/shared/schemas/auth';
import type { MfaChallenge } from '@dg/shared/schemas/mfa';
import type { Db } from '../../db/database';
import type { User } from '../../db/schema';
import { burnPasswordCheck, verifyPassword } from '../../lib/passwords';
import { hashToken, newOpaqueToken } from '../../lib/tokens';
import type { AccessClaims, Principal } from '../../plugins/auth';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './auth.repository';
import type { LoginGuard } from './login-guard';
import { beginSecondFactor, type MfaSettings } from './mfa.service';
import { announceRevocation, endSession } from './revocation';

export interface AuthContext {
  db: Db;
  signAccess(payload: AccessClaims): string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  ip: string | null;
  userAgent: string | null;
  /** Per (account, address) sign-in slow-down and burst alerts; absent in callers that only refresh. */
  guard?: LoginGuard;
  /** The second factor: which roles must have one, and the box its secrets are sealed in. */
  mfa: MfaSettings;
}

export interface IssuedSession {
  session: Session;
  /** Who the new access token speaks for, as the auth plugin reads it on later requests. */
  principal: Principal;
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
    principal: { userId: user.id, email: user.email, role: user.role, agencyId: user.agency_id, sessionId: familyId },
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

export async function login(ctx: AuthContext, email: string, password: string): Promise<IssuedSession | MfaChallenge> {
  // Slowed down per (account, address); never a lock another person could trigger (login-guard.ts).
  await ctx.guard?.before(email, ctx.ip);
  const failed = async (entry: Parameters<typeof writeAudit>[1]) => {
    await writeAudit(ctx.db, entry);
    await ctx.guard?.failed(email, ctx.ip);
    return new DomainError('UNAUTHENTICATED', GENERIC_FAILURE);
  };
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user?.password_hash || user.disabled_at) {
    await burnPasswordCheck(password);
    throw await failed({ actorEmail: email, ip: ctx.ip, action: 'auth.login_failed', entityType: 'user' });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    throw await failed({
      actorUserId: user.id,
      actorEmail: user.email,
      ip: ctx.ip,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
    });
  }
  await ctx.guard?.succeeded(email, ctx.ip);
  // A correct password is not yet a session when a second factor is set up or required.
  const challenge = await beginSecondFactor(ctx, user);
  if (challenge) return challenge;
  return startSession(ctx, user);
}

/** The sign-in itself, once every factor is proven: audit, a new session and its tokens. */
export async function startSession(ctx: AuthContext, user: User, via = 'password'): Promise<IssuedSession> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.recordSuccessfulLogin(trx, user.id, now);
    await writeAudit(trx, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip: ctx.ip,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agency_id,
      meta: { via },
    });
    const sessionId = randomUUID();
    await repo.insertSession(trx, sessionId, fresh.id);
    return issue(ctx, trx, fresh, sessionId);
  });
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
