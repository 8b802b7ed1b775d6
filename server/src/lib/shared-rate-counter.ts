import { sql } from 'kysely';
import type { Db } from '../db/database';

interface Entry {
  windowStart: number;
  windowMs: number;
  /** The count every server had written to the database at our last sync. */
  shared: number;
  /** Hits on this server not yet written. */
  pending: number;
  /** Hits being written by a sync in flight: still counted until the database's total includes them. */
  sending: number;
}

export interface Hit {
  count: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Fixed-window request counters shared by every app server through one UNLOGGED table.
 *
 * A request is counted in memory (no database round trip on the autosave path); once a second
 * each server adds its pending counts to the table in ONE statement and reads back the totals of
 * all servers. A key is therefore refused on every server at most a second after the servers
 * together pass its limit. Windows are aligned on the epoch, so servers with NTP agree on them.
 * The same code runs on the embedded PGlite, where there is a single server.
 */
export class SharedRateCounter {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { syncMs?: number; onError?: (err: unknown) => void } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.opts.syncMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  hit(key: string, windowMs: number, now = Date.now()): Hit {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let e = this.entries.get(key);
    if (!e || e.windowStart !== windowStart) {
      e = { windowStart, windowMs, shared: 0, pending: 0, sending: 0 };
      this.entries.set(key, e);
    }
    e.pending += 1;
    return { count: e.shared + e.sending + e.pending, ttl: windowStart + windowMs - now };
  }

  peek(key: string, windowMs: number, now = Date.now()): Hit {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const e = this.entries.get(key);
    if (!e || e.windowStart !== windowStart) return { count: 0, ttl: 0 };
    return { count: e.shared + e.sending + e.pending, ttl: windowStart + windowMs - now };
  }

  /** Writes pending counts and reads back every server's totals; one statement for all keys. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const now = Date.now();
    const keys: string[] = [];
    const windows: string[] = [];
    const counts: number[] = [];
    const sent: [Entry, number][] = [];
    const current = (e: Entry) => e.windowStart + e.windowMs > now;
    for (const [key, e] of this.entries) {
      // A finished window no longer matters to anyone: forget it.
      if (e.pending === 0 && e.windowStart + e.windowMs + 60_000 < now) {
        this.entries.delete(key);
        continue;
      }
      // Keys with nothing new here are still read back, to learn what the other servers counted.
      if (e.pending === 0 && !current(e)) continue;
      keys.push(key);
      windows.push(new Date(e.windowStart).toISOString());
      counts.push(e.pending);
      sent.push([e, e.pending]);
      e.sending += e.pending;
      e.pending = 0;
    }
    let applied = false;
    try {
      if (keys.length > 0) {
        const { rows } = await sql<{ key: string; window_start: Date; hits: number }>`
          with input as (
            select * from unnest(${keys}::text[], ${windows}::timestamptz[], ${counts}::int[])
              as t(key, window_start, hits)
          ), added as (
            insert into rate_limit_hits (key, window_start, hits)
            select key, window_start, hits from input where hits > 0
            on conflict (key, window_start) do update set hits = rate_limit_hits.hits + excluded.hits
            returning key, window_start, hits
          )
          select key, window_start, hits from added
          union all
          select r.key, r.window_start, r.hits
          from rate_limit_hits r join input i on i.key = r.key and i.window_start = r.window_start
          where i.hits = 0`.execute(this.db);
        // The totals now include what was sent: it stops counting as in flight in the same step.
        for (const [e, n] of sent) e.sending -= n;
        for (const r of rows) {
          const e = this.entries.get(r.key);
          if (e && e.windowStart === new Date(r.window_start).getTime()) e.shared = Number(r.hits);
        }
      }
      applied = true;
      if (now - this.lastPrune > 60_000) {
        this.lastPrune = now;
        await sql`delete from rate_limit_hits where window_start < ${new Date(now - 3_600_000)}`.execute(this.db);
      }
    } catch (err) {
      // The database is away: keep counting here and send the counts with the next sync.
      if (!applied) {
        for (const [e, n] of sent) {
          e.sending -= n;
          e.pending += n;
        }
      }
      this.opts.onError?.(err);
    }
  }
}
