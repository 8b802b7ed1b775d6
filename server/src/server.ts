import { buildApp } from './app';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ConfigError, configWarnings, loadConfig } from './plugins/config';

// Seeding is a step of its own (server/src/cli/seed.ts, run by `npm start` before this process):
// the server holds no seeding code and no demo data (tests/unit/server-bundle.test.ts).
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolMax: config.DATABASE_POOL_MAX,
  });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, database });
  for (const warning of configWarnings(config)) app.log.warn(warning);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(
    `Readiness survey platform on http://localhost:${config.PORT} (database: ${database.kind === 'pglite' ? `embedded at ${config.dataDir}` : 'PostgreSQL'})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
