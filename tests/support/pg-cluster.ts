/**
 * A private, throwaway PostgreSQL cluster that a test (or a benchmark) can stop and restart.
 * Uses the Debian binaries under /usr/lib/postgresql/<version>/bin (`.ci/run` installs them);
 * as root every command runs as the `postgres` user, since initdb refuses root.
 * A cluster can archive its WAL with pgBackRest (`archive: true`, see ./pgbackrest.ts) and can be
 * built as a streaming standby of another one (`standby`: pg_basebackup -R from it).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type PgBackrest, preparePgBackrest } from './pgbackrest';

const run = promisify(execFile);

export interface PgClusterOptions {
  /** Extra server settings (`-c name=value`). Durability defaults stay untouched unless given here. */
  settings?: Record<string, string | number>;
  /** Archive every WAL segment with pgBackRest (archive_mode=on); `backrest` then runs its commands. */
  archive?: boolean;
  /** Build the data directory with `pg_basebackup -R` from `of` instead of initdb: a streaming standby
   *  connecting as `name` (its application_name, what synchronous_standby_names lists). */
  standby?: { of: PgCluster; name?: string };
}

export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  dir: string;
  /** The data directory. */
  data: string;
  /** Present when started with `archive: true`. */
  backrest?: PgBackrest;
  start(): Promise<void>;
  /** `fast` disconnects clients cleanly; `immediate` is a crash-like stop (recovery on next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
  log(): string;
  /** One statement on a connection of its own (to the `postgres` database unless `url` is given). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], url?: string): Promise<T[]>;
  /** Ends recovery (a standby, or a restore without a promoting target): `pg_ctl promote -w`. */
  promote(): Promise<void>;
  /** Waits until the server accepts connections and is out of recovery (a restore or promotion done). */
  waitWritable(timeoutMs?: number): Promise<void>;
  /** Closes the current WAL segment (pg_switch_wal) and waits until the archiver has stored it. */
  switchWalAndWaitArchived(timeoutMs?: number): Promise<string>;
  /** Stops the server if it runs, empties the data directory and runs `pgbackrest restore <args>`.
   *  The server's settings (port, archiving) stay as they were; call start() next. */
  restore(args: string[]): Promise<void>;
}

/** The newest installed server's bin directory, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  return v ? path.join(root, v, 'bin') : null;
}

/** Says loudly why a suite is skipped; returns true when the binaries are there. */
export function pgAvailable(what: string): boolean {
  if (findPgBin()) return true;
  const msg = `\n!!! ${what}: SKIPPED - PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin.\n!!! Install them (apt-get install -y postgresql; .ci/run does) to run these tests.\n`;
  console.warn(msg);
  if (process.env.REQUIRE_PG === '1') throw new Error(msg);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it is true; past the deadline throws with `detail()`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  detail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last})` : ''}\n${detail()}`);
    await sleep(100);
  }
}

/** Waits until `standby` has replayed everything `primary` has written so far. */
export async function waitForReplay(primary: PgCluster, standby: PgCluster, timeoutMs = 60_000): Promise<string> {
  const [row] = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  const lsn = row?.lsn ?? '';
  await waitFor(
    `standby replay up to ${lsn}`,
    timeoutMs,
    async () => {
      const [r] = await standby.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn]);
      return r?.ok === true;
    },
    () => standby.log().split('\n').slice(-15).join('\n'),
  );
  return lsn;
}

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pg-'));
  const root = isRoot();
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const asPostgres = (file: string, args: string[]) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: dir, maxBuffer: 16 << 20 })
      : run(file, args, { cwd: dir, maxBuffer: 16 << 20 });
  const exec = (cmd: string, args: string[]) => asPostgres(path.join(bin, cmd), args);
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'pg.log');
  const port = await freePort();
  if (opts.standby) {
    const { of, name = 'standby' } = opts.standby;
    // -R writes standby.signal and primary_conninfo (with this application_name); -X stream copies
    // the WAL written during the copy over a second connection, so the copy is consistent by itself.
    const conninfo = `host=127.0.0.1 port=${of.port} user=postgres application_name=${name}`;
    await exec('pg_basebackup', ['-d', conninfo, '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  } else {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  }
  const backrest = opts.archive ? preparePgBackrest(dir, { data, port, socketDir: dir }, asPostgres, root) : undefined;
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    max_connections: 300,
    ...(backrest ? { archive_mode: 'on', archive_command: backrest.archiveCommand, archive_timeout: 60 } : {}),
    ...opts.settings,
  };
  // pg_ctl hands -o to a shell: each setting is quoted (archive_command has spaces).
  const o = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(settings).map(([k, v]) => `-c '${k}=${String(v).replaceAll("'", "'\\''")}'`),
  ].join(' ');
  let running = false;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const cluster: PgCluster = {
    port,
    dir,
    data,
    url,
    backrest,
    async start() {
      await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start', '-o', o]);
      running = true;
    },
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async restart() {
      if (running) await cluster.stop();
      await cluster.start();
    },
    async destroy() {
      if (running) await cluster.stop('immediate').catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    async query<T>(text: string, params: unknown[] = [], target = url) {
      const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: 10_000 });
      client.on('error', () => {});
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end().catch(() => {});
      }
    },
    async promote() {
      await exec('pg_ctl', ['-D', data, '-w', '-t', '60', 'promote']);
      await cluster.waitWritable();
    },
    async waitWritable(timeoutMs = 60_000) {
      await waitFor(
        `port ${port} out of recovery`,
        timeoutMs,
        async () => (await cluster.query<{ r: boolean }>('select pg_is_in_recovery() as r'))[0]?.r === false,
        () => cluster.log().split('\n').slice(-15).join('\n'),
      );
    },
    async switchWalAndWaitArchived(timeoutMs = 60_000) {
      // pg_walfile_name of the switch point names the segment just closed.
      const [row] = await cluster.query<{ wal: string }>('select pg_walfile_name(pg_switch_wal()) as wal');
      const wal = row?.wal ?? '';
      await waitFor(
        `WAL segment ${wal} archived`,
        timeoutMs,
        async () => {
          const [a] = await cluster.query<{ last: string | null }>(
            'select last_archived_wal as last from pg_stat_archiver',
          );
          // Segment names of one timeline sort in WAL order.
          return !!a?.last && a.last.slice(0, 24) >= wal;
        },
        () => cluster.log().split('\n').slice(-15).join('\n'),
      );
      return wal;
    },
    async restore(args) {
      if (!backrest) throw new Error('restore needs a cluster started with archive: true');
      if (running) await cluster.stop('fast');
      fs.rmSync(data, { recursive: true, force: true });
      await backrest.run('restore', args);
    },
  };
  await cluster.start();
  return cluster;
}
