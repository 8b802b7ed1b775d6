// Seeding is a step of its own: `npm start` runs `seed --if-empty`, which seeds a new database and
// leaves one that already holds data (a restart, an administrator's own registry) as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegistry } from '../../seeds/seed';
import { isUnseeded } from '../../server/src/cli/seed-state';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe('seed --if-empty', () => {
  it('a new, migrated database is unseeded; once the registry is there it is not', async () => {
    expect(await isUnseeded(database.db)).toBe(true);
    await database.db
      .insertInto('agencies')
      .values({ code: 'X001', track: 'department', name_th: 'หน่วยงานทดสอบ', name_en: 'Test agency' })
      .execute();
    expect(await isUnseeded(database.db)).toBe(false);
    await database.db.deleteFrom('agencies').execute();
    expect(await isUnseeded(database.db)).toBe(true);
    expect(await seedRegistry(database.db)).toBeGreaterThan(300);
    expect(await isUnseeded(database.db)).toBe(false);
  });
});
