import { randomBytes } from 'node:crypto';
import { DomainError } from '@dg/shared/domain/errors';
import type { Role } from '@dg/shared/schemas/auth';
import type { MfaChallenge, MfaSetup, MfaStatus } from '@dg/shared/schemas/mfa';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/database';
import type { User } from '../../db/schema';
import type { SecretBox } from '../../lib/secret-box';
import { hashToken, newOpaqueToken } from '../../lib/tokens';
import { writeAudit } from '../audit/audit.repository';
import * as repo from './mfa.repository';
import { endUserAccess } from './revocation';

export interface MfaSettings {
  requiredRoles: readonly Role[];
  box: SecretBox;
  issuer: string;
}

interface MfaContext {
  db: Db;
  ip: string | null;
  mfa: MfaSettings;
}

const CHALLENGE_SECONDS = 300;
/** Guesses per challenge; a new one needs the password again (and the sign-in slow-down applies). */
const CHALLENGE_ATTEMPTS = 5;
const RECOVERY_CODES = 10;
const PERIOD = 30;

export const mfaRequired = (s: MfaSettings, role: Role) => s.requiredRoles.includes(role);

const totpFor = (s: MfaSettings, secret: string, label: string) =>
  new TOTP({
    issuer: s.issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

/** The 30-second step a code belongs to (one step of clock drift either way), or null. */
function matchStep(totp: TOTP, code: string): number | null {
  const now = Date.now();
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

async function newRecoveryCodes(db: Db, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await repo.replaceRecoveryCodes(
    db,
    userId,
    codes.map((c) => hashToken(c)),
  );
  return codes;
}

/** Checks an authenticator code (never the same step twice) or spends a recovery code. */
async function checkCode(
  ctx: MfaContext,
  user: User,
  code: string,
  confirm = false,
): Promise<'totp' | 'recovery' | null> {
  const row = await repo.findMfa(ctx.db, user.id);
  if (!row) return null;
  if (/^\d{6}$/.test(code)) {
    const step = matchStep(totpFor(ctx.mfa, ctx.mfa.box.open(row.secret_enc), user.email), code);
    if (step === null) return null;
    return (await repo.claimStep(ctx.db, user.id, step, confirm)) ? 'totp' : null;
  }
  if (!row.confirmed_at) return null;
  return (await repo.useRecoveryCode(ctx.db, user.id, hashToken(code))) ? 'recovery' : null;
}

/** After a correct password: the challenge to answer, or null when the password alone signs in. */
export async function beginSecondFactor(ctx: MfaContext, user: User): Promise<MfaChallenge | null> {
  const row = await repo.findMfa(ctx.db, user.id);
  const purpose = row?.confirmed_at ? 'verify' : mfaRequired(ctx.mfa, user.role) ? 'enrol' : null;
  if (!purpose) return null;
  const { raw, hash } = newOpaqueToken();
  await repo.insertChallenge(ctx.db, {
    tokenHash: hash,
    userId: user.id,
    purpose,
    expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  });
  return { mfa: purpose, challenge: raw, expiresIn: CHALLENGE_SECONDS };
}

const EXPIRED =
  'การยืนยันตัวตนหมดเวลาหรือพยายามเกินกำหนด โปรดเข้าสู่ระบบใหม่ · The sign-in step expired or had too many attempts; sign in again';
const WRONG = 'รหัสไม่ถูกต้อง · The code is not correct';

/**
 * Answers a challenge with a code. Returns the user when it is right; counts the attempt either way,
 * so a challenge allows a handful of guesses before the password is needed again.
 */
export async function answerChallenge(
  ctx: MfaContext,
  challenge: string,
  code: string,
  purpose: 'verify' | 'enrol',
  findUser: (id: number) => Promise<User | undefined>,
): Promise<{ user: User; via: 'totp' | 'recovery' }> {
  const tokenHash = hashToken(challenge);
  const open = await repo.attemptChallenge(ctx.db, tokenHash, CHALLENGE_ATTEMPTS);
  if (!open || open.purpose !== purpose)
    throw new DomainError('UNAUTHENTICATED', EXPIRED, { reason: 'challenge_expired' });
  const user = await findUser(open.user_id);
  if (!user || user.disabled_at) throw new DomainError('UNAUTHENTICATED', EXPIRED, { reason: 'challenge_expired' });
  const via = await checkCode(ctx, user, code, purpose === 'enrol');
  if (!via || (purpose === 'enrol' && via !== 'totp')) {
    await writeAudit(ctx.db, {
      actorUserId: user.id,
      actorEmail: user.email,
      ip: ctx.ip,
      action: 'auth.mfa_failed',
      entityType: 'user',
      entityId: user.id,
    });
    throw new DomainError('UNAUTHENTICATED', WRONG, {
      reason: 'wrong_code',
      attemptsLeft: CHALLENGE_ATTEMPTS - open.attempts,
    });
  }
  await repo.deleteChallenge(ctx.db, tokenHash);
  return { user, via };
}

/** Enrolment during sign-in: the secret for a user whose role requires a second factor. */
export async function setupFromChallenge(
  ctx: MfaContext,
  challenge: string,
  findUser: (id: number) => Promise<User | undefined>,
): Promise<MfaSetup> {
  const open = await repo.peekChallenge(ctx.db, hashToken(challenge));
  if (open?.purpose !== 'enrol') throw new DomainError('UNAUTHENTICATED', EXPIRED, { reason: 'challenge_expired' });
  const user = await findUser(open.user_id);
  if (!user || user.disabled_at) throw new DomainError('UNAUTHENTICATED', EXPIRED, { reason: 'challenge_expired' });
  return setup(ctx, user);
}

/** A fresh secret, pending until a code from it is confirmed. */
export async function setup(ctx: MfaContext, user: User): Promise<MfaSetup> {
  const existing = await repo.findMfa(ctx.db, user.id);
  if (existing?.confirmed_at) {
    throw new DomainError('CONFLICT', 'ตั้งค่าการยืนยันสองขั้นตอนไว้แล้ว · Two-step verification is already set up');
  }
  const secret = new Secret({ size: 20 }).base32;
  await repo.upsertPendingMfa(ctx.db, user.id, ctx.mfa.box.seal(secret));
  return { secret, otpauthUri: totpFor(ctx.mfa, secret, user.email).toString() };
}

/** Confirms a pending secret with a code from it; returns the recovery codes, shown once. */
export async function confirm(ctx: MfaContext, user: User, code: string): Promise<string[]> {
  const existing = await repo.findMfa(ctx.db, user.id);
  if (!existing) throw new DomainError('INVALID_STATE', 'ยังไม่ได้เริ่มตั้งค่า · Start the set-up first');
  if (existing.confirmed_at) throw new DomainError('CONFLICT', 'ตั้งค่าไว้แล้ว · Already set up');
  if ((await checkCode(ctx, user, code, true)) !== 'totp')
    throw new DomainError('VALIDATION_FAILED', WRONG, { reason: 'wrong_code' });
  return completeEnrolment(ctx, user);
}

/** After the first code from a new authenticator was accepted (it is confirmed by then). */
export async function completeEnrolment(ctx: MfaContext, user: User): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const codes = await newRecoveryCodes(trx, user.id);
    await writeAudit(trx, {
      actorUserId: user.id,
      ip: ctx.ip,
      action: 'auth.mfa_enabled',
      entityType: 'user',
      entityId: user.id,
    });
    return codes;
  });
}

