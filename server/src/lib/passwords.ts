import type { ErrorReason } from '@dg/shared/domain/error-reasons';
import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's minimum memory/time cost.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verifying against a throwaway hash keeps unknown emails as slow as known ones. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-0');
  await verifyPassword(await dummy, password);
}

/**
 * The most common passwords (zxcvbn-ts's maintained list of about 49,000, lower-cased), loaded on
 * first use. A password on it is refused wherever a password is set, whatever its length.
 */
let common: Set<string> | undefined;
async function commonPasswords(): Promise<Set<string>> {
  if (!common) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

export const COMMON_PASSWORD_MESSAGE =
  'รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปและเดาได้ง่าย โปรดตั้งรหัสผ่านอื่น · This password is one of the most common passwords and easy to guess; choose another';

/** The policy beyond length and character classes (PasswordSchema): not common, not the email. */
export async function passwordProblem(
  password: string,
  email?: string,
): Promise<{ reason: ErrorReason; message: string } | null> {
  const p = password.toLowerCase();
  const local = email?.split('@')[0]?.toLowerCase();
  if ((await commonPasswords()).has(p)) return { reason: 'password_common', message: COMMON_PASSWORD_MESSAGE };
  if (local && local.length >= 4 && p.includes(local)) {
    return {
      reason: 'password_has_email',
      message: 'รหัสผ่านต้องไม่มีชื่อบัญชีอีเมล · The password must not contain your email name',
    };
  }
  return null;
}
