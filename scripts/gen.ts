/**
 * Synthetic data at scale: `npm run gen -- --agencies 8000 [--seed s] [--year 2099]`.
 * Writes N synthetic agencies with submitted answers and result snapshots into the configured
 * database (DATABASE_URL, or the embedded one in the data directory), in a cycle of their own.
 */

import { generateSyntheticCycle } from '../seeds/synthetic/scale';
import { openDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { loadConfig } from '../server/src/plugins/config';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const agencies = Number(arg('agencies') ?? 8000);
if (!Number.isInteger(agencies) || agencies < 1) {
  console.error('--agencies must be a positive integer');
  process.exit(2);
}
const config = loadConfig();
const { db, close, kind } = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
try {
  await migrateToLatest(db);
  console.log(`Generating ${agencies} synthetic agencies into ${kind} ...`);
  const s = await generateSyntheticCycle(db, {
    agencies,
    seed: arg('seed'),
    fiscalYear: arg('year') ? Number(arg('year')) : undefined,
    log: console.log,
  });
  console.log(
    `Done: cycle ${s.cycleId}, ${s.responses} responses, ${s.answers} answers in ${(s.ms / 1000).toFixed(1)} s`,
  );
} finally {
  await close();
}
