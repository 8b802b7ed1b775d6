import { createHash, randomBytes } from 'node:crypto';

/** Opaque single-use tokens: the raw value goes to the user, only its hash is stored. */
export function newOpaqueToken(): { raw: string; hash: string } {
  const raw = randomBytes(32).toString('base64url');
  return { raw, hash: hashToken(raw) };
}

export const hashToken = (raw: string) => createHash('sha256').update(raw).digest('hex');
