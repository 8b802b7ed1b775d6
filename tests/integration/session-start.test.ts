import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIST } from '../../server/src/lib/paths';
import { type Personas, refreshCookieOf, setupPersonas } from '../support/fixtures';
import { importTestFramework, insertCycle } from '../support/report-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The questionnaire's first load on a slow link (issue 25): the session refresh carries the page's
 * first reads, the framework asked for by its hash is kept by the browser for good, and the page's
 * inline script that starts all this is allowed by the CSP through its hash alone.
 */

let t: TestApp;
let p: Personas;
let openCycle: { id: number };
let hash: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DEFAULT_CLIENT_DIST, 'questionnaire.html'))) {
    throw new Error('build the client first: npm run build -w client');
  }
  t = await createTestApp();
  p = await setupPersonas(t.app, t.db);
  const fw = await importTestFramework(t.db);
  await insertCycle(t.db, fw.id, 2565, 'published');
  openCycle = await insertCycle(t.db, fw.id, 2566, 'open');
  const row = await t.db.selectFrom('frameworks').select('hash').where('id', '=', fw.id).executeTakeFirstOrThrow();
  hash = row.hash;
});
afterAll(async () => t.close());

const refresh = (cookie: string, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    cookies: { dg_refresh: cookie },
    payload: payload as object,
  });
const get = (url: string, token: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('a refresh that resumes the questionnaire', () => {
  it('answers the session with what GET /api/cycles and GET my-response answer for the open cycle', async () => {
    const res = await refresh(p.respondentA.cookie, { resume: 'questionnaire' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe('resp.a@test.go.th');
    // The cookie was rotated as on any refresh: the old one is spent.
    expect(refreshCookieOf(res)).not.toBe(p.respondentA.cookie);
    const cycles = await get('/api/cycles', body.accessToken);
    expect(body.questionnaire.cycles).toEqual(cycles.json());
    expect(body.questionnaire.current.cycleId).toBe(openCycle.id);
    expect(body.questionnaire.current.frameworkHash).toBe(hash);
    const mine = await get(`/api/cycles/${openCycle.id}/my-response`, body.accessToken);
    expect(mine.statusCode).toBe(200);
    expect(body.questionnaire.current.myResponse).toEqual(mine.json());
    expect(body.questionnaire.current.myResponse.response.agencyId).toBe(p.agencyA);
    p.respondentA.cookie = refreshCookieOf(res);
  });

  it('leaves the reads out when not asked, and gives staff the cycles without a response', async () => {
    const plain = await refresh(p.respondentB.cookie, {});
    expect(plain.statusCode).toBe(200);
    expect(plain.json().questionnaire).toBeUndefined();
    p.respondentB.cookie = refreshCookieOf(plain);

    const staff = await refresh(p.analyst.cookie, { resume: 'questionnaire' });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().questionnaire.current).toEqual({
      cycleId: openCycle.id,
      frameworkHash: hash,
      myResponse: null,
    });
    p.analyst.cookie = refreshCookieOf(staff);
  });

  it('refuses an unknown page with a 400 naming the field, without spending the cookie', async () => {
    const bad = await refresh(p.viewerA.cookie, { resume: 'results', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/resume/);
    const again = await refresh(p.viewerA.cookie, { resume: 'questionnaire' });
    expect(again.statusCode).toBe(200);
    // A viewer reads the agency's response too.
    expect(again.json().questionnaire.current.myResponse.response.agencyId).toBe(p.agencyA);
    p.viewerA.cookie = refreshCookieOf(again);
  });

  it('refuses a spent or missing cookie as before (401), with nothing of the questionnaire', async () => {
    const spent = await refresh('not-a-token', { resume: 'questionnaire' });
    expect(spent.statusCode).toBe(401);
    expect(spent.json().questionnaire).toBeUndefined();
  });
});

describe('the framework by its hash', () => {
  it('is kept for a year and not varied on the token when the hash is current', async () => {
    const url = `/api/cycles/${openCycle.id}/framework?hash=${hash}`;
    const res = await get(url, p.respondentA.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(String(res.headers.vary ?? '')).not.toMatch(/authorization/i);
    expect(res.json().hash).toBe(hash);
  });

  it('is revalidated as usual without a hash, with an old one, and for a draft cycle', async () => {
    for (const q of ['', '?hash=0000', `?hash=${hash.slice(1)}`]) {
      const res = await get(`/api/cycles/${openCycle.id}/framework${q}`, p.respondentA.token);
      expect(res.statusCode, q).toBe(200);
      expect(res.headers['cache-control'], q).toBe('private, no-cache');
      expect(String(res.headers.vary), q).toMatch(/authorization/i);
    }
    const fw = await importTestFramework(t.db);
    const draft = await insertCycle(t.db, fw.id, 2567, 'open');
    await t.db.updateTable('cycles').set({ status: 'draft' }).where('id', '=', draft.id).execute();
    const draftHash = (await get(`/api/cycles/${draft.id}/framework`, p.analyst.token)).json().hash;
    const res = await get(`/api/cycles/${draft.id}/framework?hash=${draftHash}`, p.analyst.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    // A respondent never sees a draft, hash or not.
    expect((await get(`/api/cycles/${draft.id}/framework?hash=${draftHash}`, p.respondentA.token)).statusCode).toBe(
      404,
    );
  });

  it('needs a signed-in reader like any API read', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/cycles/${openCycle.id}/framework?hash=${hash}` });
    expect(res.statusCode).toBe(401);
  });
});

describe('the pages that start it', () => {
  const inlineScripts = (html: string) =>
    [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);

  it('allows the inline early-request script by its hash and no other inline script', async () => {
    for (const url of ['/', '/questionnaire', '/login']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const scripts = inlineScripts(res.body);
      expect(scripts.length, url).toBe(1);
      expect(scripts[0]).toContain('/api/auth/refresh');
      const digest = createHash('sha256')
        .update(scripts[0] as string)
        .digest('base64');
      const scriptSrc = String(res.headers['content-security-policy']).match(/script-src ([^;]*)/)?.[1] ?? '';
      expect(scriptSrc.split(' ').sort(), url).toEqual([`'self'`, `'sha256-${digest}'`].sort());
    }
  });

  it('serves /questionnaire with its own chunks preloaded, each of them a real script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/questionnaire' });
    expect(res.headers['cache-control']).toBe('no-cache');
    const preloads = [...res.body.matchAll(/<link rel="modulepreload"[^>]*href="(\/assets\/[^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    const index = await t.app.inject({ method: 'GET', url: '/' });
    const own = preloads.filter((f) => !index.body.includes(f));
    expect(own.some((f) => /questionnaire-page-[\w-]+\.js$/.test(f))).toBe(true);
    for (const f of preloads) {
      const asset = await t.app.inject({ method: 'GET', url: f });
      expect(asset.statusCode, f).toBe(200);
      expect(asset.headers['content-type'], f).toMatch(/javascript/);
    }
    // Other deep links get the plain page.
    expect((await t.app.inject({ method: 'GET', url: '/results' })).body).toBe(index.body);
  });
});
