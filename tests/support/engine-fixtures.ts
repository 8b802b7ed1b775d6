import type { AnswerMap, EngineAnswer } from '@dg/shared/schemas/answer';
import {
  type Condition,
  type Framework,
  type FrameworkInput,
  FrameworkSchema,
  type OverallMethod,
  type ScoringMode,
  type Track,
} from '@dg/shared/schemas/framework';
import type { LocalizedText } from '../../shared/src/schemas/i18n';

/** Hand-made frameworks for golden tests and a seeded generator shared by property tests and the bench. */

export const tx = (en: string, th: string = `ท:${en}`): LocalizedText => ({ th, en });

type PillarInput = FrameworkInput['pillars'][number];
type QuestionInput = PillarInput['indicators'][number]['questions'][number];

const LEVELS: FrameworkInput['levels'] = [
  { level: 1, name: tx('Initial', 'ระดับขั้นริเริ่ม'), stage: tx('E-Government') },
  { level: 2, name: tx('Developing', 'ระดับขั้นต้น'), stage: tx('Open') },
  { level: 3, name: tx('Defined', 'ระดับขั้นกลาง'), stage: tx('Data-centric') },
  { level: 4, name: tx('Integrated', 'ระดับขั้นสูง'), stage: tx('Fully Digital') },
  { level: 5, name: tx('Optimizing', 'ระดับขั้นสูงสุด'), stage: tx('Smart') },
];

const names = (...en: string[]): LocalizedText[] => en.map((e) => tx(e));

const act = (en: string, th: string): LocalizedText => ({ th, en });

/** P1, staged, minOptionalShare 0.5. */
const stagedPillar: PillarInput = {
  key: 'P1',
  number: 1,
  name: tx('Policies and Practices', 'นโยบายและการปฏิบัติ'),
  levelNames: [
    tx('Compliance', 'การปฏิบัติตามเกณฑ์'),
    tx('Transparency', 'ความโปร่งใส'),
    tx('Constituent value', 'คุณค่าต่อประชาชน'),
    tx('Insight-driven transformation', 'การเปลี่ยนแปลงด้วยข้อมูลเชิงลึก'),
    tx('Sustainability', 'ความยั่งยืน'),
  ],
  scoring: { mode: 'staged', minOptionalShare: 0.5 },
  indicators: [
    {
      code: 'P1.1',
      name: tx('Data governance'),
      questions: [
        {
          code: 'P1_GOV',
          type: 'staged',
          text: tx('Data governance stage'),
          tracks: ['department', 'province'],
          options: [
            { code: 'none', label: tx('No plan') },
            {
              code: 'list',
              label: tx('Dataset list'),
              maturity: {
                pillar: 'P1',
                level: 2,
                required: true,
                action: act('Prepare a dataset list', 'จัดทำบัญชีข้อมูล'),
              },
            },
            {
              code: 'plan',
              label: tx('Plan'),
              maturity: {
                pillar: 'P1',
                level: 3,
                required: true,
                action: act('Adopt a data governance plan', 'จัดทำแผนธรรมาภิบาลข้อมูล'),
              },
            },
            {
              code: 'operating',
              label: tx('Operating'),
              maturity: {
                pillar: 'P1',
                level: 4,
                required: true,
                action: act('Operate data governance', 'ดำเนินการธรรมาภิบาลข้อมูล'),
              },
            },
            {
              code: 'improving',
              label: tx('Improving'),
              maturity: {
                pillar: 'P1',
                level: 5,
                required: true,
                action: act('Review and improve data governance', 'ทบทวนและปรับปรุงธรรมาภิบาลข้อมูล'),
              },
            },
          ],
        },
        {
          code: 'P1_PRACTICES',
          type: 'multiple',
          text: tx('Practices in place'),
          tracks: ['department', 'province'],
          allowNotApplicable: true,
          options: [
            {
              code: 'a',
              label: tx('Practice A'),
              maturity: { pillar: 'P1', level: 3, action: act('Adopt practice A', 'ดำเนินการ A') },
            },
            {
              code: 'b',
              label: tx('Practice B'),
              maturity: { pillar: 'P1', level: 3, weight: 2, action: act('Adopt practice B', 'ดำเนินการ B') },
            },
            {
              code: 'c',
              label: tx('Practice C'),
              maturity: { pillar: 'P1', level: 4, action: act('Adopt practice C', 'ดำเนินการ C') },
            },
            {
              code: 'd',
              label: tx('Practice D'),
              maturity: { pillar: 'P1', level: 4, action: act('Adopt practice D', 'ดำเนินการ D') },
            },
            { code: 'none', label: tx('None'), exclusive: true },
          ],
        },
      ],
    },
    {
      code: 'P1.2',
      name: tx('Open data'),
      questions: [
        {
          code: 'P1_OPEN',
          type: 'yes_no',
          text: tx('Publishes open data'),
          tracks: ['department', 'province'],
          options: [
            {
              code: 'yes',
              label: tx('Yes'),
              maturity: { pillar: 'P1', level: 2, action: act('Publish open data', 'เปิดเผยข้อมูลเปิด') },
            },
            { code: 'no', label: tx('No') },
          ],
        },
        {
          code: 'P1_SURVEY',
          type: 'yes_no',
          text: tx('Surveyed user needs before publishing'),
          tracks: ['department', 'province'],
          showIf: { question: 'P1_OPEN', op: 'eq', value: 'yes' },
          options: [
            {
              code: 'yes',
              label: tx('Yes'),
              maturity: { pillar: 'P1', level: 5, action: act('Survey user needs', 'สำรวจความต้องการผู้ใช้') },
            },
            { code: 'no', label: tx('No') },
          ],
        },
        {
          code: 'P1_SURVEY_REASON',
          type: 'reason',
          text: tx('Why not'),
          tracks: ['department', 'province'],
          showIf: { question: 'P1_SURVEY', op: 'eq', value: 'no' },
          options: [
            { code: 'meeting', label: tx('Internal meeting') },
            { code: 'other', label: tx('Other'), other: true },
          ],
        },
      ],
    },
  ],
};

