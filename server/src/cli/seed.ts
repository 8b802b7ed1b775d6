import { runSeeds } from '../../../seeds/seed';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { loadConfig } from '../plugins/config';

const config = loadConfig();
const { db, close } = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
try {
  await migrateToLatest(db);
  const summary = await runSeeds(db, {
    demo: process.argv.includes('--no-demo') ? false : config.seedDemo,
    log: console.log,
  });
  console.log(`Seeded: ${JSON.stringify(summary.counts)}`);
} finally {
  await close();
}
