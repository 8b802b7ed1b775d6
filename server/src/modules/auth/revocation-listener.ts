import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { REVOCATION_CHANNEL } from './auth.repository';
import { type Revocation, RevocationSchema } from './revocation';

export interface RevocationListener {
  close(): Promise<void>;
}

const RECONNECT_MS = 1000;

/**
 * LISTENs on its own connection (outside the pool, which it would otherwise hold forever) for the
 * revocations other app servers commit. While it is not listening it cannot know what it missed,
 * so every (re)connection calls `onGap` and the caller forgets its cache.
 */
export async function listenForRevocations(
  url: string,
  onRevocation: (r: Revocation) => void,
  onGap: () => void,
  log: FastifyBaseLogger,
): Promise<RevocationListener> {
  let current: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, err?: unknown) => {
    if (current !== c) return;
    current = null;
    onGap();
    c.end().catch(() => {});
    if (closed) return;
    log.warn({ err }, 'revocation listener lost its connection; reconnecting');
    timer = setTimeout(() => void connect(), RECONNECT_MS);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    current = c;
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (msg.channel !== REVOCATION_CHANNEL) return;
      let parsed: ReturnType<typeof RevocationSchema.safeParse> | undefined;
      try {
        parsed = RevocationSchema.safeParse(JSON.parse(msg.payload ?? ''));
      } catch {
        parsed = undefined;
      }
      // Something we cannot read still means something was revoked.
      if (parsed?.success) onRevocation(parsed.data);
      else onGap();
    });
    try {
      await c.connect();
      await c.query(`listen ${REVOCATION_CHANNEL}`);
      onGap();
    } catch (err) {
      lost(c, err);
    }
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const c = current;
      current = null;
      await c?.end().catch(() => {});
    },
  };
}
