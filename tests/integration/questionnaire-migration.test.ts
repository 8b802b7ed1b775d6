import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../../server/src/db/migrate';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const tableCount = async (name: string) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = ${name} and table_schema = current_schema()`.execute(
      t.db,
    )
  ).rows[0]?.n;

describe('migration 0004-questionnaire', () => {
  it('goes down (dropping presence only) and up again', async () => {
    const schema =
      t.database.kind === 'pglite'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]?.s
        : undefined;
    expect(await tableCount('presence')).toBe(1);
    // Roll back everything after 0004 first (other features may add later migrations).
    for (let i = 0; i < 20 && (await tableCount('presence')) === 1; i++) await migrateDown(t.db, schema);
    expect(await tableCount('presence')).toBe(0);
    expect(await tableCount('answers')).toBe(1);
    await migrateToLatest(t.db, schema);
    expect(await tableCount('presence')).toBe(1);
  });
});
