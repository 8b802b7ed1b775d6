import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import type { Db } from '../../server/src/db/database';
import { type Config, loadConfig } from '../../server/src/plugins/config';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

/** `opts.database`: a database the test made itself (the app closes it with the rest). */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    RATE_LIMIT_PER_MINUTE: '100000',
    USER_RATE_LIMIT_PER_MINUTE: '100000',
    // The embedded database shares this event loop; shedding is exercised by the load tests instead.
    SHED_EVENT_LOOP_DELAY_MS: '0',
    // Lets parallel work build the client into a directory of its own.
    ...(process.env.CLIENT_DIST ? { CLIENT_DIST: process.env.CLIENT_DIST } : {}),
    ...env,
  });
  const app = await buildApp({ config, database });
  return {
    app,
    db: database.db,
    config,
    database,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
