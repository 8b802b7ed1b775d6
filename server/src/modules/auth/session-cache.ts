import type { SessionState } from './auth.repository';
import type { Revocation } from './revocation';

interface Entry {
  state: SessionState | null;
  expires: number;
}

/**
 * Session states by session id, kept a few seconds so the autosave hot path does not query the
 * database on every request: a hit touches nothing but this map. Revocations delete entries at
 * once; the lifetime bounds what a missed invalidation could cost. A load that began before a
 * revocation is not stored (the epoch moved), so it cannot put a stale "valid" back.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<SessionState | null>>();
  private epoch = 0;

  constructor(
    private readonly load: (sessionId: string) => Promise<SessionState | null>,
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(sessionId: string): Promise<SessionState | null> | SessionState | null {
    const hit = this.entries.get(sessionId);
    if (hit) {
      if (hit.expires > Date.now()) return hit.state;
      this.entries.delete(sessionId);
    }
    const inflight = this.pending.get(sessionId);
    if (inflight) return inflight;
    const epoch = this.epoch;
    const p = this.load(sessionId)
      .then((state) => {
        if (epoch === this.epoch && this.ttlMs > 0) this.store(sessionId, state);
        return state;
      })
      .finally(() => {
        if (this.pending.get(sessionId) === p) this.pending.delete(sessionId);
      });
    // Concurrent misses for one session (a burst of autosaves) share one query.
    this.pending.set(sessionId, p);
    return p;
  }

  invalidate(r: Revocation): void {
    this.epoch++;
    this.pending.clear();
    if ('sessionId' in r) {
      this.entries.delete(r.sessionId);
      return;
    }
    // Rare (an administrator's action or a password reset): a scan is cheaper than an index kept up on every hit.
    for (const [id, e] of this.entries) if (e.state?.userId === r.userId) this.entries.delete(id);
  }

  clear(): void {
    this.epoch++;
    this.pending.clear();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private store(sessionId: string, state: SessionState | null): void {
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (a Map keeps insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sessionId, { state, expires: Date.now() + this.ttlMs });
  }
}

/**
 * A loader for SessionCache that reads the misses of one turn of the event loop in ONE query: on
 * deadline day thousands of respondents' cached states expire every few seconds, and one round
 * trip each was the commonest query of the autosave path. The busier the server, the more requests
 * one turn handles, so the batches grow with the load instead of the queries.
 */
export function batchedLoader(
  loadMany: (ids: string[]) => Promise<Map<string, SessionState>>,
  maxBatch = 500,
): (sessionId: string) => Promise<SessionState | null> {
  const waiting = new Map<string, { resolve: (s: SessionState | null) => void; reject: (e: unknown) => void }[]>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = [...waiting.entries()].slice(0, maxBatch);
    for (const [id] of batch) waiting.delete(id);
    if (waiting.size > 0) schedule();
    loadMany(batch.map(([id]) => id)).then(
      (states) => {
        for (const [id, cbs] of batch) for (const cb of cbs) cb.resolve(states.get(id) ?? null);
      },
      (err) => {
        for (const [, cbs] of batch) for (const cb of cbs) cb.reject(err);
      },
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  return (sessionId) =>
    new Promise((resolve, reject) => {
      const list = waiting.get(sessionId);
      if (list) list.push({ resolve, reject });
      else waiting.set(sessionId, [{ resolve, reject }]);
      schedule();
    });
}
