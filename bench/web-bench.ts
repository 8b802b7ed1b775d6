/**
 * `npm run bench -- web`: what the sign-in page and the questionnaire cost on a slow link.
 *   1. The bundle budget: the JS and CSS index.html makes the browser fetch before anything renders
 *      (its module script, modulepreloads and stylesheets), as sent with brotli (the build's .br
 *      files; a file too small to have one is counted compressed here). Target: under 250 KB.
 *   2. Headless Chromium on DevTools' "Fast 3G" profile (set through CDP
 *      Network.emulateNetworkConditions), against the production bundle (server/dist/server.js) on
 *      PostgreSQL (a throwaway cluster or BENCH_DATABASE_URL) with the 2566 framework and an open
 *      cycle: time from navigation to the sign-in form visible, and (signed in as a respondent) to
 *      the questionnaire's first question visible (noted in the page: the frame that paints it),
 *      with an empty cache (a new browser context) and a warm one (the same context again). Median
 *      of --runs=N (default 5) runs each; --trace prints each load's requests. Targets: form
 *      < 2.5 s and first question < 4 s with an empty cache, both < 1.5 s warm.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { type Browser, type BrowserContext, type CDPSession, chromium } from 'playwright-core';
import { freePort } from '../tests/support/pg-cluster';
import {
  benchDatabase,
  judged,
  loadAverage,
  medianOf,
  numberOption,
  type ProductionServer,
  startProductionServer,
} from './bench-support';
import { seed } from './load-bench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_KB = 250;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function runWebBench({ log = true }: { log?: boolean } = {}) {
  const say = (m: string) => log && console.log(m);
  const dist = process.env.CLIENT_DIST ?? path.join(root, 'client/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  );
  let total = 0;
  const rows: string[] = [];
  for (const f of files) {
    const file = path.join(dist, f);
    const br = fs.existsSync(`${file}.br`)
      ? fs.statSync(`${file}.br`).size
      : zlib.brotliCompressSync(fs.readFileSync(file)).length;
    total += br;
    rows.push(`    ${f} ${(br / 1024).toFixed(1)} KB`);
  }
  const kb = total / 1024;
  const ok = kb < BUDGET_KB;
  say(`web: initial JS+CSS of the sign-in page, ${files.length} files, brotli`);
  for (const r of rows) say(r);
  say(
    `  total ${kb.toFixed(1)} KB (target < ${BUDGET_KB} KB) ${ok ? 'OK' : 'MISSED'}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const timings = await browserTimings(say);
  return { kb, ok: ok && (timings?.ok ?? false), timings };
}

/**
 * DevTools' "Fast 3G" preset as its source defines it (NetworkManager Fast3GConditions): 1.6 Mbps
 * down and 750 kbps up at 90% goodput, 150 ms RTT times 3.75 because the emulation delays whole
 * requests rather than packets: 562.5 ms per request, 1.44 Mbps down, 675 kbps up.
 */
const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  connectionType: 'cellular3g' as const,
};
/**
 * With --trace, each timed load prints its requests (start and end from the first one, size, URL):
 * where a slow load spends its time, read rather than guessed.
 */
