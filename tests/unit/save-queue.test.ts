import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type OutboxEntry,
  outboxKey,
  SaveQueue,
  type SaveResult,
} from '../../client/src/features/questionnaire/save-queue';
import { ApiRequestError } from '../../client/src/lib/api';

/** A working in-memory Storage (what localStorage is to the queue). */
class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, String(value));
  }
}

interface Call {
  at: number;
  entry: OutboxEntry;
}

/**
 * The queue's transport, scripted: each call takes the next outcome (an error to throw, or
 * success), and is recorded with the (fake) time it was made.
 */
function transport(outcomes: (Error | 'ok')[]) {
  const calls: Call[] = [];
  let revision = 0;
  const send = async (entry: OutboxEntry): Promise<SaveResult> => {
    calls.push({ at: Date.now(), entry: structuredClone(entry) });
    const next = outcomes.shift() ?? 'ok';
    if (next instanceof Error) throw next;
    revision += 1;
    return { revision, updatedAt: new Date().toISOString(), updatedBy: { id: 1, name: 'A' }, replayed: false };
  };
  return { calls, send };
}

const RESPONSE = 42;
const payload = (value: string) => ({ value, notApplicable: null });
const networkDown = () => new TypeError('Failed to fetch');
const overloaded = (retryAfter?: number) =>
  new ApiRequestError(503, 'SERVICE_UNAVAILABLE', 'Busy', undefined, retryAfter);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-01-05T03:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SaveQueue', () => {
  it('debounces typing into one save, sent at once on flush (blur)', async () => {
    const net = transport([]);
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage: new MemoryStorage(), debounceMs: 800 });
    q.start();
    q.edit('Q1', payload('a'));
    q.edit('Q1', payload('ab'));
    q.edit('Q1', payload('abc'));
    await vi.advanceTimersByTimeAsync(500);
    expect(net.calls).toHaveLength(0);
    expect(q.getSnapshot().state).toBe('saving');
    q.flush('Q1');
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls.map((c) => c.entry.value)).toEqual(['abc']);
    expect(q.getSnapshot()).toMatchObject({ state: 'saved', pending: 0 });
    expect(q.revisionOf('Q1')).toBe(1);
    q.dispose();
  });

  it('retries a failed save with the same idempotency key; a new edit gets a new key', async () => {
    const net = transport([networkDown(), networkDown()]);
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage: new MemoryStorage() });
    q.start();
    q.edit('Q1', payload('first'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls).toHaveLength(1);
    const key = net.calls[0]?.entry.idempotencyKey;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(net.calls).toHaveLength(3);
    expect(new Set(net.calls.map((c) => c.entry.idempotencyKey))).toEqual(new Set([key]));
    expect(net.calls.every((c) => c.entry.baseRevision === 0)).toBe(true);
    expect(q.getSnapshot().pending).toBe(0);

    q.edit('Q1', payload('second'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls).toHaveLength(4);
    expect(net.calls[3]?.entry.idempotencyKey).not.toBe(key);
    // Made on the revision the retried save created.
    expect(net.calls[3]?.entry.baseRevision).toBe(1);
    q.dispose();
  });

  it('backs off exponentially (1 s, 2 s, 4 s, 8 s … up to 30 s, plus under 300 ms of jitter)', async () => {
    const net = transport(Array.from({ length: 7 }, networkDown));
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage: new MemoryStorage() });
    q.start();
    q.edit('Q1', payload('x'), true);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(net.calls).toHaveLength(8);
    const gaps = net.calls.slice(1).map((c, i) => c.at - (net.calls[i]?.at ?? 0));
    const bases = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000];
    gaps.forEach((gap, i) => {
      const base = bases[i] as number;
      expect(gap, `retry ${i + 1}`).toBeGreaterThanOrEqual(base);
      expect(gap, `retry ${i + 1}`).toBeLessThan(base + 300 + 1);
    });
    expect(q.getSnapshot().state).toBe('saved');
    q.dispose();
  });

  it('honours Retry-After on 503 instead of its own backoff', async () => {
    const net = transport([overloaded(7), overloaded(2)]);
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage: new MemoryStorage() });
    q.start();
    q.edit('Q1', payload('x'), true);
    await vi.advanceTimersByTimeAsync(0);
    const t0 = net.calls[0]?.at ?? 0;
    // Not at the 1 s of the backoff, and not even when another edit asks to be sent now.
    await vi.advanceTimersByTimeAsync(3000);
    q.edit('Q2', payload('y'), true);
    await vi.advanceTimersByTimeAsync(3000);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.calls.length).toBeGreaterThanOrEqual(2);
    expect((net.calls[1]?.at ?? 0) - t0).toBe(7000);
    // The second 503 said 2 s.
    await vi.advanceTimersByTimeAsync(2000);
    expect(net.calls.filter((c) => c.entry.questionCode === 'Q1')).toHaveLength(3);
    const q1 = net.calls.filter((c) => c.entry.questionCode === 'Q1');
    expect(new Set(q1.map((c) => c.entry.idempotencyKey)).size).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(q.getSnapshot()).toMatchObject({ state: 'saved', pending: 0 });
    q.dispose();
  });

  it('backs off on 429 (a user past their per-minute budget) for exactly the Retry-After it is given', async () => {
    const limited = new ApiRequestError(429, 'RATE_LIMITED', 'Too many requests', undefined, 9);
    const net = transport([limited]);
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage: new MemoryStorage() });
    q.start();
    q.edit('Q1', payload('x'), true);
    await vi.advanceTimersByTimeAsync(0);
    const t0 = net.calls[0]?.at ?? 0;
    await vi.advanceTimersByTimeAsync(8000);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.calls).toHaveLength(2);
    expect((net.calls[1]?.at ?? 0) - t0).toBe(9000);
    expect(net.calls[1]?.entry.idempotencyKey).toBe(net.calls[0]?.entry.idempotencyKey);
    await vi.advanceTimersByTimeAsync(0);
    expect(q.getSnapshot()).toMatchObject({ state: 'saved', pending: 0 });
    q.dispose();
  });

  it('keeps pending saves in storage: a new queue (a reload) restores and sends them with their keys', async () => {
    const storage = new MemoryStorage();
    const down = transport(Array.from({ length: 10 }, networkDown));
    const first = new SaveQueue({ responseId: RESPONSE, send: down.send, storage });
    first.start();
    first.edit('Q1', payload('kept'), true);
    first.edit('Q2', { value: null, notApplicable: { justification: 'ไม่มีหน่วยงานย่อย' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(first.getSnapshot().state).toBe('offline');
    const stored = JSON.parse(storage.getItem(outboxKey(RESPONSE)) ?? '[]') as OutboxEntry[];
    expect(stored.map((e) => e.questionCode).sort()).toEqual(['Q1', 'Q2']);
    const keyQ1 = stored.find((e) => e.questionCode === 'Q1')?.idempotencyKey;
    first.dispose(); // the tab is closed

    // Another response's outbox is separate.
    expect(new SaveQueue({ responseId: RESPONSE + 1, storage, send: down.send }).pendingEntries()).toEqual([]);

    const up = transport([]);
    const second = new SaveQueue({ responseId: RESPONSE, send: up.send, storage });
    expect(
      second
        .pendingEntries()
        .map((e) => e.questionCode)
        .sort(),
    ).toEqual(['Q1', 'Q2']);
    expect(second.getSnapshot().pending).toBe(2);
    second.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(up.calls.map((c) => c.entry.questionCode).sort()).toEqual(['Q1', 'Q2']);
    expect(up.calls.find((c) => c.entry.questionCode === 'Q1')?.entry.idempotencyKey).toBe(keyQ1);
    expect(up.calls.find((c) => c.entry.questionCode === 'Q2')?.entry.notApplicable).toEqual({
      justification: 'ไม่มีหน่วยงานย่อย',
    });
    expect(storage.getItem(outboxKey(RESPONSE))).toBeNull();
    expect(second.getSnapshot()).toMatchObject({ state: 'saved', pending: 0 });
    second.dispose();
  });

  it('drops a corrupt outbox instead of failing', () => {
    const storage = new MemoryStorage();
    storage.setItem(outboxKey(RESPONSE), '{not json');
    const q = new SaveQueue({ responseId: RESPONSE, send: transport([]).send, storage });
    expect(q.pendingEntries()).toEqual([]);
  });

  it('parks a stale revision as a conflict (not retried) and drops a refused value with its message', async () => {
    const theirs = {
      questionCode: 'Q1',
      value: 'theirs',
      notApplicable: null,
      revision: 5,
      updatedAt: new Date().toISOString(),
      updatedBy: { id: 2, name: 'B' },
      verification: null,
      verificationReason: null,
      verificationComment: null,
    };
    const net = transport([
      new ApiRequestError(409, 'STALE_REVISION', 'Stale', { current: theirs }),
      new ApiRequestError(400, 'VALIDATION_FAILED', 'ต้องเป็นตัวเลข'),
    ]);
    const storage = new MemoryStorage();
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage });
    q.start();
    q.edit('Q1', payload('mine'), true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(net.calls).toHaveLength(1);
    expect(q.getSnapshot().state).toBe('conflict');
    expect(q.getSnapshot().conflicts[0]?.conflict?.value).toBe('theirs');

    q.edit('Q2', payload('abc'), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls).toHaveLength(2);
    expect(q.getSnapshot().errors.get('Q2')).toBe('VALIDATION_FAILED');
    expect(q.has('Q2')).toBe(false);

    q.resolveKeepMine('Q1');
    // A zero-delay timer set inside a fake-timer tick is due 1 ms later.
    await vi.advanceTimersByTimeAsync(5);
    expect(net.calls).toHaveLength(3);
    expect(net.calls[2]?.entry).toMatchObject({ value: 'mine', baseRevision: 5 });
    expect(net.calls[2]?.entry.idempotencyKey).not.toBe(net.calls[0]?.entry.idempotencyKey);
    expect(storage.getItem(outboxKey(RESPONSE))).toBeNull();
    q.dispose();
  });

  it('does not retry a reused idempotency key (422): shows the error, and the next edit goes with a new key', async () => {
    const reused = new ApiRequestError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different value; send a new edit with a new key',
    );
    const net = transport([reused]);
    const storage = new MemoryStorage();
    const q = new SaveQueue({ responseId: RESPONSE, send: net.send, storage });
    q.start();
    q.edit('Q1', payload('x'), true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(net.calls).toHaveLength(1);
    expect(q.getSnapshot().state).toBe('error');
    expect(q.getSnapshot().errors.get('Q1')).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(q.has('Q1')).toBe(false);
    expect(storage.getItem(outboxKey(RESPONSE))).toBeNull();

    q.edit('Q1', payload('y'), true);
    await vi.advanceTimersByTimeAsync(5);
    expect(net.calls).toHaveLength(2);
    expect(net.calls[1]?.entry.idempotencyKey).not.toBe(net.calls[0]?.entry.idempotencyKey);
    expect(q.getSnapshot().state).toBe('saved');
    q.dispose();
  });

  it('keeps one snapshot while typing changes nothing shown, so subscribers do not re-render per keystroke', () => {
    const q = new SaveQueue({ responseId: RESPONSE, send: transport([]).send, storage: new MemoryStorage() });
    let notified = 0;
    q.subscribe(() => notified++);
    q.edit('Q1', payload('a'));
    const snap = q.getSnapshot();
    for (const v of ['ab', 'abc', 'abcd']) q.edit('Q1', payload(v));
    expect(q.getSnapshot()).toBe(snap);
    expect(notified).toBe(1);
  });
});
