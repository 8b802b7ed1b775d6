/**
 * Point-in-time recovery (docs/operations.md, "Backup and recovery"): WAL archived continuously by
 * pgBackRest, a full backup, answers saved through the real autosave API after it, an accidental
 * DELETE, then a restore to the moment before the deletion. Every acknowledged answer must be back,
 * read through the API of an app started on the restored cluster.
 * Needs the PostgreSQL server binaries and pgbackrest; skipped, loudly, without them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type PgCluster, pgAvailable, startPgCluster } from '../support/pg-cluster';
import { pgbackrestAvailable } from '../support/pgbackrest';
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

const what = 'pitr.test.ts (pgBackRest point-in-time restore)';
const available = pgAvailable(what) && pgbackrestAvailable(what);
// A private cluster of its own: CI runs it once, in its PostgreSQL pass (as faults.test.ts).
const runsElsewhere = process.env.CI === 'true' && !process.env.TEST_DATABASE_URL;

describe.skipIf(!available || runsElsewhere)('point-in-time recovery with pgBackRest', () => {
  let cluster: PgCluster | undefined;
  let t: AppOnCluster | undefined;

  afterAll(async () => {
    await t?.close();
    await cluster?.destroy();
  }, 60_000);

  it('restores to just before an accidental DELETE: every acknowledged answer is back and the app carries on', async () => {
    const started = Date.now();
    const timings: string[] = [];
    let lap = Date.now();
    const mark = (step: string) => {
      timings.push(`${step} ${((Date.now() - lap) / 1000).toFixed(1)}s`);
      lap = Date.now();
    };

    // Tests only: fsync off (no machine crash here); archiving is the production setup.
    const pg = await startPgCluster({ archive: true, settings: { fsync: 'off' } });
    cluster = pg;
    const backrest = pg.backrest;
    if (!backrest) throw new Error('cluster started without pgBackRest');
    await backrest.run('stanza-create');
    // `check` switches a WAL segment and waits for it in the repository: archive_command works.
    await backrest.run('check');
    await pg.query('create database dg');
    const url = databaseUrl(pg.url, 'dg');
    t = await startAppOn(url);
    const people = await seedSurvey(t, ['PR01', 'PR02', 'PR03']);
    const acked: Acked[] = await saveRound(t, people, 0);
    mark('setup');

    await backrest.run('backup', ['--type=full']);
    const info = JSON.parse(await backrest.run('info', ['--output=json'])) as {
      backup: { type: string; info: { size: number }; timestamp: { stop: number } }[];
    }[];
    expect(info[0]?.backup.map((b) => b.type)).toEqual(['full']);
    mark(`full backup (${Math.round((info[0]?.backup[0]?.info.size ?? 0) / 2 ** 20)} MB)`);
    // pgBackRest records the backup's stop in whole seconds and restores to a time only from a
    // backup that stopped before it: on a fast machine the target could fall in the same second.
    const stoppedMs = (info[0]?.backup[0]?.timestamp.stop ?? 0) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, stoppedMs + 1_100 - Date.now())));

    // Saved after the backup: these exist only in the archived WAL.
    acked.push(...(await saveRound(t, people, 1)), ...(await saveRound(t, people, 2)));
    const [{ at } = { at: '' }] = await pg.query<{ at: string }>(
      `select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' as at`,
    );

    // The accident, then the last segment closed and archived (archive_timeout does this within a
    // minute in production; the test does not wait for it).
    await pg.query('delete from answers', [], url);
    expect((await readAnswers(t, people)).size).toBe(0);
    await pg.switchWalAndWaitArchived();
    await t.close();
    t = undefined;
    mark('saves, delete, archive');

    await pg.restore(['--type=time', `--target=${at}`, '--target-action=promote']);
    mark('restore');
    await pg.start();
    await pg.waitWritable();
    mark('recovery');
    // Recovery stopped at the DELETE's commit, the first one after the target.
    expect(pg.log()).toMatch(/recovery stopping before commit of transaction/);

    t = await startAppOn(url);
    const expected = latest(acked);
    expect(expected.size).toBe(people.length * 4);
    expect(await readAnswers(t, people)).toEqual(expected);
    const [rows] = await pg.query<{ n: number }>('select count(*)::int as n from answers', [], url);
    expect(rows?.n).toBe(expected.size);

    // The restored database takes new saves on top of the restored revisions.
    acked.push(...(await saveRound(t, people, 3)));
    expect(await readAnswers(t, people)).toEqual(latest(acked));
    mark('verify');
    console.info(`pitr: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }, 180_000);
});
