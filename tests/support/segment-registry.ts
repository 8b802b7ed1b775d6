import type { Db } from '../../server/src/db/database';

/**
 * A small registry built to test disclosure control, shared by the analytics disclosure and the
 * public results tests (department track unless said):
 *   ministry M1: 8 agencies (service, government agency), levels 2 and 3
 *   ministry M2: 6 agencies (policy, government agency), level 3
 *   ministry M3: 1 agency, TARGET (policy, state enterprise), level 5: the one an attacker wants to isolate
 *   province track: 5 in the north, 1 in the south
 * TARGET, M1-6 and M1-7 answer "no" to OD_USER_SURVEY, so its follow-up reaches 3 agencies.
 */

export const PILLAR_KEYS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];

export interface RegistrySpec {
  code: string;
  track: 'department' | 'province';
  ministry: string | null;
  orgType: string | null;
  role: string | null;
  region: string | null;
  level: number;
  surveyed: 'yes' | 'no';
}

export const REGISTRY_SPECS: RegistrySpec[] = [
  ...Array.from({ length: 8 }, (_, i) => ({
    code: `M1-${i}`,
    track: 'department' as const,
    ministry: 'M1',
    orgType: 'government_agency',
    role: 'service',
    region: null,
    level: 2 + (i % 2),
    surveyed: (i < 6 ? 'yes' : 'no') as 'yes' | 'no',
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    code: `M2-${i}`,
    track: 'department' as const,
    ministry: 'M2',
    orgType: 'government_agency',
    role: 'policy',
    region: null,
    level: 3,
    surveyed: 'yes' as const,
  })),
  {
    code: 'TARGET',
    track: 'department',
    ministry: 'M3',
    orgType: 'state_enterprise',
    role: 'policy',
    region: null,
    level: 5,
    surveyed: 'no',
  },
  ...Array.from({ length: 6 }, (_, i) => ({
    code: `P-${i}`,
    track: 'province' as const,
    ministry: null,
    orgType: null,
    role: null,
    region: i < 5 ? 'north' : 'south',
    level: 1 + (i % 3),
    surveyed: 'yes' as const,
  })),
];

/** Ministries M1-M3 and the registry's agencies, named by `name`; returns the agencies' ids by code. */
export async function insertRegistry(db: Db, name: { th: string; en: string }): Promise<Map<string, number>> {
  await db
    .insertInto('ministries')
    .values(['M1', 'M2', 'M3'].map((code) => ({ code, name_th: `กระทรวง ${code}`, name_en: `Ministry ${code}` })))
    .execute();
  const ids = new Map<string, number>();
  for (const s of REGISTRY_SPECS) {
    const a = await db
      .insertInto('agencies')
      .values({
        code: s.code,
        track: s.track,
        name_th: `${name.th} ${s.code}`,
        name_en: `${name.en} ${s.code}`,
        ministry_code: s.ministry,
        org_type: s.orgType,
        role: s.role,
        region: s.region,
        merged_into_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(s.code, a.id);
  }
  return ids;
}

/**
 * A response with its current result snapshot (the same self and verified levels), its pillar
 * levels and its answers, written straight to the tables the aggregates read.
 */
export async function insertResult(
  db: Db,
  cycleId: number,
  agencyId: number,
  status: 'submitted' | 'in_progress' | 'verified',
  overall: number | null,
  pillars: Record<string, number | null>,
  answers: Record<string, unknown> = {},
): Promise<number> {
  const r = await db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: agencyId, status, submitted_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await db
    .insertInto('result_snapshots')
    .values({
      response_id: r.id,
      cycle_id: cycleId,
      agency_id: agencyId,
      reason: 'test',
      revision: 1,
      self_overall: overall,
      verified_overall: overall,
      self_result: '{}',
      verified_result: '{}',
      engine_version: 'test',
      framework_hash: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('snapshot_pillars')
    .values(
      Object.entries(pillars).map(([k, level]) => ({
        snapshot_id: String(s.id),
        pillar_key: k,
        self_level: level,
        verified_level: level,
        self_score: null,
        verified_score: null,
      })),
    )
    .execute();
  const rows = Object.entries(answers).map(([code, value]) => ({
    response_id: r.id,
    question_code: code,
    value: JSON.stringify(value),
    coded_category: null,
  }));
  if (rows.length) await db.insertInto('answers').values(rows).execute();
  return r.id;
}

/** Every pillar at one level. */
export const allPillarsAt = (level: number) => Object.fromEntries(PILLAR_KEYS.map((k) => [k, level]));
