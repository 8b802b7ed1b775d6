import type { AnswerValue } from '@dg/shared/schemas/answer';
import type { SaveAnswerResult, StoredAnswer } from '@dg/shared/schemas/questionnaire';
import { ApiRequestError } from '../../lib/api';

/** One pending autosave of one question: the latest value the user wants stored. */
export interface OutboxEntry {
  questionCode: string;
  value: AnswerValue | null;
  notApplicable: { justification: string } | null;
  /** The server revision this edit was made on (0 for a first answer). */
  baseRevision: number;
  /** New for every distinct edit; kept across retries of the same edit so the server can replay it. */
  idempotencyKey: string;
  editedAt: string;
  /** Not sent before this time (ms): the debounce while the user is still typing. */
  notBefore: number;
  /** Set when the server answered STALE_REVISION: not sent again until the user decides. */
  conflict?: StoredAnswer;
}

/** What the queue needs of the server's answer to a save (SaveAnswerResultSchema). */
export type SaveResult = Pick<SaveAnswerResult, 'revision' | 'updatedAt' | 'updatedBy' | 'replayed'>;

export type SaveState = 'saved' | 'saving' | 'offline' | 'conflict' | 'error';

export interface QueueSnapshot {
  state: SaveState;
  pending: number;
  conflicts: readonly OutboxEntry[];
  /** Saves the server refused for good, by question (the message to show). */
  errors: ReadonlyMap<string, string>;
  lastSavedAt: string | null;
}

export interface SaveQueueOptions {
  responseId: number;
  send(entry: OutboxEntry): Promise<SaveResult>;
  onSaved?(entry: OutboxEntry, result: SaveResult): void;
  onConflict?(entry: OutboxEntry): void;
  /** A permanent refusal (invalid value, read-only response, no access): the entry is dropped. */
  onRejected?(entry: OutboxEntry, error: ApiRequestError): void;
  debounceMs?: number;
  maxConcurrent?: number;
  storage?: Storage;
}

export const outboxKey = (responseId: number) => `dg.outbox.${responseId}`;

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context randomUUID is missing; build a v4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function sameSnapshot(a: QueueSnapshot | undefined, b: QueueSnapshot): boolean {
  if (!a) return false;
  if (a.state !== b.state || a.pending !== b.pending || a.lastSavedAt !== b.lastSavedAt) return false;
  if (a.conflicts.length !== b.conflicts.length || a.conflicts.some((c, i) => c !== b.conflicts[i])) return false;
  if (a.errors.size !== b.errors.size) return false;
  for (const [k, v] of a.errors) if (b.errors.get(k) !== v) return false;
  return true;
}

const RETRYABLE = (e: unknown): e is Error =>
  !(e instanceof ApiRequestError) || e.status >= 500 || e.status === 429 || e.status === 401 || e.status === 408;

/**
 * The autosave outbox of one response. Every edit is written to localStorage at once, so a
 * reload or a closed tab loses nothing; it is sent after a short debounce (or at once on blur),
 * one PUT per question and at most one in flight per question, with the revision it was made on.
 * Failures from the network or an overloaded server are retried with exponential backoff,
 * honouring Retry-After; a stale revision parks the entry as a conflict for the user to resolve.
 */
export class SaveQueue {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly inflight = new Map<string, string>();
  private readonly revisions = new Map<string, number>();
  private readonly errors = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private readonly opts: Required<Pick<SaveQueueOptions, 'debounceMs' | 'maxConcurrent'>> & SaveQueueOptions;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = 0;
  private retryAt = 0;
  private attempt = 0;
  private networkDown = false;
  private lastSavedAt: string | null = null;
  private snap: QueueSnapshot;
  private disposed = true;

  constructor(options: SaveQueueOptions) {
    this.opts = { debounceMs: 800, maxConcurrent: 4, ...options };
    this.restore();
    this.snap = this.buildSnapshot();
  }