function traceRequests(cdp: CDPSession) {
  const rows = new Map<string, { url: string; start: number; end?: number; bytes?: number }>();
  cdp.on('Network.requestWillBeSent', (e) => rows.set(e.requestId, { url: e.request.url, start: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = rows.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  return () => {
    const all = [...rows.values()];
    const t0 = Math.min(...all.map((r) => r.start));
    return all
      .map((r) => {
        const at = (x?: number) => (x === undefined ? '   -  ' : `${Math.round((x - t0) * 1000)}`.padStart(6));
        return `    ${at(r.start)} ${at(r.end)} ${`${((r.bytes ?? 0) / 1024).toFixed(1)}`.padStart(6)} KB ${r.url.replace(/^https?:\/\/[^/]+/, '')}`;
      })
      .join('\n');
  };
}

declare global {
  interface Window {
    /** Per selector, when (epoch ms) the frame that first painted a visible match began. */
    __benchSeen?: Record<string, number | null>;
  }
}

/**
 * Run in the page before its own scripts: on every DOM change, looks for a visible match of each
 * selector and notes the start of the next animation frame, the one that paints it. (A string, as
 * the bench's TypeScript transform would add helpers a page does not have.)
 */
const SEEN_WATCH = `(() => {
  const selectors = SELECTORS;
  const seen = (window.__benchSeen = {});
  const shows = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const check = () => {
    for (const css of selectors) {
      if (css in seen) continue;
      const el = document.querySelector(css);
      if (!el || !shows(el)) continue;
      seen[css] = null;
      requestAnimationFrame(() => { seen[css] = performance.timeOrigin + performance.now(); });
    }
    if (selectors.every((css) => css in seen)) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

const TARGETS = { formEmptyMs: 2500, questionEmptyMs: 4000, warmMs: 1500 };
const PASSWORD = 'Load-bench-42!';

async function browserTimings(say: (m: string) => void) {
  if (!fs.existsSync(CHROMIUM)) {
    say(`web: Chromium timings skipped - no Chromium at ${CHROMIUM} (no verdict)`);
    return null;
  }
  const runs = numberOption('runs', 5);
  const target = await benchDatabase('web', say);
  if ('skipped' in target) return null;
  const { url, cluster } = target;
  let server: ProductionServer | undefined;
  // The server's own files (job outputs, storage): removed with the run.
  const appData = fs.mkdtempSync(path.join(os.tmpdir(), 'web-bench-app-'));
  let browser: Browser | undefined;
  try {
    const fx = await seed(url, 2, 1);
    // The browser asks for localhost (mapped to the server's 127.0.0.1): a secure context, so the
    // production refresh cookie (Secure) is kept over plain HTTP as it is over HTTPS; the public URL
    // is that origin, as the session refresh accepts requests from it only.
    const port = await freePort();
    server = await startProductionServer({
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_URL: url,
      DATA_DIR: appData,
    });
    const base = `http://localhost:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP localhost 127.0.0.1',
      ],
    });
    const b = browser;
    const respondent = fx.respondents[0]?.email as string;

    /**
     * Navigates a throttled page to `p` and times until an element matching `visible` (CSS) shows.
     * The time is taken in the page (SEEN_WATCH): Playwright's own wait polls at widening intervals,
     * up to 500 ms apart, so it would report when it looked, not when the page showed it.
     */
    const timed = async (
      context: BrowserContext,
      p: string,
      visible: string,
      also?: { css: string; into: number[] },
    ) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.addInitScript(SEEN_WATCH.replace('SELECTORS', JSON.stringify([visible, ...(also ? [also.css] : [])])));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      const trace = traceRequests(cdp);
      const t0 = Date.now();
      await page.goto(`${base}${p}`, { waitUntil: 'commit', timeout: 120_000 });
      const seenAt = async (css: string) => {
        try {
          await page.locator(css).first().waitFor({ state: 'visible', timeout: 120_000 });
          await page.waitForFunction((c) => typeof window.__benchSeen?.[c] === 'number', css, { timeout: 30_000 });
        } catch (e) {
          // What the page showed instead, so a failed run can be read rather than rerun.
          const shot = path.join(os.tmpdir(), `web-bench-${Date.now()}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          const text = (
            await page
              .locator('body')
              .innerText()
              .catch(() => '')
          ).slice(0, 300);
          throw new Error(`${p}: ${String(e).split('\n')[0]}; page ${page.url()} shows "${text}" (screenshot ${shot})`);
        }
        return Math.round((await page.evaluate((c) => window.__benchSeen?.[c] as number, css)) - t0);
      };
      const ms = await seenAt(visible);
      if (process.argv.includes('--trace')) say(`  ${p} ${ms} ms:\n${trace()}`);
      if (also) also.into.push(await seenAt(also.css));
      await page.close();
      return ms;
    };
    // The plain form of login.html, or the app's.
    const form = 'input[type="email"]';
    const question = '[id^="q-"]';
    // The form shows (and can be filled) from login.html's plain HTML; it can be sent once the app
    // has loaded and its button is enabled: printed beside the verdict, not judged.
    const appReady = 'button[type="submit"]:enabled';
    const ready = { empty: [] as number[], warm: [] as number[] };

    const t = { formEmpty: [] as number[], formWarm: [] as number[], qEmpty: [] as number[], qWarm: [] as number[] };
    const load0 = loadAverage();
    const w0 = performance.now();
    for (let i = 0; i < runs; i++) {
      const c1 = await b.newContext();
      t.formEmpty.push(await timed(c1, '/login', form, { css: appReady, into: ready.empty }));
      t.formWarm.push(await timed(c1, '/login', form, { css: appReady, into: ready.warm }));
      await c1.close();
      // Signed in without loading the app (nothing cached): the sign-in request from a page of the
      // same origin that holds no assets, so the refresh cookie is the browser's own.
      const c2 = await b.newContext();
      const p = await c2.newPage();
      await p.goto(`${base}/api/health`);
      const status = await p.evaluate(
        async ([email, password]) =>
          (
            await fetch('/api/auth/login', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email, password }),
            })
          ).status,
        [respondent, PASSWORD],
      );
      if (status !== 200) throw new Error(`sign-in: ${status}`);
      await p.close();
      t.qEmpty.push(await timed(c2, '/questionnaire', question));
      t.qWarm.push(await timed(c2, '/questionnaire', question));
      await c2.close();
    }
    const wall = (performance.now() - w0) / 1000;
    say(
      `web: headless Chromium, DevTools "Fast 3G" (${FAST_3G.latency} ms latency, ${((FAST_3G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbps down, ${((FAST_3G.uploadThroughput * 8) / 1e3).toFixed(0)} kbps up), production bundle on PostgreSQL; median of ${runs} runs each`,
    );
    say(`web: wall ${wall.toFixed(1)} s; load average before ${load0}, after ${loadAverage()}`);
    const rows = [
      judged('sign-in form, empty cache', medianOf(t.formEmpty), TARGETS.formEmptyMs, `runs ${t.formEmpty.join(', ')}`),
      judged('sign-in form, warm cache', medianOf(t.formWarm), TARGETS.warmMs, `runs ${t.formWarm.join(', ')}`),
      judged('first question, empty cache', medianOf(t.qEmpty), TARGETS.questionEmptyMs, `runs ${t.qEmpty.join(', ')}`),
      judged('first question, warm cache', medianOf(t.qWarm), TARGETS.warmMs, `runs ${t.qWarm.join(', ')}`),
    ];
    for (const r of rows) say(r.line);
    say(
      `  (not judged) sign-in form ready to send (the app loaded): empty cache ${medianOf(ready.empty)} ms, warm ${medianOf(ready.warm)} ms; runs ${ready.empty.join(', ')} / ${ready.warm.join(', ')}`,
    );
    const ok = rows.every((r) => r.ok);
    say(`web: Chromium verdict ${ok ? 'MET' : 'MISSED'}`);
    return { ok, medians: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, medianOf(v)])) };
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(appData, { recursive: true, force: true });
    await cluster?.destroy();
  }
}
