import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIST } from '../../server/src/lib/paths';
import { type SignedIn, setupPersonas } from '../support/fixtures';
import { type LiveServer, startLiveServer } from '../support/live-server';
import { importTestFramework, insertCycle, strengthAnswers, submitWithSnapshot } from '../support/report-fixtures';

/** Compression, caching headers and conditional GETs, over a real socket (raw bytes, no client magic). */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let s: LiveServer;
let analyst: SignedIn;
let respondent: SignedIn;
let agencyA: number;
let cycleId: number;
let clientDist: string;

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${s.baseUrl}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(r: Raw): string {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.body).toString();
  if (enc === 'gzip') return zlib.gunzipSync(r.body).toString();
  return r.body.toString();
}

beforeAll(async () => {
  // A copy of the built client, with a stray source map planted in it.
  if (!fs.existsSync(path.join(DEFAULT_CLIENT_DIST, 'index.html'))) {
    throw new Error('build the client first: npm run build -w client');
  }
  clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-client-'));
  fs.cpSync(DEFAULT_CLIENT_DIST, clientDist, { recursive: true });
  fs.writeFileSync(path.join(clientDist, 'assets', 'stray.js.map'), '{"version":3,"sources":["secret.ts"]}');
  s = await startLiveServer({ CLIENT_DIST: clientDist });
  const p = await setupPersonas(s.app, s.db);
  analyst = p.analyst;
  respondent = p.respondentA;
  agencyA = p.agencyA;
  const fw = await importTestFramework(s.db);
  cycleId = (await insertCycle(s.db, fw.id, 2023, 'published')).id;
  await submitWithSnapshot(s.db, cycleId, agencyA, strengthAnswers(fw.framework, 'department', 0.6, 1));
}, 120_000);
afterAll(async () => {
  await s?.close();
  if (clientDist) fs.rmSync(clientDist, { recursive: true, force: true });
});

describe('static client', () => {
  const assetOf = (ext: string) => {
    // The largest one: every file above 1 KB has its .br and .gz.
    const dir = path.join(clientDist, 'assets');
    const name = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(ext) && !f.startsWith('stray'))
      .sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
    if (!name) throw new Error(`no ${ext} asset`);
    return `/assets/${name}`;
  };

  it('sends hashed assets precompressed (br, else gzip) and immutable for a year', async () => {
    const js = assetOf('.js');
    const plain = await get(js);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const br = await get(js, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(decoded(br)).toBe(plain.body.toString());

    const gz = await get(js, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz)).toBe(plain.body.toString());

    const css = await get(assetOf('.css'), { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBe('br');
  });

  it('revalidates index.html on every load, for / and for deep links, and answers 304 when unchanged', async () => {
    for (const url of ['/', '/index.html', '/questionnaire/1']) {
      const r = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(r.status, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(decoded(r), url).toContain('<div id="root">');
    }
    const first = await get('/');
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await get('/', { 'if-none-match': String(etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('never serves a source map', async () => {
    const r = await get('/assets/stray.js.map');
    expect(r.status).toBe(404);
    expect(r.body.toString()).not.toContain('secret.ts');
    // The production build has none, and its scripts point to none.
    const built = fs.readdirSync(path.join(DEFAULT_CLIENT_DIST, 'assets'));
    expect(built.filter((f) => f.endsWith('.map'))).toEqual([]);
    const js = await get(assetOf('.js'));
    expect(js.body.toString()).not.toMatch(/sourceMappingURL=/);
  });
});

describe('API reads', () => {
  it('compresses large JSON (br or gzip, as accepted) and leaves small answers plain', async () => {
    const url = `/api/cycles/${cycleId}/framework`;
    const plain = await get(url, analyst.headers);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(url, { ...analyst.headers, 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(decoded(br))).toEqual(JSON.parse(plain.body.toString()));
    const gz = await get(url, { ...analyst.headers, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gz))).toEqual(JSON.parse(plain.body.toString()));

    const small = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('tags the framework weakly and answers a matching If-None-Match with an empty 304', async () => {
    const url = `/api/cycles/${cycleId}/framework`;
    const first = await get(url, { ...analyst.headers, 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const cases: [string, number][] = [
      [etag, 304],
      [etag.slice(2), 304], // the strong form of the same tag: If-None-Match compares weakly
      [`"other", ${etag}`, 304], // a list
      ['*', 304],
      ['W/"other"', 200],
      ['"other", W/"another"', 200],
    ];
    for (const [inm, status] of cases) {
      const r = await get(url, { ...analyst.headers, 'accept-encoding': 'br', 'if-none-match': inm });
      expect(r.status, inm).toBe(status);
      if (status === 304) {
        expect(r.body.length, inm).toBe(0);
        expect(r.headers.etag, inm).toBe(etag);
      }
    }
  });

  it('tags agency results and other reads; changes produce a new tag; errors and writes are never 304', async () => {
    const url = `/api/results/${cycleId}/agency/${agencyA}`;
    const first = await get(url, { ...respondent.headers, 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    const again = await get(url, { ...respondent.headers, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another reader's view of the same URL may differ: the cache key includes who asks.
    expect(String(first.headers.vary)).toMatch(/authorization/i);

    const cycles = await get('/api/cycles', analyst.headers);
    expect(cycles.headers.etag).toMatch(/^W\//);
    expect(
      (await get('/api/cycles', { ...analyst.headers, 'if-none-match': String(cycles.headers.etag) })).status,
    ).toBe(304);
    // A new cycle changes the list, so the old tag no longer matches.
    await insertCycle(s.db, (await importTestFramework(s.db)).id, 2024, 'open');
    expect(
      (await get('/api/cycles', { ...analyst.headers, 'if-none-match': String(cycles.headers.etag) })).status,
    ).toBe(200);

    // An error is never turned into a 304, even for '*'.
    const missing = await get(`/api/results/${cycleId}/agency/999999`, { ...analyst.headers, 'if-none-match': '*' });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});