/** P2, score with cut points 20/40/60/80; total weight 10. */
const scorePillar: PillarInput = {
  key: 'P2',
  number: 2,
  name: tx('Data-driven Practices'),
  levelNames: names('Foundational', 'Standardized', 'Optimized', 'Integrated', 'Exemplary'),
  scoring: { mode: 'score', cutPoints: [20, 40, 60, 80] },
  indicators: [
    {
      code: 'P2.1',
      name: tx('Technology'),
      questions: [
        {
          code: 'P2_TECH',
          type: 'multiple',
          text: tx('Technologies in use'),
          tracks: ['department', 'province'],
          options: [
            {
              code: 'api',
              label: tx('API'),
              maturity: { pillar: 'P2', level: 2, weight: 2, action: act('Offer APIs', 'ให้บริการ API') },
            },
            {
              code: 'bigdata',
              label: tx('Big data'),
              maturity: {
                pillar: 'P2',
                level: 3,
                weight: 2,
                action: act('Use big-data analytics', 'ใช้การวิเคราะห์ข้อมูลขนาดใหญ่'),
              },
            },
            {
              code: 'ai',
              label: tx('AI'),
              maturity: { pillar: 'P2', level: 4, weight: 3, action: act('Use AI', 'ใช้ปัญญาประดิษฐ์') },
            },
            { code: 'none', label: tx('None'), exclusive: true },
          ],
        },
        {
          code: 'P2_SHARE',
          type: 'percentage',
          text: tx('Share of services online'),
          tracks: ['department', 'province'],
          criteria: [
            {
              code: 'P2_SHARE_HALF',
              label: tx('At least half of services online'),
              when: { question: 'P2_SHARE', op: 'gte', value: 50 },
              pillar: 'P2',
              level: 3,
              weight: 2,
              action: act('Bring half of the services online', 'ให้บริการออนไลน์อย่างน้อยครึ่งหนึ่ง'),
            },
          ],
        },
        {
          code: 'P2_CERT',
          type: 'yes_no',
          text: tx('Certified to a security standard'),
          tracks: ['department'],
          allowNotApplicable: true,
          options: [
            {
              code: 'yes',
              label: tx('Yes'),
              maturity: { pillar: 'P2', level: 4, action: act('Get certified', 'ได้รับการรับรองมาตรฐาน') },
            },
            { code: 'no', label: tx('No') },
          ],
        },
      ],
    },
  ],
};

