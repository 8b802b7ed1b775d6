/**
 * Small builders that keep the framework content readable as a questionnaire rather than as
 * nested JSON. They only fill defaults; the result is plain FrameworkInput data.
 */
import type { Condition, FrameworkInput, Level, Track } from '../../shared/src/schemas/framework';

export type PillarInput = FrameworkInput['pillars'][number];
export type IndicatorInput = PillarInput['indicators'][number];
export type QuestionInput = IndicatorInput['questions'][number];
export type OptionInput = NonNullable<QuestionInput['options']>[number];
export type CriterionInput = NonNullable<QuestionInput['criteria']>[number];
export type MaturityInput = NonNullable<OptionInput['maturity']>;
export type Text = { th: string; en: string };

export const t = (th: string, en: string): Text => ({ th, en });

export const DEPT: Track[] = ['department'];
export const PROV: Track[] = ['province'];
export const BOTH: Track[] = ['department', 'province'];

/** Maturity credit, worded as the action an agency takes to earn it. */
export function mat(
  pillar: string,
  level: Level,
  th: string,
  en: string,
  extra: { weight?: number; required?: boolean } = {},
): MaturityInput {
  return { pillar, level, action: t(th, en), ...extra };
}

export function opt(
  code: string,
  th: string,
  en: string,
  extra: { maturity?: MaturityInput; exclusive?: boolean; other?: boolean } = {},
): OptionInput {
  return { code, label: t(th, en), ...extra };
}

export const none = (th = 'ไม่มีการดำเนินการข้างต้น', en = 'None of the above'): OptionInput =>
  opt('none', th, en, { exclusive: true });

export const otherSpecify = (): OptionInput =>
  opt('other', 'อื่น ๆ (โปรดระบุ)', 'Other (please specify)', { other: true });

export interface QuestionExtras {
  tracks?: Track[];
  showIf?: Condition;
  help?: Text;
  required?: boolean;
  evidence?: 'none' | 'optional' | 'required';
  topics?: string[];
  allowNotApplicable?: boolean;
  criteria?: CriterionInput[];
  number?: QuestionInput['number'];
}

function question(
  code: string,
  type: QuestionInput['type'],
  text: Text,
  extras: QuestionExtras,
  more: Partial<QuestionInput> = {},
): QuestionInput {
  const { tracks = BOTH, ...rest } = extras;
  return { code, type, text, tracks, ...rest, ...more };
}

export const single = (code: string, text: Text, options: OptionInput[], x: QuestionExtras = {}) =>
  question(code, 'single', text, x, { options });

export const multiple = (code: string, text: Text, options: OptionInput[], x: QuestionExtras = {}) =>
  question(code, 'multiple', text, x, { options });

export const staged = (code: string, text: Text, options: OptionInput[], x: QuestionExtras = {}) =>
  question(code, 'staged', text, x, { options });

/** yes/no; `yes` credits maturity when given, which needs the explicit yes/no options. */
export function yesNo(code: string, text: Text, x: QuestionExtras & { yes?: MaturityInput } = {}): QuestionInput {
  const { yes, ...rest } = x;
  if (yes === undefined) return question(code, 'yes_no', text, rest);
  return question(code, 'yes_no', text, rest, {
    options: [opt('yes', 'มี/ใช่', 'Yes', { maturity: yes }), opt('no', 'ไม่มี/ไม่ใช่', 'No')],
  });
}

/** A fixed reason list plus the one "other, specify" that analysts code later. */
export const reason = (code: string, text: Text, options: OptionInput[], x: QuestionExtras = {}) =>
  question(code, 'reason', text, x, { options: [...options, otherSpecify()] });

export const num = (
  code: string,
  text: Text,
  spec: { unit?: Text; min?: number; max?: number; integer?: boolean },
  x: QuestionExtras = {},
) => question(code, 'number', text, x, { number: spec });

export const pct = (code: string, text: Text, x: QuestionExtras = {}) =>
  question(code, 'percentage', text, x, { number: { min: 0, max: 100 } });

