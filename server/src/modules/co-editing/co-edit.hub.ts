import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CoEditor } from '@dg/shared/schemas/co-editing';
import type { StoredAnswer } from '@dg/shared/schemas/questionnaire';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { listPresence, upsertPresence } from '../responses/responses.repository';
import { iso } from '../responses/responses.service';
import { notify, removePresence, touchPresence } from './co-edit.repository';

/**
 * Server push for co-editing (replaces the 10 s change poll and the 30 s presence post).
 *
 * A save on any app server is NOTIFYed on `dg_co_edit`, batched: every ~25 ms one notification
 * carries the answers saved meanwhile (a change too large for a notification is sent as "stale",
 * and the readers fetch /changes). Every server LISTENs and writes each change to the streams it
 * holds for that response. Presence is the stream itself: opening adds the reader, closing removes
 * it, a heartbeat keeps it fresh; joins, leaves and pillar changes are notified the same way and
 * each server then reads the response's presence once for all its streams there.
 */

export const CO_EDIT_CHANNEL = 'dg_co_edit';
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;
const FLUSH_MS = 25;
const HEARTBEAT_MS = 20_000;
/** A stream is closed after this long; the browser reopens it with a fresh ticket (auth is rechecked). */
export const STREAM_MAX_MS = 10 * 60_000;
export const STREAMS_PER_USER = 8;

interface Stream {
  id: string;
  responseId: number;
  userId: number;
  present: boolean;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** One notification: a response's answers, or a flag that its presence changed or something was missed. */
interface Item {
  r: number;
  a?: StoredAnswer[];
  p?: 1;
  x?: 1;
}

export class CoEditHub {
  private readonly byResponse = new Map<number, Set<Stream>>();
  private readonly perUser = new Map<number, number>();
  private count = 0;
  private pendingAnswers = new Map<number, StoredAnswer[]>();
  private pendingPresence = new Set<number>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly maxStreams: number,
    private readonly presenceTtlSeconds: number,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.count;
  }

  /** Why a new stream cannot open now, or null. */
  refusal(userId: number): string | null {
    if (this.closed) return 'The server is shutting down';
    if (this.count >= this.maxStreams) return 'Too many open event streams on this server; retry shortly';
    if ((this.perUser.get(userId) ?? 0) >= STREAMS_PER_USER) return 'Too many open event streams for this user';
    return null;
  }

