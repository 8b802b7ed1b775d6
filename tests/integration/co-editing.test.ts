import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAMS_PER_USER } from '../../server/src/modules/co-editing/co-edit.hub';
import { insertUser, type Personas, type SignedIn, setupPersonas, signIn } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { openCycleWithResponse } from '../support/open-cycle';

/** Co-editing over Server-Sent Events, through real sockets: pushes, presence, tickets and bounds. */

let s: LiveServer;
let p: Personas;
let colleague: SignedIn;
let responseId: number;
let cycleId: number;
let questionCode: string;

interface Sse {
  events: { event: string; data: unknown }[];
  status: number;
  close(): void;
  closed: Promise<void>;
}

async function ticketFor(who: SignedIn, id = responseId): Promise<string> {
  const res = await fetch(`${s.baseUrl}/api/responses/${id}/events/ticket`, { method: 'POST', headers: who.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** Opens the stream as a browser's EventSource would (a GET, no headers) and collects its events. */
async function openStream(ticket: string, id = responseId, pillar = 'P1'): Promise<Sse> {
  const ac = new AbortController();
  const res = await fetch(
    `${s.baseUrl}/api/responses/${id}/events?ticket=${encodeURIComponent(ticket)}&pillar=${pillar}`,
    { signal: ac.signal, headers: { accept: 'text/event-stream' } },
  );
  const events: Sse['events'] = [];
  let done: () => void = () => {};
  const closed = new Promise<void>((r) => {
    done = r;
  });
  if (res.status === 200 && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done: end } = await reader.read();
          if (end) break;
          buf += value;
          let i = buf.indexOf('\n\n');
          while (i >= 0) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
            i = buf.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
      done();
    })();
  } else {
    done();
  }
  return { events, status: res.status, close: () => ac.abort(), closed };
}

const lastPresence = (sse: Sse) =>
  (
    sse.events.filter((e) => e.event === 'presence').at(-1)?.data as { others: { name: string }[] } | undefined
  )?.others.map((o) => o.name);

beforeAll(async () => {
  s = await startLiveServer();
  p = await setupPersonas(s.app, s.db);
  await insertUser(s.db, 'colleague.a@test.go.th', 'respondent', p.agencyA);
  colleague = await signIn(s.app, 'colleague.a@test.go.th');
  ({ responseId, cycleId } = await openCycleWithResponse(s, p.respondentA));
  const detail = await fetch(`${s.baseUrl}/api/responses/${responseId}`, { headers: p.respondentA.headers });
  const body = (await detail.json()) as { response: { cycleId: number } };
  const fw = await fetch(`${s.baseUrl}/api/cycles/${body.response.cycleId}/framework`, {
    headers: p.respondentA.headers,
  });
  const framework = (
    (await fw.json()) as { framework: { pillars: { indicators: { questions: { code: string; type: string }[] }[] }[] } }
  ).framework;
  const q = framework.pillars.flatMap((x) => x.indicators.flatMap((i) => i.questions)).find((x) => x.type === 'text');
  if (!q) throw new Error('no text question');
  questionCode = q.code;
}, 120_000);
afterAll(async () => s?.close());

describe('co-editing event stream', () => {
  it("pushes one coordinator's save and presence to the other, and removes a coordinator who leaves", async () => {
    const a = await openStream(await ticketFor(p.respondentA));
    const b = await openStream(await ticketFor(colleague));
    expect([a.status, b.status]).toEqual([200, 200]);
    // Each sees the other as present, by push.
    await expect.poll(() => lastPresence(a), { timeout: 15_000 }).toEqual(['colleague.a']);
    await expect.poll(() => lastPresence(b), { timeout: 15_000 }).toEqual(['resp.a']);

    const save = await fetch(`${s.baseUrl}/api/responses/${responseId}/answers/${questionCode}`, {
      method: 'PUT',
      headers: { ...p.respondentA.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'ตอบโดย A', notApplicable: null, baseRevision: 0, idempotencyKey: randomUUID() }),
    });
    expect(save.status).toBe(200);
    const pushed = () =>
      b.events
        .filter((e) => e.event === 'answers')
        .flatMap((e) => (e.data as { answers: { questionCode: string; value: unknown; revision: number }[] }).answers)
        .find((x) => x.questionCode === questionCode);
    await expect.poll(pushed, { timeout: 15_000 }).toMatchObject({ value: 'ตอบโดย A', revision: 1 });

    a.close();
    await a.closed;
    await expect.poll(() => lastPresence(b), { timeout: 15_000 }).toEqual([]);
    b.close();
    await expect.poll(() => s.app.coEdit.size, { timeout: 15_000 }).toBe(0);
  });

  it('opens only with a fresh ticket for this response, used once; never with an access token', async () => {
    const ticket = await ticketFor(p.respondentA);
    const first = await openStream(ticket);
    expect(first.status).toBe(200);
    expect((await openStream(ticket)).status).toBe(401); // replayed
    first.close();

    const mine = await fetch(`${s.baseUrl}/api/cycles/${cycleId}/my-response`, { headers: p.respondentB.headers });
    const other = { responseId: ((await mine.json()) as { response: { id: number } }).response.id };
    const foreign = await ticketFor(p.respondentB, other.responseId);
    expect((await openStream(foreign)).status).toBe(401); // for another response
    expect((await openStream(p.respondentA.token)).status).toBe(401);
    const [body, mac] = (await ticketFor(p.respondentA)).split('.');
    const tampered = JSON.parse(Buffer.from(body ?? '', 'base64url').toString());
    tampered.responseId = other.responseId;
    expect(
      (await openStream(`${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${mac}`, other.responseId))
        .status,
    ).toBe(401);
    // Another agency cannot even get a ticket.
    const denied = await fetch(`${s.baseUrl}/api/responses/${responseId}/events/ticket`, {
      method: 'POST',
      headers: p.respondentB.headers,
    });
    expect(denied.status).toBe(403);
    // A ticket does not work as an access token.
    const asBearer = await fetch(`${s.baseUrl}/api/responses/${responseId}`, {
      headers: { authorization: `Bearer ${await ticketFor(p.respondentA)}` },
    });
    expect(asBearer.status).toBe(401);
    await expect.poll(() => s.app.coEdit.size, { timeout: 15_000 }).toBe(0);
  });

  it('bounds the streams one user holds, and frees them when they close', async () => {
    const open: Sse[] = [];
    for (let i = 0; i < STREAMS_PER_USER; i++) open.push(await openStream(await ticketFor(colleague)));
    expect(open.map((x) => x.status)).toEqual(open.map(() => 200));
    const over = await openStream(await ticketFor(colleague));
    expect(over.status).toBe(503);
    for (const x of open) x.close();
    await expect.poll(() => s.app.coEdit.size, { timeout: 15_000 }).toBe(0);
    const again = await openStream(await ticketFor(colleague));
    expect(again.status).toBe(200);
    again.close();
    await expect.poll(() => s.app.coEdit.size, { timeout: 15_000 }).toBe(0);
  });
});
