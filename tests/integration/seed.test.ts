import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from '../../seeds/seed';
import { signIn } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function counts() {
  const n = async (table: 'agencies' | 'frameworks' | 'cycles' | 'users' | 'cycle_agencies' | 'ministries') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    agencies: await n('agencies'),
    frameworks: await n('frameworks'),
    cycles: await n('cycles'),
    users: await n('users'),
    invited: await n('cycle_agencies'),
    ministries: await n('ministries'),
  };
}

describe('seeds', () => {
  it('seed the registry, both frameworks, cycles and demo accounts, idempotently', async () => {
    await runSeeds(t.db, { demo: true, answers: false });
    const first = await counts();
    expect(first).toMatchObject({ agencies: 376, frameworks: 2, cycles: 2, users: 6, invited: 752 });
    await runSeeds(t.db, { demo: true, answers: false });
    expect(await counts()).toEqual(first);
    const departments = await t.db.selectFrom('agencies').select('id').where('track', '=', 'department').execute();
    expect(departments).toHaveLength(300);
    const admin = await signIn(t.app, 'admin@dga.or.th', 'Admin-2566-demo');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers });
    expect(me.json().role).toBe('admin');
  });
});