/** P3, hybrid with cut points 25/50/75/90: P3_PLAN is the level-3 prerequisite. */
const hybridPillar: PillarInput = {
  key: 'P3',
  number: 3,
  name: tx('Digital Capability'),
  levelNames: names('Inefficient', 'Elementary', 'Intermediate', 'Effective', 'Digital savvy'),
  weight: 2,
  scoring: { mode: 'hybrid', minOptionalShare: 0, cutPoints: [25, 50, 75, 90] },
  indicators: [
    {
      code: 'P3.1',
      name: tx('Skills'),
      questions: [
        {
          code: 'P3_POLICY',
          type: 'yes_no',
          text: tx('Has a digital-skills policy'),
          tracks: ['department', 'province'],
          options: [
            {
              code: 'yes',
              label: tx('Yes'),
              maturity: {
                pillar: 'P3',
                level: 2,
                required: true,
                action: act('Adopt a skills policy', 'กำหนดนโยบายทักษะดิจิทัล'),
              },
            },
            { code: 'no', label: tx('No') },
          ],
        },
        {
          code: 'P3_PLAN',
          type: 'yes_no',
          text: tx('Has a skills development plan'),
          tracks: ['department', 'province'],
          options: [
            {
              code: 'yes',
              label: tx('Yes'),
              maturity: {
                pillar: 'P3',
                level: 3,
                required: true,
                action: act('Adopt a skills plan', 'จัดทำแผนพัฒนาทักษะ'),
              },
            },
            { code: 'no', label: tx('No') },
          ],
        },
        {
          code: 'P3_CHANNELS',
          type: 'matrix',
          text: tx('E-participation channels'),
          tracks: ['department', 'province'],
          rows: [
            { code: 'info', label: tx('e-Information') },
            { code: 'consult', label: tx('e-Consultation') },
            { code: 'decision', label: tx('e-Decision-making') },
          ],
          options: [
            { code: 'none', label: tx('None') },
            {
              code: 'some',
              label: tx('Some'),
              maturity: {
                pillar: 'P3',
                level: 2,
                weight: 1,
                action: act('Open a participation channel', 'เปิดช่องทางการมีส่วนร่วม'),
              },
            },
            {
              code: 'full',
              label: tx('Full'),
              maturity: {
                pillar: 'P3',
                level: 3,
                weight: 3,
                action: act('Run a full participation channel', 'เปิดช่องทางการมีส่วนร่วมเต็มรูปแบบ'),
              },
            },
          ],
          criteria: [
            {
              code: 'P3_DECISION_FULL',
              label: tx('Full e-decision-making'),
              when: { question: 'P3_CHANNELS', op: 'eq', value: 'full', row: 'decision' },
              pillar: 'P3',
              level: 4,
              weight: 2,
              action: act('Open full e-decision-making', 'เปิดการตัดสินใจทางอิเล็กทรอนิกส์เต็มรูปแบบ'),
            },
          ],
        },
        {
          code: 'P3_STAFF',
          type: 'number',
          text: tx('Staff who passed the skills self-assessment'),
          tracks: ['department', 'province'],
          required: false,
          criteria: [
            {
              code: 'P3_STAFF_10',
              label: tx('At least 10 staff assessed'),
              when: { question: 'P3_STAFF', op: 'gte', value: 10 },
              pillar: 'P3',
              level: 3,
              weight: 2,
              action: act('Assess at least 10 staff', 'ประเมินทักษะบุคลากรอย่างน้อย 10 คน'),
            },
          ],
        },
      ],
    },
  ],
};

export const smallFrameworkInput: FrameworkInput = {
  code: 'TEST-SMALL',
  year: 2023,
  title: tx('Engine test framework'),
  levels: LEVELS,
  overall: { method: 'floor_weighted_mean', rationale: tx('test') },
  minApplicableShare: 0.5,
  pillars: [stagedPillar, scorePillar, hybridPillar],
};

export function smallFramework(
  overrides: Partial<Pick<FrameworkInput, 'minApplicableShare'>> & { method?: OverallMethod } = {},
): Framework {
  const { method, ...rest } = overrides;
  return FrameworkSchema.parse({
    ...smallFrameworkInput,
    ...rest,
    overall: { ...smallFrameworkInput.overall, ...(method ? { method } : {}) },
  });
}