export async function status(ctx: MfaContext, user: User): Promise<MfaStatus> {
  const row = await repo.findMfa(ctx.db, user.id);
  return {
    enabled: Boolean(row?.confirmed_at),
    required: mfaRequired(ctx.mfa, user.role),
    recoveryCodesLeft: row?.confirmed_at ? await repo.recoveryCodesLeft(ctx.db, user.id) : 0,
  };
}

/** Turning it off needs a current code, and is refused where the role requires it. */
export async function disable(ctx: MfaContext, user: User, code: string): Promise<void> {
  if (mfaRequired(ctx.mfa, user.role)) {
    throw new DomainError('FORBIDDEN', 'บทบาทนี้ต้องใช้การยืนยันสองขั้นตอน · This role requires two-step verification');
  }
  if (!(await checkCode(ctx, user, code))) throw new DomainError('VALIDATION_FAILED', WRONG, { reason: 'wrong_code' });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteMfa(trx, user.id);
    await writeAudit(trx, {
      actorUserId: user.id,
      ip: ctx.ip,
      action: 'auth.mfa_disabled',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

export async function regenerateRecoveryCodes(ctx: MfaContext, user: User, code: string): Promise<string[]> {
  if ((await checkCode(ctx, user, code)) !== 'totp')
    throw new DomainError('VALIDATION_FAILED', WRONG, { reason: 'wrong_code' });
  return ctx.db.transaction().execute(async (trx) => {
    const codes = await newRecoveryCodes(trx, user.id);
    await writeAudit(trx, {
      actorUserId: user.id,
      ip: ctx.ip,
      action: 'auth.mfa_codes_renewed',
      entityType: 'user',
      entityId: user.id,
    });
    return codes;
  });
}

/**
 * An administrator clears a user's second factor (lost phone and codes): every session of theirs
 * ends, and at the next sign-in a role that requires one sets it up again.
 */
export async function adminReset(ctx: MfaContext & { actorId: number }, target: User): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteMfa(trx, target.id);
    await endUserAccess(trx, target.id);
    await writeAudit(trx, {
      actorUserId: ctx.actorId,
      ip: ctx.ip,
      action: 'user.mfa_reset',
      entityType: 'user',
      entityId: target.id,
      agencyId: target.agency_id,
    });
  });
}
