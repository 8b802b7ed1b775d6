// Seeding, a step of its own like migrations (the server never seeds): the registry and the
// frameworks, plus the demo cycles, answers and accounts where SEED_DEMO is on (the default
// outside production). `npm start` runs it with --if-empty before the server, so a new database
// gets the demo and a used one is left as it is; a deployment runs it once (`--no-demo`).
//
//   seed [--no-demo] [--if-empty]
import { DEMO_ACCOUNTS, runSeeds } from '../../../seeds/seed';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { demoAccountsNotice } from '../lib/demo-accounts';
import { loadConfig } from '../plugins/config';
import { isUnseeded } from './seed-state';

const config = loadConfig();
const demo = process.argv.includes('--no-demo') ? false : config.seedDemo;
const { db, close } = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
try {
  await migrateToLatest(db);
  if (process.argv.includes('--if-empty') && !(await isUnseeded(db))) {
    console.log('Seed: the database already holds data; nothing seeded (`npm run db:seed` re-runs the seeds)');
    // The demo accounts of an earlier seed still sign in: list those that exist (development only).
    const emails = DEMO_ACCOUNTS.map((a) => a.email);
    const present = demo
      ? new Set(
          (await db.selectFrom('users').select('email').where('email', 'in', emails).execute()).map((u) => u.email),
        )
      : new Set<string>();
    const notice = demoAccountsNotice(
      config,
      DEMO_ACCOUNTS.filter((a) => present.has(a.email)),
    );
    if (notice) console.log(notice);
  } else {
    const summary = await runSeeds(db, { demo, log: console.log });
    console.log(`Seeded: ${JSON.stringify(summary.counts)}`);
    const notice = demoAccountsNotice(config, summary.demoAccounts);
    if (notice) console.log(notice);
  }
} finally {
  await close();
}
