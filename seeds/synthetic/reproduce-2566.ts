import { validateFramework } from '../../shared/src/domain/framework-validate';
import type { Framework, Question } from '../../shared/src/schemas/framework';
import { dgrs2566 } from '../frameworks/dgrs-2566/framework';
import { agencies } from '../registry/agencies';
import { provinces } from '../registry/provinces';
import {
  type AgencyProfile,
  assignExact,
  calibrateMultiple,
  chooseExact,
  type Generated,
  type GeneratedAnswer,
  generate,
  rng,
  shuffled,
} from './generator';

/**
 * Raw answers for the 2566 cycle that reproduce DGA's published fact-finding counts exactly
 * (BRIEF.md, "Published figures for 2566"): the 292 responding departments and 76 provinces.
 * Everything not calibrated is drawn by the realistic generator.
 */

export const PUBLISHED_2566 = {
  departmentsInvited: 300,
  departmentsResponded: 292,
  provinces: 76,
  dgStatus: { in_operation: 201, none_plan: 63, list_only: 14, list_and_plan: 14 },
  dgAllAspectsAllItems: 60,
  odUserSurveyYes: 83,
  /** The 209 "no" answers by reason; evidence_no_action is an analyst's coding of an "other" text. */
  odUserSurveyReasons: {
    internal_meeting: 94,
    not_yet: 37,
    in_progress: 34,
    not_specified: 32,
    not_core_mission: 6,
    under_study: 3,
    no_budget: 1,
    no_staff: 1,
    evidence_no_action: 1,
  },
  pdpaTraining: 250,
  pdpaTiers: { tier_1_data_staff: 190, tier_2_service_staff: 116, tier_3_all_staff: 192 },
  platformConnected: 176,
  platformTargets: { citizen_portal: 70, thaid: 45 },
  technologies: { api: 194, big_data: 171, ai: 132 },
} as const;

const ASPECTS = ['open_data', 'data_exchange', 'analytics'];
const STAGES = ['stage_6_1', 'stage_6_2', 'stage_6_3'];

let parsed: Framework | undefined;
export function framework2566(): Framework {
  if (!parsed) {
    const r = validateFramework(dgrs2566);
    if (!r.ok) throw new Error('DGRS-2566 does not validate');
    parsed = r.framework;
  }
  return parsed;
}

function question(fw: Framework, code: string): Question {
  for (const p of fw.pillars) for (const i of p.indicators) for (const q of i.questions) if (q.code === code) return q;
  throw new Error(`no question ${code}`);
}

/** An incomplete aspect set: a non-empty proper subset, or "none". */
function incompleteAspects(random: () => number): string[] {
  if (random() < 0.15) return ['none'];
  const subset = ASPECTS.filter(() => random() < 0.55);
  if (subset.length === ASPECTS.length) subset.pop();
  return subset.length ? subset : [ASPECTS[Math.floor(random() * 3)] as string];
}
function anyAspects(random: () => number): string[] {
  return random() < 0.55 ? [...ASPECTS] : incompleteAspects(random);
}

export interface Reproduce2566Options {
  seed?: string;
  /** Department codes to leave out (e.g. the demo respondents' own agencies). */
  exclude?: readonly string[];
}

const DEPARTMENT_PILLAR_BIAS = { P1: 0.6, P2: 0.05, P3: -0.2, P5: -0.1, P6: 0.1, P7: -0.1 };
const PROVINCE_PILLAR_BIAS = { P1: 0.5, P2: 0.25, P4: 0.2, P5: 0.2, P6: 0.3 };

