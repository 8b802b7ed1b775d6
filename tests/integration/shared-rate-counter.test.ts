import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/src/db/database';
import { SharedRateCounter } from '../../server/src/lib/shared-rate-counter';
import { createTestDatabase } from '../support/test-db';

/**
 * The shared counters sync once a second; a request counted while a sync is writing must still see
 * the hits being written (CI once let a fourth sign-in through a limit of three this way).
 */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('shared rate counter', () => {
  it('keeps counting the hits a sync is writing until the totals come back', async () => {
    const counter = new SharedRateCounter(database.db);
    // The middle of a window, so the test cannot cross into the next one.
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
    for (let i = 1; i <= 3; i++) expect(counter.hit('a:198.51.100.7', 60_000, now).count).toBe(i);
    const sync = counter.flush();
    // The sync has moved the three hits into its statement and awaits the database.
    expect(counter.hit('a:198.51.100.7', 60_000, now).count).toBe(4);
    expect(counter.peek('a:198.51.100.7', 60_000, now).count).toBe(4);
    await sync;
    expect(counter.peek('a:198.51.100.7', 60_000, now).count).toBe(4);
    await counter.flush();
    expect(counter.hit('a:198.51.100.7', 60_000, now).count).toBe(5);
    // A second server sees the written totals at its next sync.
    const other = new SharedRateCounter(database.db);
    other.hit('a:198.51.100.7', 60_000, now);
    await other.flush();
    expect(other.peek('a:198.51.100.7', 60_000, now).count).toBe(5);
  });
});