export const text = (code: string, txt: Text, x: QuestionExtras = {}) =>
  question(code, 'text', txt, { required: false, ...x });

export const longText = (code: string, txt: Text, x: QuestionExtras = {}) =>
  question(code, 'long_text', txt, { required: false, ...x });

export const date = (code: string, txt: Text, x: QuestionExtras = {}) => question(code, 'date', txt, x);

export const matrix = (
  code: string,
  txt: Text,
  rows: { code: string; label: Text }[],
  options: OptionInput[],
  x: QuestionExtras = {},
) => question(code, 'matrix', txt, x, { rows, options });

export const row = (code: string, th: string, en: string) => ({ code, label: t(th, en) });

export function crit(code: string, maturity: MaturityInput, label: Text, when: Condition): CriterionInput {
  return { code, label, when, ...maturity };
}

export const indicator = (code: string, name: Text, questions: QuestionInput[]): IndicatorInput => ({
  code,
  name,
  questions,
});

/** The common five-level ladder; each pillar adds its own level names. */
export const levels: FrameworkInput['levels'] = [
  { level: 1, name: t('ระดับขั้นริเริ่ม', 'Initial'), stage: t('รัฐบาลอิเล็กทรอนิกส์ (E-Government)', 'E-Government') },
  { level: 2, name: t('ระดับขั้นต้น', 'Developing'), stage: t('รัฐบาลแบบเปิด (Open)', 'Open') },
  { level: 3, name: t('ระดับขั้นกลาง', 'Defined'), stage: t('ยึดข้อมูลเป็นศูนย์กลาง (Data-centric)', 'Data-centric') },
  { level: 4, name: t('ระดับขั้นสูง', 'Integrated'), stage: t('ดิจิทัลเต็มรูปแบบ (Fully Digital)', 'Fully Digital') },
  { level: 5, name: t('ระดับขั้นสูงสุด', 'Optimizing'), stage: t('รัฐบาลอัจฉริยะ (Smart)', 'Smart') },
];

export const levelNames = (names: [Text, Text, Text, Text, Text]): Text[] => names;

/** Conditions, spelled like the questionnaire logic reads aloud. */
export const is = (question: string, value: string): Condition => ({ question, op: 'eq', value });
export const isIn = (question: string, value: string[]): Condition => ({ question, op: 'in', value });
export const has = (question: string, value: string): Condition => ({ question, op: 'includes', value });
export const hasAny = (question: string, value: string[]): Condition => ({
  any: value.map((v) => ({ question, op: 'includes' as const, value: v })),
});
export const hasAll = (question: string, value: string[]): Condition => ({
  all: value.map((v) => ({ question, op: 'includes' as const, value: v })),
});
export const lacks = (question: string, value: string): Condition => ({ question, op: 'excludes', value });
export const atLeast = (question: string, value: number): Condition => ({ question, op: 'gte', value });
export const stageAtLeast = (question: string, value: string): Condition => ({
  question,
  op: 'stage_at_least',
  value,
});
export const cell = (question: string, rowCode: string, value: string[]): Condition => ({
  question,
  row: rowCode,
  op: 'in',
  value,
});
export const all = (...conditions: Condition[]): Condition => ({ all: conditions });
export const any = (...conditions: Condition[]): Condition => ({ any: conditions });

/**
 * Moves every maturity credit from one pillar to another: used when an edition merges two
 * pillars (2565 had infrastructure and technology as one pillar).
 */
export function retargetPillar<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === 'pillar' && v === from ? to : v)) as T;
}

/** Keeps only questions for which `keep` is true; drops indicators left empty. */
export function filterQuestions(indicators: IndicatorInput[], keep: (q: QuestionInput) => boolean): IndicatorInput[] {
  return indicators
    .map((ind) => ({ ...ind, questions: ind.questions.filter(keep) }))
    .filter((ind) => ind.questions.length > 0);
}
