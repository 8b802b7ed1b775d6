/** Runs a task in the autosave bulkhead (the app's writeSlot). */
export type Slot = <T>(fn: () => Promise<T>) => Promise<T>;

export const runNow: Slot = (fn) => fn();

interface Pending<I, R> {
  item: I;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Natural batching ("group commit" in the application): every submitted item asks the bulkhead for
 * a slot, and whoever gets one takes everything queued by then (up to `maxBatch`) into one
 * statement. With free slots an item runs alone at once; when the database is the bottleneck,
 * items wait anyway, and the waiting is turned into fewer, larger transactions: one round trip,
 * one commit and one WAL flush for many saves. Items with the same key never share a batch (the
 * later one waits for the next), so a batch never edits one row twice.
 */
export class Batcher<I, R> {
  private queue: Pending<I, R>[] = [];

  constructor(
    private readonly opts: {
      maxBatch: number;
      keyOf: (item: I) => string;
      run: (items: I[]) => Promise<R[]>;
    },
  ) {}

  submit(item: I, slot: Slot): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      slot(() => this.drain()).catch(() => {});
    });
  }

  private async drain(): Promise<void> {
    const batch = this.take();
    if (batch.length === 0) return;
    try {
      const results = await this.opts.run(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i] as R);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  private take(): Pending<I, R>[] {
    const batch: Pending<I, R>[] = [];
    const keys = new Set<string>();
    const rest: Pending<I, R>[] = [];
    for (const p of this.queue) {
      const key = this.opts.keyOf(p.item);
      if (batch.length < this.opts.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(p);
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }
}
