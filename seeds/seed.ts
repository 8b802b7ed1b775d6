import type { Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema';
import { hashPassword } from '../server/src/lib/passwords';
import { importFramework } from '../server/src/modules/frameworks/frameworks.service';
import { dgrs2565 } from './frameworks/dgrs-2565/framework';
import { dgrs2566 } from './frameworks/dgrs-2566/framework';
import { agencies } from './registry/agencies';
import { ministries } from './registry/ministries';
import { provinces } from './registry/provinces';
import { seedDemoAnswers } from './synthetic/demo';
import { seedNationalTargets } from './targets';

export interface SeedOptions {
  demo: boolean;
  /** Synthetic answers for every agency (default true with demo); tests that only need accounts skip them. */
  answers?: boolean;
  log?: (message: string) => void;
}

export interface SeedSummary {
  counts: Record<string, number>;
  demoAccounts: { role: string; email: string; password: string }[];
}

export const DEMO_ACCOUNTS = [
  { email: 'admin@dga.or.th', name: 'ผู้ดูแลระบบ สพร.', role: 'admin', agencyCode: null, password: 'Admin-2566-demo' },
  {
    email: 'analyst@dga.or.th',
    name: 'นักวิเคราะห์ สพร.',
    role: 'analyst',
    agencyCode: null,
    password: 'Analyst-2566-demo',
  },
  {
    email: 'respondent1@demo.go.th',
    name: 'ผู้ประสานงาน CIO หน่วยงานที่ 1',
    role: 'respondent',
    agencyCode: 'D001',
    password: 'Respond-2566-demo',
  },
  {
    email: 'respondent2@demo.go.th',
    name: 'ผู้ประสานงาน CIO หน่วยงานที่ 2',
    role: 'respondent',
    agencyCode: 'D002',
    password: 'Respond-2566-demo',
  },
  {
    email: 'cio1@demo.go.th',
    name: 'ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) หน่วยงานที่ 1',
    role: 'cio',
    agencyCode: 'D001',
    password: 'Cio-2566-demo',
  },
  {
    email: 'viewer1@demo.go.th',
    name: 'ผู้บริหารหน่วยงานที่ 1',
    role: 'viewer',
    agencyCode: 'D001',
    password: 'Viewer-2566-demo',
  },
] as const;

const SYSTEM_ACTOR = { userId: null, email: 'seed', ip: null };

/** The registry: ministries, 300 departments and 76 provinces. Upserts by natural key. */
export async function seedRegistry(db: Kysely<Database>): Promise<number> {
  for (const m of ministries) {
    await db
      .insertInto('ministries')
      .values({ code: m.code, name_th: m.nameTh, name_en: m.nameEn })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const rows = [
    ...agencies.map((a) => ({
      code: a.code,
      track: 'department' as const,
      name_th: a.nameTh,
      name_en: a.nameEn,
      ministry_code: a.ministryCode,
      org_type: a.orgType,
      role: a.role,
      region: null,
      merged_into_id: null,
    })),
    ...provinces.map((p) => ({
      code: p.code,
      track: 'province' as const,
      name_th: p.nameTh,
      name_en: p.nameEn,
      ministry_code: null,
      org_type: null,
      role: null,
      region: p.region,
      merged_into_id: null,
    })),
  ];
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('agencies')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  return rows.length;
}

/** The 2565 and 2566 frameworks (2566 maps its pillars onto 2565's). */
export async function seedFrameworks(db: Kysely<Database>) {
  const f2565 = await importFramework(db, dgrs2565, SYSTEM_ACTOR);
  const f2566 = await importFramework(db, dgrs2566, SYSTEM_ACTOR);
  return { f2565: f2565.row, f2566: f2566.row };
}

async function ensureCycle(
  db: Kysely<Database>,
  c: {
    fiscalYear: number;
    frameworkId: number;
    status: 'open' | 'published';
    opensAt: string;
    closesAt: string;
    signoffRequired: boolean;
  },
) {
  const existing = await db.selectFrom('cycles').selectAll().where('fiscal_year', '=', c.fiscalYear).executeTakeFirst();
  if (existing) return existing;
  const be = c.fiscalYear + 543;
  return db
    .insertInto('cycles')
    .values({
      fiscal_year: c.fiscalYear,
      name_th: `การสำรวจความพร้อมรัฐบาลดิจิทัล ประจำปี ${be}`,
      name_en: `Digital Government Readiness Survey ${c.fiscalYear}`,
      framework_id: c.frameworkId,
      status: c.status,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      published_at: c.status === 'published' ? c.closesAt : null,
      signoff_required: c.signoffRequired,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function seedDemoUsers(db: Kysely<Database>) {
  const created: SeedSummary['demoAccounts'] = [];
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', a.email))
      .executeTakeFirst();
    created.push({ role: a.role, email: a.email, password: a.password });
    if (exists) continue;
    const agency = a.agencyCode
      ? await db.selectFrom('agencies').select('id').where('code', '=', a.agencyCode).executeTakeFirstOrThrow()
      : null;
    await db
      .insertInto('users')
      .values({
        email: a.email,
        display_name: a.name,
        role: a.role,
        agency_id: agency?.id ?? null,
        password_hash: await hashPassword(a.password),
      })
      .execute();
  }
  return created;
}

/** Idempotent: every step upserts by natural key, so running it twice changes nothing. */
export async function runSeeds(db: Kysely<Database>, opts: SeedOptions): Promise<SeedSummary> {
  const log = opts.log ?? (() => {});
  const agencyCount = await seedRegistry(db);
  const { f2565, f2566 } = await seedFrameworks(db);
  log(`Seeded registry (${agencyCount} agencies) and frameworks ${f2565.code}, ${f2566.code}`);
  const counts: Record<string, number> = { agencies: agencyCount, frameworks: 2 };
  let demoAccounts: SeedSummary['demoAccounts'] = [];
  if (opts.demo) {
    const c2565 = await ensureCycle(db, {
      fiscalYear: 2022,
      frameworkId: f2565.id,
      status: 'published',
      opensAt: '2022-06-01T00:00:00+07:00',
      closesAt: '2022-08-31T23:59:59+07:00',
      signoffRequired: false,
    });
    const c2566 = await ensureCycle(db, {
      fiscalYear: 2023,
      frameworkId: f2566.id,
      status: 'open',
      opensAt: '2023-06-01T00:00:00+07:00',
      closesAt: `${new Date().getUTCFullYear() + 1}-03-31T23:59:59+07:00`,
      // The open demo cycle shows the sign-off: respondent1 marks ready, cio1 submits to DGA.
      signoffRequired: true,
    });
    for (const cycle of [c2565, c2566]) {
      await db
        .insertInto('cycle_agencies')
        .columns(['cycle_id', 'agency_id'])
        .expression((eb) => eb.selectFrom('agencies').select([eb.val(cycle.id).as('cycle_id'), 'id']))
        .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
        .execute();
    }
    await seedNationalTargets(db, [c2565.id, c2566.id]);
    demoAccounts = await seedDemoUsers(db);
    // Synthetic answers shaped like the published 2566 figures, so dashboards look real on first run.
    counts.cycles = 2;
    if (opts.answers !== false) {
      const answers = await seedDemoAnswers(db, { cycle2565Id: c2565.id, cycle2566Id: c2566.id, log });
      counts.demoResponses = answers.responses2565 + answers.responses2566;
    }
    counts.demoUsers = demoAccounts.length;
  }
  return { counts, demoAccounts };
}
