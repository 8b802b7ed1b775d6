import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default (one worker per core but one) is a single worker on a 2-core machine; most
    // integration and browser tests wait on a database, a browser or a timer, so two overlap well.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Property tests run hundreds of cases; a busy CI machine must not turn that into a failure.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          // One embedded Postgres per worker is shared by its files (see tests/support/test-db.ts).
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file has its own server, database and browser, so files may run side by side (as
          // many as the machine's workers): their waits (polls, token expiry) then overlap.
          fileParallelism: true,
          isolate: false,
        },
      },
    ],
  },
});