export function departmentProfiles2566(seed = 'dgrs-2566'): AgencyProfile[] {
  const fw = framework2566();
  const P = PUBLISHED_2566;
  const random = rng(`${seed}:calibration`);
  const depts = agencies.filter((a) => a.respondent2566);
  if (depts.length !== P.departmentsResponded) throw new Error(`registry has ${depts.length} respondents`);
  const codes = depts.map((a) => a.code);
  const fixed = new Map<string, Record<string, GeneratedAnswer>>(codes.map((c) => [c, {}]));
  const set = (code: string, q: string, a: GeneratedAnswer) => {
    (fixed.get(code) as Record<string, GeneratedAnswer>)[q] = a;
  };

  // Data governance status and the "all three aspects on all six items" subset.
  const status = assignExact(codes, Object.entries(P.dgStatus) as [string, number][], random);
  for (const [c, v] of status) set(c, 'DG_STATUS', { value: v });
  const inOperation = codes.filter((c) => status.get(c) === 'in_operation');
  const complete = chooseExact(inOperation, P.dgAllAspectsAllItems, random);
  for (const c of inOperation) {
    const stage = STAGES[Math.floor(random() * 3)] as string;
    const reached = STAGES.slice(0, STAGES.indexOf(stage) + 1);
    set(c, 'DG_PRACTICE_6', { value: stage });
    if (complete.has(c)) {
      for (let i = 1; i <= 5; i++) set(c, `DG_PRACTICE_${i}`, { value: [...ASPECTS] });
      const full = reached[Math.floor(random() * reached.length)] as string;
      for (const s of reached)
        set(c, `DG_PRACTICE_${s.slice(6)}`, { value: s === full ? [...ASPECTS] : anyAspects(random) });
    } else {
      // At least one item falls short: one of 1..5, or every sub-item of 6 shown.
      const k = 1 + Math.floor(random() * 6);
      for (let i = 1; i <= 5; i++)
        set(c, `DG_PRACTICE_${i}`, { value: i === k ? incompleteAspects(random) : anyAspects(random) });
      for (const s of reached) {
        set(c, `DG_PRACTICE_${s.slice(6)}`, { value: k === 6 ? incompleteAspects(random) : anyAspects(random) });
      }
    }
  }

  // Open data user survey and the reasons of the others.
  const survey = assignExact(
    codes,
    [
      ['yes', P.odUserSurveyYes],
      ['no', codes.length - P.odUserSurveyYes],
    ],
    random,
  );
  for (const [c, v] of survey) set(c, 'OD_USER_SURVEY', { value: v });
  const noSurvey = codes.filter((c) => survey.get(c) === 'no');
  const reasons = assignExact(noSurvey, Object.entries(P.odUserSurveyReasons) as [string, number][], random);
  // Two of the internal-meeting answers arrive as "other" text that an analyst coded.
  const codedInternal = new Set(
    shuffled(
      noSurvey.filter((c) => reasons.get(c) === 'internal_meeting'),
      random,
    ).slice(0, 2),
  );
  for (const [c, r] of reasons) {
    if (r === 'evidence_no_action') {
      set(c, 'OD_USER_SURVEY_REASON', {
        value: { choice: 'other', other: 'ตรวจสอบหลักฐานแล้ว ไม่พบการสำรวจความต้องการ' },
        codedCategory: 'evidence_no_action',
      });
    } else if (codedInternal.has(c)) {
      set(c, 'OD_USER_SURVEY_REASON', {
        value: { choice: 'other', other: 'คัดเลือกชุดข้อมูลจากการประชุมภายในตามภารกิจ' },
        codedCategory: 'internal_meeting',
      });
    } else set(c, 'OD_USER_SURVEY_REASON', { value: { choice: r } });
  }

  // PDPA training and its tiers.
  const training = assignExact(
    codes,
    [
      ['yes', P.pdpaTraining],
      ['no', codes.length - P.pdpaTraining],
    ],
    random,
  );
  for (const [c, v] of training) set(c, 'PDPA_TRAINING', { value: v });
  const trained = codes.filter((c) => training.get(c) === 'yes');
  for (const [c, v] of calibrateMultiple(question(fw, 'PDPA_TRAINING_TIERS'), trained, P.pdpaTiers, random)) {
    set(c, 'PDPA_TRAINING_TIERS', { value: v });
  }

  // Platform connections.
  const connected = assignExact(
    codes,
    [
      ['yes', P.platformConnected],
      ['no', codes.length - P.platformConnected],
    ],
    random,
  );
  for (const [c, v] of connected) set(c, 'PLATFORM_CONNECTED', { value: v });
  const conn = codes.filter((c) => connected.get(c) === 'yes');
  for (const [c, v] of calibrateMultiple(question(fw, 'PLATFORM_TARGETS'), conn, P.platformTargets, random, 0.25)) {
    set(c, 'PLATFORM_TARGETS', { value: v });
  }

  // Technologies in use.
  for (const [c, v] of calibrateMultiple(question(fw, 'TECHNOLOGIES'), codes, P.technologies, random, 0.25)) {
    set(c, 'TECHNOLOGIES', { value: v });
  }

  return depts.map((a) => {
    const r = rng(`${seed}:readiness:${a.code}`);
    return {
      code: a.code,
      track: 'department' as const,
      readiness: Math.min(1, Math.max(0, 0.28 + r() * 0.5 + (a.role === 'policy' ? 0.04 : 0))),
      // Departments stand out on pillar 1 and lag on pillar 3 (the published pattern). The biases
      // are tuned against the engine's levels (tests/unit/demo-shape.test.ts): pillar 2's level is
      // mostly set by the calibrated data-governance answers, the others follow the bias.
      pillarBias: DEPARTMENT_PILLAR_BIAS,
      fixed: fixed.get(a.code),
    };
  });
}

export function provinceProfiles2566(seed = 'dgrs-2566'): AgencyProfile[] {
  return provinces.map((p) => {
    const r = rng(`${seed}:readiness:${p.code}`);
    // Provinces mostly reach level 2 overall (published: 72.37%).
    return { code: p.code, track: 'province' as const, readiness: 0.24 + r() * 0.22, pillarBias: PROVINCE_PILLAR_BIAS };
  });
}

/** Answers of the 292 responding departments and the 76 provinces, matching the published counts. */
export function reproduce2566(opts: Reproduce2566Options = {}): Generated {
  const seed = opts.seed ?? 'dgrs-2566';
  const exclude = new Set(opts.exclude ?? []);
  const profiles = [...departmentProfiles2566(seed), ...provinceProfiles2566(seed)].filter((p) => !exclude.has(p.code));
  return generate(framework2566(), profiles, seed);
}
