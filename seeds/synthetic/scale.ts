import type { Db } from '../../server/src/db/database';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { seedFrameworks, seedRegistry } from '../seed';
import { type AgencyProfile, generate, rng } from './generator';
import { importGenerated } from './import';

export interface SyntheticCycleOptions {
  /** Number of synthetic agencies (codes S00001...). */
  agencies: number;
  seed?: string;
  /** C.E. fiscal year of the synthetic cycle (a year no real cycle uses). */
  fiscalYear?: number;
  /** Share of agencies at province track. */
  provinceShare?: number;
  /** Agencies generated and imported per chunk (memory stays flat). */
  chunk?: number;
  log?: (message: string) => void;
}

export interface SyntheticCycleSummary {
  cycleId: number;
  agencies: number;
  responses: number;
  answers: number;
  ms: number;
}

const ORG_TYPES = ['government_agency', 'state_enterprise', 'public_organization', 'independent_organization', 'other'];
const REGIONS = ['north', 'northeast', 'central', 'east', 'west', 'south'];

/**
 * N synthetic agencies with submitted answers and snapshots in a cycle of their own on the
 * DGRS-2566 framework. Idempotent per fiscal year: agencies and responses already present are kept.
 */
export async function generateSyntheticCycle(db: Db, opts: SyntheticCycleOptions): Promise<SyntheticCycleSummary> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 'dg-scale';
  const fiscalYear = opts.fiscalYear ?? 2099;
  const random = rng(`${seed}:registry`);
  await seedRegistry(db);
  const { f2566 } = await seedFrameworks(db);
  const ministries = (await db.selectFrom('ministries').select('code').execute()).map((m) => m.code);
  let cycle = await db.selectFrom('cycles').select('id').where('fiscal_year', '=', fiscalYear).executeTakeFirst();
  if (!cycle) {
    cycle = await db
      .insertInto('cycles')
      .values({
        fiscal_year: fiscalYear,
        name_th: `ชุดข้อมูลสังเคราะห์ ${fiscalYear + 543}`,
        name_en: `Synthetic ${fiscalYear}`,
        framework_id: f2566.id,
        status: 'closed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const cycleId = cycle.id;
  const { framework } = await loadFramework(db, f2566.id);
  const provinceShare = opts.provinceShare ?? 0.1;
  const chunk = opts.chunk ?? 1000;
  let responses = 0;
  let answers = 0;
  for (let start = 0; start < opts.agencies; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(opts.agencies, start + chunk); i++) {
      const province = random() < provinceShare;
      rows.push({
        code: `S${String(i + 1).padStart(5, '0')}`,
        track: (province ? 'province' : 'department') as 'province' | 'department',
        name_th: `หน่วยงานสังเคราะห์ ${i + 1}`,
        name_en: `Synthetic agency ${i + 1}`,
        ministry_code: province ? null : (ministries[Math.floor(random() * ministries.length)] ?? null),
        org_type: province ? null : (ORG_TYPES[Math.floor(random() * ORG_TYPES.length)] as string),
        role: province ? null : random() < 0.38 ? 'policy' : 'service',
        region: province ? (REGIONS[Math.floor(random() * REGIONS.length)] as string) : null,
        merged_into_id: null,
      });
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insertInto('agencies')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    const stored = await db
      .selectFrom('agencies')
      .select(['id', 'code', 'track'])
      .where(
        'code',
        'in',
        rows.map((r) => r.code),
      )
      .execute();
    await db
      .insertInto('cycle_agencies')
      .values(stored.map((a) => ({ cycle_id: cycleId, agency_id: a.id })))
      .onConflict((oc) => oc.columns(['cycle_id', 'agency_id']).doNothing())
      .execute();
    const profiles: AgencyProfile[] = stored.map((a) => ({ code: a.code, track: a.track }));
    const s = await importGenerated(db, cycleId, generate(framework, profiles, seed), { batchSize: 250 });
    responses += s.responses;
    answers += s.answers;
    log(
      `  ${Math.min(opts.agencies, start + chunk)}/${opts.agencies} agencies, ${answers} answers, ${Math.round((Date.now() - t0) / 1000)} s`,
    );
  }
  return { cycleId, agencies: opts.agencies, responses, answers, ms: Date.now() - t0 };
}
