import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database';
import { loadFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { agencies } from '../registry/agencies';
import { type AgencyProfile, type Generated, generate, rng } from './generator';
import { importGenerated } from './import';
import { reproduce2566 } from './reproduce-2566';

/** The demo respondents' own agencies: left unanswered in the open cycle for the CIO to fill. */
export const DEMO_OWN_AGENCIES = ['D001', 'D002'] as const;

export interface DemoAnswersSummary {
  skipped: boolean;
  responses2565: number;
  responses2566: number;
  ms: number;
}

/**
 * The demo's 2566 answers: DGA's calibrated reproduction for the 368 published respondents, less
 * the demo respondents' own agencies (D001, D002), which stay open for the demo CIO to fill; the 8
 * published non-respondents stay unanswered. Once D001 and D002 submit, the cycle has the published
 * 368 of 376.
 */
export function demoAnswers2566(): Generated {
  const nonRespondents = new Set(agencies.filter((a) => !a.respondent2566).map((a) => a.code));
  const generated = reproduce2566({ exclude: [...DEMO_OWN_AGENCIES] });
  generated.responses = generated.responses.filter((r) => !nonRespondents.has(r.agencyCode));
  return generated;
}

async function hasAnswers(db: Db, cycleId: number): Promise<boolean> {
  const row = await db
    .selectFrom('answers as x')
    .innerJoin('responses as r', 'r.id', 'x.response_id')
    .select(sql<number>`1`.as('one'))
    .where('r.cycle_id', '=', cycleId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Demo answers for `npm start`: every registry agency answered the published 2565 cycle; in the
 * open 2566 cycle every agency answered except the 8 non-respondents and the demo respondents'
 * own agencies (D001, D002). The 2566 answers are the calibrated reproduction of DGA's published
 * counts. Idempotent: a cycle that already has answers is left alone.
 */
export async function seedDemoAnswers(
  db: Db,
  opts: { cycle2565Id: number; cycle2566Id: number; log?: (m: string) => void },
): Promise<DemoAnswersSummary> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  let responses2565 = 0;
  let responses2566 = 0;
  let skipped = true;

  if (!(await hasAnswers(db, opts.cycle2565Id))) {
    skipped = false;
    const cycle = await db
      .selectFrom('cycles')
      .select('framework_id')
      .where('id', '=', opts.cycle2565Id)
      .executeTakeFirstOrThrow();
    const { framework } = await loadFramework(db, cycle.framework_id);
    const registry = await db
      .selectFrom('agencies')
      .select(['code', 'track', 'role'])
      .where('active', '=', true)
      .orderBy('code')
      .execute();
    const profiles: AgencyProfile[] = registry.map((a) => {
      const r = rng(`dgrs-2565:readiness:${a.code}`);
      return {
        code: a.code,
        track: a.track,
        // A year earlier: a little less ready than in 2566.
        readiness: a.track === 'province' ? 0.15 + r() * 0.2 : 0.22 + r() * 0.5,
        pillarBias: (a.track === 'department' ? { P1: 0.2, P3: -0.12 } : { P2: 0.2 }) as Record<string, number>,
      };
    });
    const s = await importGenerated(db, opts.cycle2565Id, generate(framework, profiles, 'dgrs-2565'), {
      submittedAt: new Date('2022-08-15T10:00:00+07:00'),
      verification: 'verified',
    });
    responses2565 = s.responses;
    log(`Demo answers 2565: ${s.responses} responses, ${s.answers} answers in ${s.ms} ms ${JSON.stringify(s.phases)}`);
  }

  if (!(await hasAnswers(db, opts.cycle2566Id))) {
    skipped = false;
    const generated = demoAnswers2566();
    const present = new Set((await db.selectFrom('agencies').select('code').execute()).map((a) => a.code));
    generated.responses = generated.responses.filter((r) => present.has(r.agencyCode));
    const s = await importGenerated(db, opts.cycle2566Id, generated, {
      // Spread over the ten weeks to the 2566 deadline, more of them in the last weeks (as surveys
      // go), so the monitoring board's trend has a shape from the first run.
      submittedAt: (i) => {
        const share = ((i * 7919) % 1000) / 1000;
        const day = Math.floor(70 * Math.sqrt(share));
        return new Date(Date.parse('2023-06-22T10:00:00+07:00') + day * 86_400_000 + ((i * 37) % 480) * 60_000);
      },
    });
    responses2566 = s.responses;
    log(`Demo answers 2566: ${s.responses} responses, ${s.answers} answers in ${s.ms} ms ${JSON.stringify(s.phases)}`);
  }
  return { skipped, responses2565, responses2566, ms: Date.now() - t0 };
}
