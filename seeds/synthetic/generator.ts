import { compileQuestionPlan, TRUE } from '../../shared/src/domain/conditions';
import { normalizeAnswer, type Reading } from '../../shared/src/domain/maturity-answers';
import type { AnswerValue } from '../../shared/src/schemas/answer';
import type { Framework, Question, Track } from '../../shared/src/schemas/framework';

/**
 * Deterministic synthetic answers. Each agency has a latent readiness in [0, 1] (plus a per-pillar
 * bias); an option or "yes" evidencing level L is chosen with a probability that falls with L and
 * rises with readiness, so results spread over levels like real ones. Only questions the agency is
 * shown get answers, and every value is valid for its question type.
 */

/** mulberry32: small, fast, good enough for test data; seeded from a string. */
export function rng(seed: string | number): () => number {
  let h = typeof seed === 'number' ? seed >>> 0 : 2166136261;
  if (typeof seed === 'string') {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  }
  let a = h || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given generator (a copy). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface GeneratedAnswer {
  value: AnswerValue;
  /** An analyst's coding of an "other" reason. */
  codedCategory?: string;
}

export interface GeneratedResponse {
  agencyCode: string;
  track: Track;
  answers: Record<string, GeneratedAnswer>;
}

export interface Generated {
  frameworkCode: string;
  responses: GeneratedResponse[];
}

export interface AgencyProfile {
  code: string;
  track: Track;
  /** Latent readiness 0..1; drawn when absent. */
  readiness?: number;
  /** Added to readiness per pillar key (e.g. { P3: -0.2 }). */
  pillarBias?: Record<string, number>;
  /** Calibration: values forced for these questions (applied when the question is shown). */
  fixed?: Record<string, GeneratedAnswer | AnswerValue>;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Chance that an agency with readiness p meets something evidencing `level`. */
export const chanceAt = (p: number, level: number) => clamp(1.35 * p - 0.2 * (level - 2) + 0.05, 0.03, 0.97);

function criterionLevel(q: Question, optionCode: string): number | undefined {
  return q.options?.find((o) => o.code === optionCode)?.maturity?.level;
}

const OTHER_TEXTS = [
  'อยู่ระหว่างการพิจารณาของผู้บริหาร',
  'ดำเนินการร่วมกับหน่วยงานต้นสังกัด',
  'รอการจัดสรรงบประมาณปีถัดไป',
  'ใช้ระบบของหน่วยงานกลาง',
];

function pickIndexByReadiness(n: number, p: number, random: () => number): number {
  return clamp(Math.round(p * (n - 1) + (random() - 0.5) * 1.6), 0, n - 1);
}

export function generateValue(q: Question, p: number, random: () => number): AnswerValue | undefined {
  const opts = q.options ?? [];
  switch (q.type) {
    case 'yes_no': {
      const lvl = criterionLevel(q, 'yes');
      return random() < (lvl ? chanceAt(p, lvl) : 0.7) ? 'yes' : 'no';
    }
    case 'single':
    case 'staged':
      // Options are ordered from least to most mature in the seed frameworks.
      return opts[pickIndexByReadiness(opts.length, p, random)]?.code;
    case 'multiple': {
      const chosen = opts
        .filter((o) => !o.exclusive)
        .filter((o) => random() < (o.maturity ? chanceAt(p, o.maturity.level) : 0.35 + 0.3 * p))
        .map((o) => o.code);
      if (chosen.length > 0) return chosen;
      const none = opts.find((o) => o.exclusive);
      return none ? [none.code] : [opts[0]?.code ?? ''].filter(Boolean);
    }
    case 'reason': {
      const fixedChoices = opts.filter((o) => !o.other && o.code !== 'evidence_no_action');
      const other = opts.find((o) => o.other);
      if (other && random() < 0.08) {
        return { choice: other.code, other: OTHER_TEXTS[Math.floor(random() * OTHER_TEXTS.length)] as string };
      }
      // Earlier reasons are the common ones: a geometric-ish pick.
      const i = Math.min(fixedChoices.length - 1, Math.floor(-Math.log(1 - random() * 0.999) * 1.6));
      return { choice: (fixedChoices[i] ?? opts[0])?.code as string };
    }
    case 'number': {
      const spec = q.number;
      const min = spec?.min ?? 0;
      let v: number;
      if (spec?.max !== undefined && spec.max <= 1000)
        v = min + (spec.max - min) * clamp(p * 0.8 + random() * 0.4 - 0.1, 0, 1);
      else v = min + 10 ** (1 + 2.5 * p + random());
      if (spec?.max !== undefined) v = Math.min(v, spec.max);
      return spec?.integer ? Math.round(v) : Math.round(v * 100) / 100;
    }
    case 'percentage':
      return Math.round(clamp(p * 100 + (random() - 0.5) * 50, 0, 100) * 10) / 10;
    case 'matrix': {
      const out: Record<string, string> = {};
      for (const row of q.rows ?? [])
        out[row.code] = opts[pickIndexByReadiness(opts.length, p, random)]?.code as string;
      return out;
    }
    case 'text':
      return q.code.endsWith('_URL') ? 'https://data.go.th/organization/example' : 'ระบบตัวอย่าง';
    case 'long_text':
      return 'ข้อมูลตัวอย่างจากชุดข้อมูลสังเคราะห์ เพื่อการทดสอบระบบ';
    case 'date': {
      const m = 1 + Math.floor(random() * 12);
      const d = 1 + Math.floor(random() * 28);
      return `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
    default:
      return undefined;
  }
}

const isGeneratedAnswer = (x: unknown): x is GeneratedAnswer =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'value' in x;

/** One agency's answers: questions in evaluation order, each generated only if shown. */
export function generateResponse(framework: Framework, profile: AgencyProfile, seed: string): GeneratedResponse {
  const random = rng(`${seed}:${profile.code}`);
  const plan = planFor(framework, profile.track);
  const readiness = profile.readiness ?? clamp(0.15 + random() * 0.7, 0, 1);
  const readings: Reading[] = new Array(plan.questions.length);
  const visible = new Uint8Array(plan.questions.length);
  const answers: Record<string, GeneratedAnswer> = {};
  for (const i of plan.order) {
    const q = plan.questions[i] as Question;
    const cond = plan.showIf[i];
    visible[i] = cond == null || cond(readings, visible) === TRUE ? 1 : 0;
    readings[i] = normalizeAnswer(q, undefined);
    if (!visible[i]) continue;
    const pillarKey = framework.pillars[plan.pillarOf[i] as number]?.key ?? '';
    const p = clamp(readiness + (profile.pillarBias?.[pillarKey] ?? 0) + (random() - 0.5) * 0.25, 0, 1);
    const forced = profile.fixed?.[q.code];
    let answer: GeneratedAnswer | undefined;
    if (forced !== undefined) answer = isGeneratedAnswer(forced) ? forced : { value: forced };
    else if (!q.required && random() < 0.3) answer = undefined;
    else {
      const v = generateValue(q, p, random);
      answer = v === undefined ? undefined : { value: v };
    }
    if (!answer) continue;
    answers[q.code] = answer;
    readings[i] = normalizeAnswer(q, { value: answer.value });
  }
  return { agencyCode: profile.code, track: profile.track, answers };
}

const plans = new WeakMap<Framework, Map<Track, ReturnType<typeof compileQuestionPlan>['plan']>>();
function planFor(framework: Framework, track: Track) {
  let m = plans.get(framework);
  if (!m) {
    m = new Map();
    plans.set(framework, m);
  }
  let plan = m.get(track);
  if (!plan) {
    plan = compileQuestionPlan(framework, track).plan;
    m.set(track, plan);
  }
  return plan;
}

export function generate(framework: Framework, profiles: readonly AgencyProfile[], seed = 'dg-synthetic'): Generated {
  return { frameworkCode: framework.code, responses: profiles.map((p) => generateResponse(framework, p, seed)) };
}

// ---------------------------------------------------------------- calibration helpers

/** Exactly `counts[value]` of `codes` get `value`, chosen deterministically; returns code -> value. */
export function assignExact<V>(
  codes: readonly string[],
  counts: readonly [V, number][],
  random: () => number,
): Map<string, V> {
  const total = counts.reduce((s, [, n]) => s + n, 0);
  if (total !== codes.length) throw new Error(`assignExact: counts sum to ${total}, population is ${codes.length}`);
  const order = shuffled(codes, random);
  const out = new Map<string, V>();
  let k = 0;
  for (const [v, n] of counts) for (let i = 0; i < n; i++) out.set(order[k++] as string, v);
  return out;
}

/** Exactly `n` of `codes`, chosen deterministically. */
export function chooseExact(codes: readonly string[], n: number, random: () => number): Set<string> {
  if (n > codes.length) throw new Error(`chooseExact: ${n} of ${codes.length}`);
  return new Set(shuffled(codes, random).slice(0, n));
}

/**
 * Multiple-choice values for a population where each calibrated option is selected by exactly its
 * count; other options are drawn freely but never the calibrated ones, and every agency gets at
 * least one option (the exclusive "none" only when nothing else was chosen).
 */
export function calibrateMultiple(
  q: Question,
  population: readonly string[],
  exact: Record<string, number>,
  random: () => number,
  freeChance = 0.3,
): Map<string, string[]> {
  const chosen = new Map<string, string[]>(population.map((c) => [c, []]));
  // Largest counts first, each preferring agencies that have nothing yet: with counts summing to at
  // least the population, everyone ends up with an option without touching the exact counts.
  for (const [opt, n] of Object.entries(exact).sort((a, b) => b[1] - a[1])) {
    const order = shuffled(population, random);
    const empty = order.filter((c) => chosen.get(c)?.length === 0);
    const rest = order.filter((c) => (chosen.get(c)?.length ?? 0) > 0);
    for (const c of [...empty, ...rest].slice(0, n)) chosen.get(c)?.push(opt);
  }
  const free = (q.options ?? []).filter((o) => !o.exclusive && !(o.code in exact) && !o.other);
  const none = (q.options ?? []).find((o) => o.exclusive && !(o.code in exact));
  for (const [c, list] of chosen) {
    for (const o of free) if (random() < freeChance) list.push(o.code);
    if (list.length === 0) {
      if (none) list.push(none.code);
      else if (free.length) list.push((free[Math.floor(random() * free.length)] as { code: string }).code);
    }
    // Keep the framework's option order.
    const order = new Map((q.options ?? []).map((o, i) => [o.code, i]));
    list.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    chosen.set(c, list);
  }
  return chosen;
}
