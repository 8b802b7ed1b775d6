import { findPgBin, type PgCluster, startPgCluster } from '../tests/support/pg-cluster';

export type BenchLog = (m: string) => void;

/** `log`: true prints (as bench/run.ts passes), false is silent, a function receives the lines. */
export function benchLog(log: boolean | BenchLog | undefined): BenchLog {
  if (typeof log === 'function') return log;
  return log === false ? () => {} : (m: string) => console.log(m);
}

/** Median wall time in ms (one decimal) of `runs` sequential calls: one slow outlier does not decide. */
export async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] as number) * 10) / 10;
}

export interface BenchDatabase {
  url: string;
  /** Set when the bench started its own cluster; the caller destroys it. */
  cluster?: PgCluster;
}

/**
 * The server at BENCH_DATABASE_URL, or a throwaway cluster with default durability (fsync and
 * synchronous_commit on, as in production) and the given settings. Undefined, with the reason
 * logged, when neither is possible.
 */
export async function benchDatabase(
  name: string,
  log: BenchLog,
  settings: Record<string, string | number> = {},
): Promise<BenchDatabase | { skipped: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return { url };
  if (!findPgBin()) {
    const skipped = `${name}: skipped - set BENCH_DATABASE_URL or install PostgreSQL (apt-get install -y postgresql)`;
    log(skipped);
    return { skipped };
  }
  const cluster = await startPgCluster({ settings });
  log(`${name}: throwaway PostgreSQL on port ${cluster.port} (default durability: fsync and synchronous_commit on)`);
  return { url: cluster.url, cluster };
}