export const yes: EngineAnswer = { value: 'yes', verification: 'self_reported' };
export const no: EngineAnswer = { value: 'no', verification: 'self_reported' };
export const val = (
  value: EngineAnswer['value'],
  verification: EngineAnswer['verification'] = 'self_reported',
): EngineAnswer => ({
  value,
  verification,
});
export const na = (justification = 'Not part of our mission'): EngineAnswer => ({ notApplicable: { justification } });

// ---------------------------------------------------------------------------
// Seeded random frameworks and answers.

/** mulberry32: tiny, fast and identical everywhere, so a seed reproduces a failure. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number): boolean => r() < p;

export interface RandomFrameworkOptions {
  pillars?: number;
  questionsPerPillar?: number;
  modes?: readonly ScoringMode[];
  /** Probability that a question has a showIf on an earlier yes_no / staged question. */
  showIfRate?: number;
}

const QTYPES = ['yes_no', 'single', 'staged', 'multiple', 'number', 'percentage', 'matrix', 'reason', 'text'] as const;

export function randomFrameworkInput(seed: number, opts: RandomFrameworkOptions = {}): FrameworkInput {
  const r = rng(seed);
  const nPillars = opts.pillars ?? int(r, 1, 4);
  const perPillar = opts.questionsPerPillar ?? int(r, 2, 8);
  const modes = opts.modes ?? (['staged', 'score', 'hybrid'] as const);
  const showIfRate = opts.showIfRate ?? 0.25;
  const gateable: { code: string; type: 'yes_no' | 'staged'; options: string[] }[] = [];
  const pillarKeys = Array.from({ length: nPillars }, (_, i) => `P${i + 1}`);
  const maturity = (
    p: string,
    level: number,
  ): NonNullable<NonNullable<QuestionInput['options']>[number]['maturity']> => ({
    pillar: chance(r, 0.9) ? p : pick(r, pillarKeys),
    level,
    weight: pick(r, [1, 1, 1, 2, 3, 0.5]),
    required: chance(r, 0.3),
    action: tx(`Do ${p}-${level}-${int(r, 0, 9999)}`),
  });

  const pillars: PillarInput[] = pillarKeys.map((key, pi) => {
    const questions: QuestionInput[] = [];
    for (let qi = 0; qi < perPillar; qi++) {
      const code = `Q${pi + 1}_${String(qi).padStart(3, '0')}`;
      const type = pick(r, QTYPES);
      const tracks: Track[] = pick(r, [
        ['department', 'province'],
        ['department', 'province'],
        ['department'],
        ['province'],
      ] as Track[][]);
      const q: QuestionInput = {
        code,
        type,
        text: tx(code),
        tracks,
        required: chance(r, 0.8),
        allowNotApplicable: chance(r, 0.2),
      };
      if (gateable.length > 0 && chance(r, showIfRate)) {
        const g = pick(r, gateable);
        const cond: Condition =
          g.type === 'yes_no'
            ? { question: g.code, op: 'eq', value: 'yes' }
            : { question: g.code, op: 'stage_at_least', value: pick(r, g.options) };
        q.showIf = chance(r, 0.2) ? { not: cond } : cond;
      }
      const lvl = (): number => int(r, 1, 5);
      switch (type) {
        case 'yes_no':
          q.options = [
            { code: 'yes', label: tx('Yes'), ...(chance(r, 0.8) ? { maturity: maturity(key, lvl()) } : {}) },
            { code: 'no', label: tx('No') },
          ];
          gateable.push({ code, type, options: ['yes', 'no'] });
          break;
        case 'staged': {
          const n = int(r, 3, 5);
          q.options = Array.from({ length: n }, (_, i) => ({
            code: `s${i}`,
            label: tx(`Stage ${i}`),
            ...(i > 0 && chance(r, 0.8) ? { maturity: maturity(key, Math.min(5, i + 1)) } : {}),
          }));
          gateable.push({ code, type, options: q.options.map((o) => o.code) });
          break;
        }
        case 'single':
        case 'multiple':
        case 'reason':
          q.options = Array.from({ length: int(r, 2, 5) }, (_, i) => ({
            code: `o${i}`,
            label: tx(`Option ${i}`),
            ...(chance(r, 0.6) ? { maturity: maturity(key, lvl()) } : {}),
          }));
          break;
        case 'matrix':
          q.rows = [0, 1, 2].map((i) => ({ code: `r${i}`, label: tx(`Row ${i}`) }));
          q.options = [0, 1, 2].map((i) => ({
            code: `m${i}`,
            label: tx(`Level ${i}`),
            ...(i > 0 && chance(r, 0.5) ? { maturity: maturity(key, lvl()) } : {}),
          }));
          q.criteria = [
            {
              code: `C_${code}_ROW`,
              label: tx(`${code} row`),
              when: { question: code, op: 'eq', value: 'm2', row: `r${int(r, 0, 2)}` },
              ...maturity(key, lvl()),
            },
          ];
          break;
        case 'number':
        case 'percentage':
          q.criteria = [
            {
              code: `C_${code}_MIN`,
              label: tx(`${code} threshold`),
              when: { question: code, op: pick(r, ['gte', 'gt'] as const), value: int(r, 0, 100) },
              ...maturity(key, lvl()),
            },
          ];
          break;
        case 'text':
          break;
      }
      questions.push(q);
    }
    const mode = pick(r, modes);
    const cuts = [int(r, 5, 30), int(r, 30, 50), int(r, 50, 70), int(r, 70, 95)] as [number, number, number, number];
    return {
      key,
      number: pi + 1,
      name: tx(`Pillar ${pi + 1}`),
      levelNames: names('L1', 'L2', 'L3', 'L4', 'L5'),
      weight: pick(r, [1, 1, 2, 0.5]),
      scoring: {
        mode,
        minOptionalShare: pick(r, [0, 0.34, 0.5, 1]),
        ...(mode === 'staged' ? {} : { cutPoints: cuts }),
      },
      indicators: [{ code: `P${pi + 1}.1`, name: tx('Indicator'), questions }],
    };
  });
  return {
    code: `RANDOM-${seed >>> 0}`.slice(0, 40),
    year: 2023,
    title: tx('Random framework'),
    levels: LEVELS,
    overall: { method: pick(r, ['floor_weighted_mean', 'median', 'minimum'] as const), rationale: tx('random') },
    minApplicableShare: pick(r, [0, 0.3, 0.5, 0.8]),
    pillars,
  };
}