  /** Starts sending (and listening to online/offline). Safe to call again after dispose (React StrictMode). */
  start(): void {
    this.disposed = false;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.handleOnline);
      window.addEventListener('offline', this.handleOffline);
    }
    this.schedule(0);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.handleOnline);
      window.removeEventListener('offline', this.handleOffline);
    }
  }

  private get storage(): Storage | null {
    if (this.opts.storage) return this.opts.storage;
    return typeof localStorage === 'undefined' ? null : localStorage;
  }

  private restore(): void {
    try {
      const raw = this.storage?.getItem(outboxKey(this.opts.responseId));
      if (!raw) return;
      const list = JSON.parse(raw) as OutboxEntry[];
      for (const e of list) {
        if (e && typeof e.questionCode === 'string' && typeof e.idempotencyKey === 'string') {
          this.entries.set(e.questionCode, { ...e, notBefore: 0, conflict: undefined });
        }
      }
    } catch {
      // A corrupt outbox is dropped rather than blocking the page.
    }
  }

  private persist(): void {
    const list = [...this.entries.values()].map(({ conflict: _c, ...rest }) => rest);
    try {
      const key = outboxKey(this.opts.responseId);
      if (list.length === 0) this.storage?.removeItem(key);
      else this.storage?.setItem(key, JSON.stringify(list));
    } catch {
      // Storage full or disabled: the in-memory queue still works for this tab.
    }
  }

  // ---- subscription (useSyncExternalStore) ----
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getSnapshot = (): QueueSnapshot => this.snap;

  private buildSnapshot(): QueueSnapshot {
    const conflicts = [...this.entries.values()].filter((e) => e.conflict);
    const pending = this.entries.size;
    let state: SaveState = 'saved';
    if (conflicts.length > 0) state = 'conflict';
    else if (pending > 0 && (this.networkDown || (typeof navigator !== 'undefined' && navigator.onLine === false)))
      state = 'offline';
    else if (pending > 0) state = 'saving';
    else if (this.errors.size > 0) state = 'error';
    return { state, pending, conflicts, errors: new Map(this.errors), lastSavedAt: this.lastSavedAt };
  }

  private changed(): void {
    const next = this.buildSnapshot();
    // Typing changes nothing shown (still "saving", one pending): keep the same snapshot so
    // subscribed components skip rendering on every keystroke.
    if (sameSnapshot(this.snap, next)) return;
    this.snap = next;
    for (const fn of this.listeners) fn();
  }

  // ---- revisions ----
  setRevision(code: string, revision: number): void {
    this.revisions.set(code, revision);
  }
  revisionOf(code: string): number {
    return this.revisions.get(code) ?? 0;
  }

  /** A local edit exists that the server does not have yet (typing, queued, in flight or in conflict). */
  has(code: string): boolean {
    return this.entries.has(code);
  }
  pendingEntries(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  /** Records an edit. It is persisted now and sent after the debounce, or at once when `immediate`. */
  edit(
    code: string,
    payload: { value: AnswerValue | null; notApplicable: { justification: string } | null },
    immediate = false,
  ): void {
    const prev = this.entries.get(code);
    if (
      prev &&
      JSON.stringify([prev.value, prev.notApplicable]) === JSON.stringify([payload.value, payload.notApplicable])
    ) {
      if (immediate) this.flush(code);
      return;
    }
    const entry: OutboxEntry = {
      questionCode: code,
      ...payload,
      baseRevision: prev ? prev.baseRevision : this.revisionOf(code),
      idempotencyKey: newIdempotencyKey(),
      editedAt: new Date().toISOString(),
      notBefore: immediate ? 0 : Date.now() + this.opts.debounceMs,
      conflict: prev?.conflict,
    };
    this.entries.set(code, entry);
    this.errors.delete(code);
    this.persist();
    this.changed();
    this.schedule(immediate ? 0 : this.opts.debounceMs);
  }

  /** Sends a question's pending edit now (blur). */
  flush(code?: string): void {
    for (const e of this.entries.values()) if (!code || e.questionCode === code) e.notBefore = 0;
    this.schedule(0);
  }

  /** Drops a pending edit (e.g. the value went back to what the server has). */
  discard(code: string): void {
    if (this.inflight.has(code)) return;
    if (this.entries.delete(code)) {
      this.persist();
      this.changed();
    }
  }

  resolveKeepMine(code: string): void {
    const e = this.entries.get(code);
    if (!e?.conflict) return;
    this.revisions.set(code, e.conflict.revision);
    this.entries.set(code, {
      ...e,
      baseRevision: e.conflict.revision,
      idempotencyKey: newIdempotencyKey(),
      notBefore: 0,
      conflict: undefined,
    });
    this.persist();
    this.changed();
    this.schedule(0);
  }

  resolveTakeTheirs(code: string): StoredAnswer | undefined {
    const e = this.entries.get(code);
    if (!e?.conflict) return undefined;
    this.revisions.set(code, e.conflict.revision);
    this.entries.delete(code);
    this.persist();
    this.changed();
    return e.conflict;
  }

  /** Resolves once nothing is waiting to be sent (conflicts excepted), or false after `timeoutMs`. */
  async settle(timeoutMs = 15_000): Promise<boolean> {
    this.flush();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const waiting = [...this.entries.values()].some((e) => !e.conflict);
      if (!waiting) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  private handleOnline = () => {
    this.networkDown = false;
    this.retryAt = 0;
    this.attempt = 0;
    this.changed();
    this.schedule(0);
  };
  private handleOffline = () => {
    this.networkDown = true;
    this.changed();
  };

  private schedule(delay: number): void {
    if (this.disposed) return;
    const wait = Math.max(delay, this.retryAt - Date.now(), 0);
    // An earlier wake-up stays: the debounce of one question must not hold back another's flush.
    // pump() looks at every entry and schedules the next one itself.
    if (this.timer) {
      if (this.timerAt <= Date.now() + wait) return;
      clearTimeout(this.timer);
    }
    this.timerAt = Date.now() + wait;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, wait);
  }

  private pump(): void {
    if (this.disposed) return;
    const now = Date.now();
    if (now < this.retryAt) {
      this.schedule(this.retryAt - now);
      return;
    }
    let nextDue = Number.POSITIVE_INFINITY;
    for (const e of this.entries.values()) {
      if (this.inflight.size >= this.opts.maxConcurrent) break;
      if (e.conflict || this.inflight.has(e.questionCode)) continue;
      if (e.notBefore > now) {
        nextDue = Math.min(nextDue, e.notBefore);
        continue;
      }
      void this.send(e);
    }
    if (nextDue !== Number.POSITIVE_INFINITY) this.schedule(nextDue - now);
  }

  private async send(entry: OutboxEntry): Promise<void> {
    const code = entry.questionCode;
    this.inflight.set(code, entry.idempotencyKey);
    try {
      const result = await this.opts.send(entry);
      this.revisions.set(code, result.revision);
      this.networkDown = false;
      this.attempt = 0;
      this.lastSavedAt = result.updatedAt;
      const current = this.entries.get(code);
      if (current?.idempotencyKey === entry.idempotencyKey) this.entries.delete(code);
      // A newer edit of ours was made on the revision we just wrote.
      else if (current) current.baseRevision = result.revision;
      this.persist();
      this.opts.onSaved?.(entry, result);
    } catch (err) {
      const current = this.entries.get(code);
      if (err instanceof ApiRequestError && err.status === 409 && err.code === 'STALE_REVISION') {
        const details = err.details as { current?: StoredAnswer } | undefined;
        if (current && details?.current) {
          current.conflict = details.current;
          this.opts.onConflict?.(current);
        }
      } else if (RETRYABLE(err)) {
        const isNetwork = !(err instanceof ApiRequestError);
        if (isNetwork) this.networkDown = true;
        this.attempt += 1;
        const retryAfter = err instanceof ApiRequestError ? err.retryAfter : undefined;
        const backoff = Math.min(30_000, 1000 * 2 ** Math.min(this.attempt - 1, 5));
        const delay = retryAfter ? retryAfter * 1000 : backoff + Math.floor(Math.random() * 300);
        this.retryAt = Math.max(this.retryAt, Date.now() + delay);
      } else if (err instanceof ApiRequestError) {
        // Refused for good: keep the code (worded in the UI's language) by the question, drop the entry so others can flow.
        if (current?.idempotencyKey === entry.idempotencyKey) this.entries.delete(code);
        this.errors.set(code, err.code);
        this.persist();
        this.opts.onRejected?.(entry, err);
      }
    } finally {
      this.inflight.delete(code);
      this.changed();
      this.schedule(0);
    }
  }
}
