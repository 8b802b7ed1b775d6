/**
 * `npm run bench`: every benchmark the project has, each printing its figures and its ratio to target.
 * Benchmarks that need real Postgres read BENCH_DATABASE_URL and say so when it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Suite names; options (--duration=20, --scale=0.1) are read by the suites themselves.
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const suites: { name: string; file: string; fn: string }[] = [
  { name: 'engine', file: 'engine-bench.ts', fn: 'runEngineBench' },
  { name: 'analytics', file: 'analytics-bench.ts', fn: 'runAnalyticsBench' },
  { name: 'reports', file: 'reports-bench.ts', fn: 'runReportsBench' },
  { name: 'load', file: 'load-bench.ts', fn: 'runLoadBench' },
  { name: 'keystroke', file: 'keystroke-bench.ts', fn: 'runKeystrokeBench' },
  { name: 'review-queue', file: 'review-queue-bench.ts', fn: 'runReviewQueueBench' },
  { name: 'deadline', file: 'deadline-bench.ts', fn: 'runDeadlineBench' },
  { name: 'web', file: 'web-bench.ts', fn: 'runWebBench' },
  { name: 'embedded', file: 'embedded-bench.ts', fn: 'runEmbeddedBench' },
];

let failed = 0;
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  const file = path.join(here, s.file);
  if (!fs.existsSync(file)) continue;
  console.log(`\n=== ${s.name} ===`);
  try {
    const mod = (await import(file)) as Record<string, (opts?: object) => Promise<unknown>>;
    const run = mod[s.fn];
    if (!run) throw new Error(`${s.file} does not export ${s.fn}`);
    await run({ log: true });
  } catch (e) {
    failed++;
    console.error(`${s.name} failed:`, e);
  }
}
process.exit(failed ? 1 : 0);
