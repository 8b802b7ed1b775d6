/**
 * Failover to a streaming standby (docs/operations.md, "Standby and failover"): the app writes
 * through the primary, the primary dies (immediate stop), the standby is promoted and the app,
 * pointed at it, reads every acknowledged answer and takes new saves.
 * Asynchronous standby: the test waits for replay before the crash (the RPO is the replay lag).
 * Synchronous standby: no waiting at all; every acknowledged save is already on the standby (RPO 0).
 * Needs the PostgreSQL server binaries; skipped, loudly, without them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type PgCluster, pgAvailable, startPgCluster, waitFor, waitForReplay } from '../support/pg-cluster';
import {
  type Acked,
  type AppOnCluster,
  databaseUrl,
  latest,
  readAnswers,
  saveRound,
  seedSurvey,
  startAppOn,
} from '../support/survey-on-cluster';

const available = pgAvailable('standby.test.ts (streaming standby failover)');
// Private clusters of their own: CI runs them once, in its PostgreSQL pass (as faults.test.ts).
const runsElsewhere = process.env.CI === 'true' && !process.env.TEST_DATABASE_URL;

describe.skipIf(!available || runsElsewhere)('failover to a streaming standby', () => {
  let clusters: PgCluster[] = [];
  let apps: AppOnCluster[] = [];

  afterEach(async () => {
    for (const a of apps) await a.close().catch(() => {});
    for (const c of clusters) await c.destroy();
    apps = [];
    clusters = [];
  }, 60_000);

  /** A primary and its standby (pg_basebackup -R), streaming before anything is written. */
  async function pair(primarySettings: Record<string, string> = {}) {
    // Tests only: fsync off (an immediate stop is a process crash, not a machine crash).
    const primary = await startPgCluster({ settings: { fsync: 'off', ...primarySettings } });
    clusters.push(primary);
    const standby = await startPgCluster({ standby: { of: primary, name: 'dg_standby' }, settings: { fsync: 'off' } });
    clusters.push(standby);
    await waitFor('standby streaming', 60_000, async () => {
      const rows = await primary.query<{ state: string }>(
        `select state from pg_stat_replication where application_name = 'dg_standby'`,
      );
      return rows[0]?.state === 'streaming';
    });
    await primary.query('create database dg');
    return { primary, standby };
  }

  async function app(url: string) {
    const a = await startAppOn(url);
    apps.push(a);
    return a;
  }

  /** Crash the primary, promote the standby, start an app on it; returns the app and the seconds it took. */
  async function failover(primary: PgCluster, standby: PgCluster, old: AppOnCluster) {
    const t0 = Date.now();
    await primary.stop('immediate');
    await standby.promote();
    await old.close();
    apps = apps.filter((a) => a !== old);
    const next = await app(databaseUrl(standby.url, 'dg'));
    return { next, seconds: (Date.now() - t0) / 1000 };
  }

  it('asynchronous standby: after replay catches up, the promoted standby has every acknowledged answer and takes new saves', async () => {
    const started = Date.now();
    const { primary, standby } = await pair();
    const first = await app(databaseUrl(primary.url, 'dg'));
    const people = await seedSurvey(first, ['SB01', 'SB02', 'SB03']);
    const acked: Acked[] = [];
    for (let round = 0; round < 3; round++) acked.push(...(await saveRound(first, people, round)));

    await waitForReplay(primary, standby);
    // The standby is read-only until promoted.
    await expect(standby.query('create table nope (x int)', [], databaseUrl(standby.url, 'dg'))).rejects.toThrow(
      /read-only transaction/,
    );
    const { next, seconds } = await failover(primary, standby, first);

    expect(await readAnswers(next, people)).toEqual(latest(acked));
    acked.push(...(await saveRound(next, people, 3)));
    expect(await readAnswers(next, people)).toEqual(latest(acked));
    console.info(
      `standby (async): failover ${seconds.toFixed(1)}s; total ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }, 180_000);

  it('synchronous standby: the primary dies right after the last acknowledgement, nothing acknowledged is lost', async () => {
    const started = Date.now();
    // A commit is acknowledged only once the standby has flushed its WAL.
    const { primary, standby } = await pair({ synchronous_standby_names: 'dg_standby', synchronous_commit: 'on' });
    const [sync] = await primary.query<{ s: string }>(
      `select sync_state as s from pg_stat_replication where application_name = 'dg_standby'`,
    );
    expect(sync?.s).toBe('sync');
    const first = await app(databaseUrl(primary.url, 'dg'));
    const people = await seedSurvey(first, ['SS01', 'SS02', 'SS03']);
    const acked: Acked[] = [];
    for (let round = 0; round < 3; round++) acked.push(...(await saveRound(first, people, round)));

    // No waiting for replay: the crash follows the last 200 at once.
    const { next, seconds } = await failover(primary, standby, first);

    expect(await readAnswers(next, people)).toEqual(latest(acked));
    acked.push(...(await saveRound(next, people, 3)));
    expect(await readAnswers(next, people)).toEqual(latest(acked));
    console.info(
      `standby (sync): failover ${seconds.toFixed(1)}s; total ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }, 180_000);
});
