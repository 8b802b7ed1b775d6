import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, PdfPrinter } from '../../server/src/modules/reports/pdf';
import { hasBrowser } from '../support/browser';

/**
 * Background rendering must yield the CPU to the API: the job printer's Chromium runs at SCHED_IDLE
 * in a lowered autogroup, and concurrent first prints share one browser. Linux only (/proc).
 */
const linux = fs.existsSync('/proc/self/sched');

interface ChromiumProc {
  pid: number;
  type: string;
  policy: number;
  autogroupNice: number | null;
}

/** Every process descended from this one whose command is Chromium. */
function chromiumDescendants(): ChromiumProc[] {
  const parent = new Map<number, number>();
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  const out: ChromiumProc[] = [];
  for (const pid of parent.keys()) {
    if (!isOurs(pid)) continue;
    try {
      // Chromium rewrites its children's command lines into one string: matched as a whole.
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!/^\S*chrom/i.test(cmd)) continue;
      const policy = Number(/^policy\s*:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/sched`, 'utf8'))?.[1]);
      let autogroupNice: number | null = null;
      try {
        autogroupNice = Number(/nice (-?\d+)/.exec(fs.readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
      } catch {
        // kernel without autogroups
      }
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      out.push({ pid, type, policy, autogroupNice });
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

const html = (n: number) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>รายงาน ${n}</h1></body></html>`;
const templates = { header: '<span></span>', footer: '<span class="pageNumber"></span>' };
const SCHED_IDLE = 5;

describe.skipIf(!hasBrowser || !linux)('PdfPrinter priority', () => {
  let printer: PdfPrinter | null = null;
  afterEach(async () => {
    await printer?.close();
    printer = null;
  });

  it("the job printer's Chromium runs at idle priority, one browser for concurrent first prints", async () => {
    printer = new PdfPrinter(2, CHROMIUM_PATH, 'idle');
    const pdfs = await Promise.all([1, 2, 3].map((n) => (printer as PdfPrinter).print(html(n), templates)));
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const procs = chromiumDescendants();
    expect(
      procs.filter((p) => p.type === 'browser'),
      JSON.stringify(procs),
    ).toHaveLength(1);
    expect(procs.some((p) => p.type === 'renderer')).toBe(true);
    for (const p of procs) {
      expect(p.policy, `${p.type} ${p.pid}`).toBe(SCHED_IDLE);
      if (p.autogroupNice !== null) expect(p.autogroupNice, `${p.type} ${p.pid}`).toBe(19);
    }
    await printer.close();
    await expect.poll(() => chromiumDescendants().length, { timeout: 30_000 }).toBe(0);
  }, 300_000);

  it('an on-demand printer (normal priority) keeps the ordinary policy', async () => {
    printer = new PdfPrinter(1);
    const pdf = await printer.print(html(1), templates);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const procs = chromiumDescendants();
    const browser = procs.find((p) => p.type === 'browser');
    expect(browser?.policy, JSON.stringify(procs)).toBe(0);
  }, 300_000);
});
