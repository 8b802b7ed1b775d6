/**
 * pgBackRest for a throwaway cluster (tests/support/pg-cluster.ts, `archive: true`): its
 * configuration, repository, log and lock directories live in the cluster's temp directory,
 * owned by `postgres`, so nothing touches /etc/pgbackrest or /var/lib/pgbackrest.
 * The settings sit in a config file rather than on each command line: pgBackRest rejects an option
 * its command does not take (archive-push refuses --pg1-port), a config file may hold them all.
 * deploy/pgbackrest/pgbackrest.conf is the production counterpart.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const STANZA = 'dg';

/** pgbackrest on PATH (Debian puts it in /usr/bin), or null. */
export function findPgBackrest(): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(path.delimiter)) {
    const file = path.join(dir, 'pgbackrest');
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** Says loudly why a suite is skipped; returns true when pgbackrest is installed. */
export function pgbackrestAvailable(what: string): boolean {
  if (findPgBackrest()) return true;
  const msg = `\n!!! ${what}: SKIPPED - pgbackrest not found on PATH.\n!!! Install it (apt-get install -y pgbackrest; .ci/run does) to run these tests.\n`;
  console.warn(msg);
  if (process.env.REQUIRE_PG === '1') throw new Error(msg);
  return false;
}

export interface PgBackrest {
  stanza: string;
  /** The config file every command is given with --config. */
  config: string;
  repo: string;
  /** For postgresql.conf's archive_command. */
  archiveCommand: string;
  /** `pgbackrest --config=… --stanza=dg <command> <args>` as postgres; resolves to stdout. */
  run(command: string, args?: string[]): Promise<string>;
}

type Exec = (file: string, args: string[]) => Promise<{ stdout: string; stderr: string }>;

/** Writes the repository, log and lock directories and the config file under `dir`/pgbackrest. */
export function preparePgBackrest(
  dir: string,
  pg: { data: string; port: number; socketDir: string },
  exec: Exec,
  chownToPostgres: boolean,
): PgBackrest {
  const bin = findPgBackrest();
  if (!bin) throw new Error('pgbackrest not found on PATH');
  const home = path.join(dir, 'pgbackrest');
  const repo = path.join(home, 'repo');
  for (const d of [repo, path.join(home, 'log'), path.join(home, 'lock')]) fs.mkdirSync(d, { recursive: true });
  const config = path.join(home, 'pgbackrest.conf');
  fs.writeFileSync(
    config,
    [
      '[global]',
      `repo1-path=${repo}`,
      'repo1-retention-full=2',
      `log-path=${path.join(home, 'log')}`,
      `lock-path=${path.join(home, 'lock')}`,
      'log-level-console=warn',
      'log-level-file=info',
      // A checkpoint at once instead of waiting for the next scheduled one.
      'start-fast=y',
      // Tests only: lz4 is cheap on a busy machine; production uses zst (deploy/pgbackrest).
      'compress-type=lz4',
      '',
      `[${STANZA}]`,
      `pg1-path=${pg.data}`,
      `pg1-port=${pg.port}`,
      `pg1-socket-path=${pg.socketDir}`,
      '',
    ].join('\n'),
  );
  if (chownToPostgres) execFileSync('chown', ['-R', 'postgres:postgres', home]);
  const base = [`--config=${config}`, `--stanza=${STANZA}`, '--log-level-console=warn'];
  return {
    stanza: STANZA,
    config,
    repo,
    archiveCommand: `${bin} --config=${config} --stanza=${STANZA} archive-push %p`,
    async run(command, args = []) {
      const { stdout } = await exec(bin, [...base, ...args, command]);
      return stdout;
    },
  };
}