  /** Takes over a hijacked response as an event stream. */
  async open(res: ServerResponse, responseId: number, userId: number, present: boolean, pillarKey: string | null) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    const stream: Stream = {
      id: randomUUID(),
      responseId,
      userId,
      present,
      res,
      timer: setTimeout(() => res.end(), STREAM_MAX_MS),
    };
    const set = this.byResponse.get(responseId) ?? new Set();
    this.byResponse.set(responseId, set);
    set.add(stream);
    this.count++;
    this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1);
    res.on('close', () => void this.drop(stream));
    res.write('retry: 5000\n\n');
    // Who is here now, at once (then on every change).
    if (!present) return void (await this.pushPresence(responseId, stream));
    try {
      await upsertPresence(this.db, responseId, userId, pillarKey);
      this.presenceChanged(responseId);
    } catch (err) {
      this.log.warn({ err }, 'co-edit: presence not recorded');
    }
  }

  private async drop(s: Stream) {
    const set = this.byResponse.get(s.responseId);
    if (!set?.delete(s)) return;
    clearTimeout(s.timer);
    if (set.size === 0) this.byResponse.delete(s.responseId);
    this.count--;
    const n = (this.perUser.get(s.userId) ?? 1) - 1;
    if (n > 0) this.perUser.set(s.userId, n);
    else this.perUser.delete(s.userId);
    if (this.closed || !s.present) return;
    // Still here in another tab (on this server): keep the presence row.
    if ([...set].some((o) => o.userId === s.userId && o.present)) return;
    try {
      await removePresence(this.db, s.responseId, s.userId);
      this.presenceChanged(s.responseId);
    } catch (err) {
      this.log.warn({ err }, 'co-edit: presence not removed');
    }
  }

  /** An answer was saved (called after commit). */
  answerSaved(responseId: number, answer: StoredAnswer) {
    const list = this.pendingAnswers.get(responseId);
    if (list) list.push(answer);
    else this.pendingAnswers.set(responseId, [answer]);
    this.schedule();
  }

  presenceChanged(responseId: number) {
    this.pendingPresence.add(responseId);
    this.schedule();
  }

  private schedule() {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Packs what changed into as few notifications as fit. */
  private async flush() {
    this.flushTimer = undefined;
    const items: Item[] = [];
    for (const [r, a] of this.pendingAnswers) {
      const item: Item = { r, a };
      items.push(JSON.stringify(item).length > MAX_PAYLOAD ? { r, x: 1 } : item);
    }
    for (const r of this.pendingPresence) items.push({ r, p: 1 });
    this.pendingAnswers = new Map();
    this.pendingPresence = new Set();
    const payloads: string[] = [];
    let batch: Item[] = [];
    let size = 2;
    for (const item of items) {
      const len = JSON.stringify(item).length + 1;
      if (batch.length > 0 && size + len > MAX_PAYLOAD) {
        payloads.push(JSON.stringify(batch));
        batch = [];
        size = 2;
      }
      batch.push(item);
      size += len;
    }
    if (batch.length) payloads.push(JSON.stringify(batch));
    for (const p of payloads) {
      try {
        await notify(this.db, CO_EDIT_CHANNEL, p);
      } catch (err) {
        this.log.warn({ err }, 'co-edit: notification not sent; readers will catch up on reconnect');
      }
    }
  }

  /** A notification from any server (this one included). */
  onPayload(payload: string) {
    let items: Item[];
    try {
      items = JSON.parse(payload) as Item[];
      if (!Array.isArray(items)) return;
    } catch {
      return;
    }
    for (const item of items) {
      const set = this.byResponse.get(item.r);
      if (!set) continue;
      if (item.a) this.send(set, 'answers', { answers: item.a });
      if (item.x) this.send(set, 'stale', {});
      if (item.p) void this.pushPresence(item.r);
    }
  }

  /** Notifications may have been missed: every reader re-reads /changes. */
  onGap() {
    for (const set of this.byResponse.values()) this.send(set, 'stale', {});
  }

  /** Sends the response's presence to its streams here (or to `only`). */
  private async pushPresence(responseId: number, only?: Stream) {
    let rows: Awaited<ReturnType<typeof listPresence>>;
    try {
      rows = await listPresence(this.db, responseId, 0, this.presenceTtlSeconds);
    } catch (err) {
      this.log.warn({ err }, 'co-edit: presence not read');
      return;
    }
    const all: CoEditor[] = rows.map((o) => ({
      userId: o.user_id,
      name: o.display_name,
      pillarKey: o.pillar_key,
      seenAt: iso(o.seen_at) as string,
    }));
    for (const s of only ? [only] : (this.byResponse.get(responseId) ?? [])) {
      this.write(s, 'presence', { others: all.filter((o) => o.userId !== s.userId) });
    }
  }

  private send(set: Set<Stream>, event: string, data: unknown) {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of set) s.res.write(frame);
  }

  private write(s: Stream, event: string, data: unknown) {
    s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Keeps proxies from closing idle streams and every open reader present. */
  private async beat() {
    const pairs: { responseId: number; userId: number }[] = [];
    for (const [responseId, set] of this.byResponse) {
      const users = new Set<number>();
      for (const s of set) {
        s.res.write(': ping\n\n');
        if (s.present) users.add(s.userId);
      }
      for (const userId of users) pairs.push({ responseId, userId });
    }
    try {
      await touchPresence(this.db, pairs);
    } catch (err) {
      this.log.warn({ err }, 'co-edit: presence heartbeat failed');
    }
  }

  /** Ends every stream (server shutdown); readers reconnect to another server. */
  close() {
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.flushTimer);
    for (const set of this.byResponse.values()) for (const s of set) s.res.end();
  }
}
