import type { PGlite } from '@electric-sql/pglite';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

const RECONNECT_MS = 1000;

export interface ChannelListener {
  close(): Promise<void>;
}

/**
 * LISTENs on `channel`. On PostgreSQL: on a connection of its own (outside the pool, which it
 * would hold forever), reconnecting when lost; every (re)connection calls `onGap`, since what was
 * notified meanwhile is lost. On the embedded PGlite: its in-process LISTEN (one process only).
 */
export async function listenOn(
  source: { url: string } | { pglite: PGlite },
  channel: string,
  onPayload: (payload: string) => void,
  onGap: () => void,
  log: FastifyBaseLogger,
): Promise<ChannelListener> {
  if ('pglite' in source) {
    const unlisten = await source.pglite.listen(channel, onPayload);
    // The database may already be closed (shutdown order, a test that takes it away): nothing to undo.
    return { close: () => (source.pglite.closed ? Promise.resolve() : unlisten().catch(() => undefined)) };
  }
  let current: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, err?: unknown) => {
    if (current !== c) return;
    current = null;
    onGap();
    c.end().catch(() => {});
    if (closed) return;
    log.warn({ err, channel }, 'listener lost its connection; reconnecting');
    timer = setTimeout(() => void connect(), RECONNECT_MS);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: source.url });
    current = c;
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
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
