import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '@dg/shared/domain/errors';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sarabunLocalFaces } from './report-html';

/**
 * Chromium's header/footer templates cannot use the page's web fonts, so Sarabun is also made a
 * "system" font for the browser process through a private fontconfig file (system fonts still included).
 */
function fontconfigFile(): string {
  const require = createRequire(import.meta.url);
  const dirs = ['400Regular/Sarabun_400Regular.ttf', '700Bold/Sarabun_700Bold.ttf'].map((f) =>
    path.dirname(require.resolve(`@expo-google-fonts/sarabun/${f}`)),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-fonts-'));
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${dirs
      .map((d) => `<dir>${d}</dir>`)
      .join('')}<cachedir>${dir}/cache</cachedir></fontconfig>`,
  );
  return file;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * 'idle': Chromium runs only on CPU time nothing else wants (background rendering: the worker's jobs).
 * Playwright starts the browser in a session of its own (setsid), and on a kernel with
 * sched_autogroup a new session is a new scheduling group with a full fair share whatever the
 * worker's nice: so the browser is started through a wrapper that, inside that session, lowers
 * the group (autogroup nice 19), the policy (SCHED_IDLE via chrt, inherited by every Chromium
 * process and thread) and the nice, then execs Chromium (same pid: Playwright still kills the
 * group). Each step is best effort; in a container (its own cgroup) the compose CPU shares apply.
 */
export type PdfPriority = 'idle' | 'normal';
const IDLE_TIMEOUT_MS = 240_000;

function idleLauncher(executablePath: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-chromium-'));
  const file = path.join(dir, 'chromium-idle.sh');
  const exe = `'${executablePath.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    file,
    `#!/bin/sh
echo 19 > /proc/self/autogroup 2>/dev/null
if command -v chrt >/dev/null 2>&1 && chrt --idle 0 true 2>/dev/null; then
  exec chrt --idle 0 nice -n 19 ${exe} "$@"
fi
exec nice -n 19 ${exe} "$@"
`,
    { mode: 0o755 },
  );
  return file;
}

/**
 * One headless Chromium per process, launched on first use and reused; at most `concurrency`
 * pages print at once (the rest queue). Pages are kept and reused: a new page costs Chromium a
 * renderer process, about twice the time of printing a report. close() is called from the app's
 * onClose hook.
 */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private context: Promise<BrowserContext> | null = null;
  private active = 0;
  /** Open pages between prints, at most `concurrency`; dropped with the browser. */
  private idlePages: Page[] = [];
  private waiting: (() => void)[] = [];

  constructor(
    readonly concurrency = 2,
    readonly executablePath = CHROMIUM_PATH,
    readonly priority: PdfPriority = 'normal',
  ) {}

  private async launch(): Promise<BrowserContext> {
    if (!fs.existsSync(this.executablePath)) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        `PDF reports need Chromium, which is not installed at ${this.executablePath} (install chromium or set CHROMIUM_PATH)`,
      );
    }
    if (!this.context) {
      // Set before any await: concurrent first prints (one per lane) share one browser rather than
      // each launching its own (the extra one was never closed).
      this.browser = import('playwright-core').then(({ chromium }) =>
        chromium.launch({
          executablePath: this.priority === 'idle' ? idleLauncher(this.executablePath) : this.executablePath,
          env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() } as Record<string, string>,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-dev-shm-usage',
          ],
        }),
      );
      this.context = this.browser
        .then((b) => {
          b.on('disconnected', () => {
            this.browser = null;
            this.context = null;
            this.idlePages = [];
          });
          // Reports are self-contained: no network, no scripts.
          return b.newContext({ javaScriptEnabled: false, offline: true }).then((c) => {
            // At idle priority a print waits while the host is busy: no user waits for it, so
            // it is given minutes, not Playwright's 30 s (a busy host slows rendering, never fails it).
            if (this.priority === 'idle') c.setDefaultTimeout(IDLE_TIMEOUT_MS);
            return c;
          });
        })
        .catch((e: unknown) => {
          this.browser = null;
          this.context = null;
          throw new DomainError('SERVICE_UNAVAILABLE', `Chromium could not start: ${(e as Error).message}`);
        });
    }
    return this.context;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  async print(html: string, templates: { header: string; footer: string }): Promise<Buffer> {
    return this.withPage(async (page) => {
      // setContent replaces the whole document, so nothing of the previous report stays on the page.
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready').catch(() => undefined);
      return page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: templates.header,
        footerTemplate: templates.footer,
        margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
      });
    });
  }

  /**
   * Each SVG as a PNG at `scale` times its size, drawn by the same Chromium (Sarabun as in the PDF):
   * the raster fallback for documents whose readers cannot show SVG. One page draws them all.
   */
  async svgToPng(svgs: string[], scale = 2): Promise<Buffer[]> {
    if (svgs.length === 0) return [];
    return this.withPage(async (page) => {
      const body = svgs.map((svg) => `<div class="svg">${svg}</div>`).join('');
      await page.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><style>${sarabunLocalFaces()}
html,body{margin:0;background:#fff;font-family:Sarabun,sans-serif}body{zoom:${scale}}.svg{width:max-content}.svg svg{display:block}
</style></head><body>${body}</body></html>`,
        { waitUntil: 'load' },
      );
      await page.evaluate('document.fonts.ready').catch(() => undefined);
      const out: Buffer[] = [];
      const items = page.locator('div.svg > svg');
      for (let i = 0; i < svgs.length; i++) out.push(await items.nth(i).screenshot({ type: 'png' }));
      return out;
    });
  }

  /** Runs `work` on a pooled page, at most `concurrency` at once; a crashed browser is restarted once. */
  private async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      try {
        return await this.onPage(work);
      } catch (e) {
        // A crashed or killed browser: start a fresh one and retry once.
        if (!/closed|crash|disconnected/i.test((e as Error).message)) throw e;
        await this.close().catch(() => undefined);
        return await this.onPage(work);
      }
    } finally {
      this.release();
    }
  }

  private async onPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    const context = await this.launch();
    const page = this.idlePages.pop() ?? (await context.newPage());
    let reusable = false;
    try {
      const result = await work(page);
      reusable = true;
      return result;
    } finally {
      if (reusable && this.context && this.idlePages.length < this.concurrency) this.idlePages.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    this.context = null;
    this.idlePages = [];
    if (b) await (await b.catch(() => null))?.close();
  }
}
