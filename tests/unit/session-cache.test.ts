import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../server/src/modules/auth/auth.repository';
import { batchedLoader, SessionCache } from '../../server/src/modules/auth/session-cache';

const S1 = '00000000-0000-4000-8000-000000000001';
const S2 = '00000000-0000-4000-8000-000000000002';
const live = (userId: number): SessionState => ({ userId, revoked: false, disabled: false, version: 1 });

/** A loader that counts its calls (each one would be a database query) and can be held open. */
function loader(states: Record<string, SessionState | null>) {
  let calls = 0;
  let gate: Promise<void> = Promise.resolve();
  return {
    load: async (id: string) => {
      calls++;
      const snapshot = states[id] ?? null;
      await gate;
      return snapshot;
    },
    calls: () => calls,
    hold() {
      let open!: () => void;
      gate = new Promise((r) => {
        open = r;
      });
      return () => {
        gate = Promise.resolve();
        open();
      };
    },
  };
}

describe('session cache', () => {
  it('answers a hit without loading (no database query on the autosave hot path)', async () => {
    const l = loader({ [S1]: live(1) });
    const cache = new SessionCache(l.load, 60_000);
    expect(await cache.get(S1)).toEqual(live(1));
    for (let i = 0; i < 100; i++) expect(cache.get(S1)).toEqual(live(1));
    expect(l.calls()).toBe(1);
  });

  it('shares one load among concurrent misses', async () => {
    const l = loader({ [S1]: live(1) });
    const cache = new SessionCache(l.load, 60_000);
    await Promise.all(Array.from({ length: 20 }, () => cache.get(S1)));
    expect(l.calls()).toBe(1);
  });

  it('forgets a session, or all of a user, on invalidation, and expires entries after its lifetime', async () => {
    const states = { [S1]: live(1), [S2]: live(2) };
    const l = loader(states);
    const cache = new SessionCache(l.load, 60_000);
    await cache.get(S1);
    await cache.get(S2);
    states[S1] = { ...live(1), revoked: true };
    cache.invalidate({ sessionId: S1 });
    expect((await cache.get(S1))?.revoked).toBe(true);
    expect(l.calls()).toBe(3);
    cache.invalidate({ userId: 2 });
    await cache.get(S2);
    await cache.get(S1);
    expect(l.calls()).toBe(4);

    const short = new SessionCache(l.load, 50);
    await short.get(S1);
    await new Promise((r) => setTimeout(r, 80));
    await short.get(S1);
    expect(l.calls()).toBe(6);
  });

  it('does not store a load that began before a revocation (it may have read the old state)', async () => {
    const states: Record<string, SessionState> = { [S1]: live(1) };
    const l = loader(states);
    const cache = new SessionCache(l.load, 60_000);
    const release = l.hold();
    const stale = cache.get(S1);
    states[S1] = { ...live(1), revoked: true };
    cache.invalidate({ userId: 1 });
    release();
    expect((await stale)?.revoked).toBe(false);
    expect((await cache.get(S1))?.revoked).toBe(true);
  });

  it('keeps at most its size, dropping the oldest', async () => {
    const l = loader({ [S1]: live(1), [S2]: live(2) });
    const cache = new SessionCache(l.load, 60_000, 1);
    await cache.get(S1);
    await cache.get(S2);
    expect(cache.size).toBe(1);
  });
});

describe('batched session loader', () => {
  it('reads the misses of one turn in one query, each caller getting its own state (null when absent)', async () => {
    const queries: string[][] = [];
    const load = batchedLoader(async (ids) => {
      queries.push([...ids]);
      return new Map(ids.filter((id) => id !== S2).map((id) => [id, live(id === S1 ? 1 : 3)]));
    });
    const S3 = '00000000-0000-4000-8000-000000000003';
    const got = await Promise.all([load(S1), load(S2), load(S3), load(S1)]);
    expect(queries).toEqual([[S1, S2, S3]]);
    expect(got).toEqual([live(1), null, live(3), live(1)]);
    // A later turn is a query of its own.
    expect(await load(S2)).toBeNull();
    expect(queries).toHaveLength(2);
  });

  it('fails every caller of a failed query, and splits a turn larger than the batch limit', async () => {
    const failing = batchedLoader(async () => {
      throw new Error('database away');
    });
    await expect(Promise.all([failing(S1), failing(S2)])).rejects.toThrow('database away');
    const sizes: number[] = [];
    const small = batchedLoader(async (ids) => {
      sizes.push(ids.length);
      return new Map(ids.map((id) => [id, live(1)]));
    }, 2);
    const ids = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000001${n}`);
    expect(await Promise.all(ids.map((id) => small(id)))).toEqual(ids.map(() => live(1)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
