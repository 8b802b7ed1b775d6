import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tickets for the co-editing event stream. EventSource cannot send an Authorization header, and an
 * access token in a URL ends up in logs and proxies: the browser instead trades its access token
 * (in a header) for a ticket that opens ONE response's stream, for ONE user, within 30 seconds,
 * once per server. It is HMAC-signed with a key derived from the JWT secret (so every app server
 * accepts it, and it is never a valid access token), and worthless once the stream is open.
 */

export const TICKET_TTL_SECONDS = 30;

export interface TicketClaims {
  responseId: number;
  userId: number;
  /** Whether opening the stream makes the user present (editors do; viewers and DGA staff read quietly). */
  present: boolean;
  expiresAt: number;
  nonce: string;
}

export function ticketKey(jwtSecret: string): Buffer {
  return createHash('sha256').update('dg co-edit stream ticket\0').update(jwtSecret).digest();
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function issueTicket(
  key: Buffer,
  responseId: number,
  userId: number,
  present: boolean,
  now = Date.now(),
): string {
  const claims: TicketClaims = {
    responseId,
    userId,
    present,
    expiresAt: now + TICKET_TTL_SECONDS * 1000,
    nonce: randomBytes(12).toString('base64url'),
  };
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(createHmac('sha256', key).update(body).digest())}`;
}

/** The claims of a genuine, unexpired ticket, else null. */
export function verifyTicket(key: Buffer, ticket: string, now = Date.now()): TicketClaims | null {
  const [body, mac, extra] = ticket.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString()) as TicketClaims;
    if (
      !Number.isInteger(c.responseId) ||
      !Number.isInteger(c.userId) ||
      typeof c.nonce !== 'string' ||
      typeof c.present !== 'boolean'
    )
      return null;
    return c.expiresAt > now ? c : null;
  } catch {
    return null;
  }
}

/** Nonces already used on this server, kept until their tickets expire. */
export class UsedTickets {
  private readonly used = new Map<string, number>();
  /** True the first time a nonce is seen. */
  claim(c: TicketClaims, now = Date.now()): boolean {
    if (this.used.size > 1000) for (const [n, exp] of this.used) if (exp <= now) this.used.delete(n);
    if (this.used.has(c.nonce)) return false;
    this.used.set(c.nonce, c.expiresAt);
    return true;
  }
}
