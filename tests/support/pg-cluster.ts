/**
 * A private, throwaway PostgreSQL cluster that a test (or a benchmark) can stop and restart.
 * Uses the Debian binaries under /usr/lib/postgresql/<version>/bin (`.ci/run` installs them);
 * as root every command runs as the `postgres` user, since initdb refuses root.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgClusterOptions {
  /** Extra server settings (`-c name=value`). Durability defaults stay untouched unless given here. */
  settings?: Record<string, string | number>;
}

export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  dir: string;
  start(): Promise<void>;
  /** `fast` disconnects clients cleanly; `immediate` is a crash-like stop (recovery on next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
  log(): string;
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

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pg-'));
  const root = isRoot();
  if (root) execFileSync('chown', ['postgres:postgres', dir]);
  const exec = (cmd: string, args: string[]) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { cwd: dir })
      : run(path.join(bin, cmd), args, { cwd: dir });
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'pg.log');
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    max_connections: 300,
    ...opts.settings,
  };
  const o = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  let running = false;
  const cluster: PgCluster = {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start', '-o', o]);
      running = true;
    },
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
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
  };
  await cluster.start();
  return cluster;
}