export const randomFramework = (seed: number, opts?: RandomFrameworkOptions): Framework =>
  FrameworkSchema.parse(randomFrameworkInput(seed, opts));

export interface RandomAnswerOptions {
  unansweredRate?: number;
  notApplicableRate?: number;
  rejectedRate?: number;
}

/** Answers of every shape, including stale answers to questions that will be hidden. */
export function randomAnswers(
  framework: Framework,
  track: Track,
  seed: number,
  opts: RandomAnswerOptions = {},
): AnswerMap {
  const r = rng(seed);
  const unanswered = opts.unansweredRate ?? 0.15;
  const naRate = opts.notApplicableRate ?? 0.1;
  const rejectedRate = opts.rejectedRate ?? 0.1;
  const out: AnswerMap = {};
  for (const p of framework.pillars) {
    for (const ind of p.indicators) {
      for (const q of ind.questions) {
        if (!q.tracks.includes(track) || chance(r, unanswered)) continue;
        const verification = chance(r, rejectedRate) ? 'rejected' : pick(r, ['self_reported', 'verified'] as const);
        if (q.allowNotApplicable && chance(r, naRate)) {
          out[q.code] = { notApplicable: { justification: 'Outside our mandate' }, verification };
          continue;
        }
        const codes = (q.options ?? []).map((o) => o.code);
        let value: EngineAnswer['value'];
        switch (q.type) {
          case 'yes_no':
          case 'single':
          case 'staged':
            value = pick(r, codes);
            break;
          case 'reason':
            value = { choice: pick(r, codes) };
            break;
          case 'multiple':
            value = codes.filter(() => chance(r, 0.5));
            break;
          case 'matrix':
            value = Object.fromEntries((q.rows ?? []).map((row) => [row.code, pick(r, codes)]));
            break;
          case 'number':
          case 'percentage':
            value = int(r, 0, 100);
            break;
          default:
            value = chance(r, 0.5) ? 'some text' : '';
        }
        out[q.code] = { value, verification };
      }
    }
  }
  return out;
}
