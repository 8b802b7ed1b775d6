import { openDatabase } from '../db/database';
import { migrateDown, migrateToLatest } from '../db/migrate';
import { loadConfig } from '../plugins/config';

const direction = process.argv[2] ?? 'latest';
const config = loadConfig();
const { db, close } = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
try {
  const ran = direction === 'down' ? await migrateDown(db) : await migrateToLatest(db);
  console.log(
    ran.length ? `${direction === 'down' ? 'Reverted' : 'Applied'}: ${ran.join(', ')}` : 'Nothing to do: up to date',
  );
} finally {
  await close();
}
