import { z } from 'zod';
import { LocalizedTextSchema } from './i18n';

/** Codes are stable identifiers, like SPSS variable names: they survive text edits. */
export const QuestionCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Code must be UPPER_SNAKE, 2-40 chars');
export const OptionCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'Option code must be lower_snake');
export const PillarKeySchema = z.string().regex(/^P[0-9]{1,2}[a-z]?$/, 'Pillar key looks like P1');

export const LevelSchema = z.number().int().min(1).max(5);
export type Level = z.infer<typeof LevelSchema>;

export const TrackSchema = z.enum(['department', 'province']);
export type Track = z.infer<typeof TrackSchema>;

export const QuestionTypeSchema = z.enum([
  'single',
  'multiple',
  'yes_no',
  'number',
  'percentage',
  'text',
  'long_text',
  'date',
  'staged',
  'reason',
  'matrix',
]);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

/** What an answer contributes to maturity: the pillar and level it evidences. */
export const MaturityRefSchema = z.object({
  pillar: PillarKeySchema,
  level: LevelSchema,
  weight: z.number().positive().max(100).default(1),
  /** Staged mode: a required criterion gates its level. */
  required: z.boolean().default(false),
  /** "What to do to reach the level", worded as an action. */
  action: LocalizedTextSchema,
  /**
   * What the criterion is called in results and reports (option-based criteria; question-level ones
   * have their own label). Without it the option's label is used, which must then say what it means.
   */
  label: LocalizedTextSchema.optional(),
});
export type MaturityRef = z.infer<typeof MaturityRefSchema>;

export const ConditionOpSchema = z.enum([
  'eq',
  'neq',
  'in',
  'includes',
  'excludes',
  'gte',
  'lte',
  'gt',
  'lt',
  'answered',
  'stage_at_least',
]);
export type ConditionOp = z.infer<typeof ConditionOpSchema>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      question: string;
      op: ConditionOp;
      value?: string | number | string[];
      /** Matrix questions: which row the condition reads. */
      row?: string;
    };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z
      .object({
        question: QuestionCodeSchema,
        op: ConditionOpSchema,
        value: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
        row: OptionCodeSchema.optional(),
      })
      .strict(),
  ]),
);

export const OptionSchema = z
  .object({
    code: OptionCodeSchema,
    label: LocalizedTextSchema,
    /** Multiple choice: "none of these" clears and excludes the others. */
    exclusive: z.boolean().optional(),
    /** "Other, specify": a free-text box goes with it; analysts code it later. */
    other: z.boolean().optional(),
    maturity: MaturityRefSchema.optional(),
  })
  .strict();
export type Option = z.infer<typeof OptionSchema>;

/** A question-level criterion: met when its condition holds on the answers. */
export const CriterionSchema = MaturityRefSchema.extend({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*(\.[a-z0-9_]+)?$/),
  label: LocalizedTextSchema,
  when: ConditionSchema,
}).strict();
export type Criterion = z.infer<typeof CriterionSchema>;

export const NumberSpecSchema = z
  .object({
    unit: LocalizedTextSchema.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  })
  .strict();

export const EvidencePolicySchema = z.enum(['none', 'optional', 'required']);

export const QuestionSchema = z
  .object({
    code: QuestionCodeSchema,
    type: QuestionTypeSchema,
    text: LocalizedTextSchema,
    help: LocalizedTextSchema.optional(),
    required: z.boolean().default(true),
    tracks: z.array(TrackSchema).min(1),
    showIf: ConditionSchema.optional(),
    options: z.array(OptionSchema).optional(),
    rows: z.array(z.object({ code: OptionCodeSchema, label: LocalizedTextSchema }).strict()).optional(),
    number: NumberSpecSchema.optional(),
    /** "Not applicable" is allowed only with a justification. */
    allowNotApplicable: z.boolean().default(false),
    /** 'required': evidence must be attached when the answer claims a practice (meets a criterion). */
    evidence: EvidencePolicySchema.default('none'),
    criteria: z.array(CriterionSchema).optional(),
    /** Tags the fact-finding topics of the published findings this question serves. */
    topics: z.array(z.string()).optional(),
  })
  .strict();
export type Question = z.infer<typeof QuestionSchema>;

export const IndicatorSchema = z
  .object({
    code: z.string().regex(/^P[0-9]{1,2}\.[0-9]{1,2}$/),
    name: LocalizedTextSchema,
    questions: z.array(QuestionSchema).min(1),
  })
  .strict();
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ScoringModeSchema = z.enum(['staged', 'score', 'hybrid']);
export type ScoringMode = z.infer<typeof ScoringModeSchema>;

export const PillarScoringSchema = z
  .object({
    mode: ScoringModeSchema,
    /** Staged/hybrid: share (0..1) of non-required criteria of each level that must also be met. */
    minOptionalShare: z.number().min(0).max(1).default(0),
    /** Score/hybrid: minimum 0-100 score for levels 2, 3, 4 and 5, ascending. */
    cutPoints: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  })
  .strict();
export type PillarScoring = z.infer<typeof PillarScoringSchema>;

export const PillarSchema = z
  .object({
    key: PillarKeySchema,
    number: z.number().int().min(1).max(20),
    name: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /** The pillar's own words for levels 1..5 (e.g. Compliance ... Sustainability). */
    levelNames: z.array(LocalizedTextSchema).length(5),
    weight: z.number().positive().default(1),
    scoring: PillarScoringSchema,
    /** Year-over-year: the key of the pillar in the previous framework this one continues. */
    previousKey: PillarKeySchema.optional(),
    /** Set when the pillar's meaning changed from the previous version (split, renamed, redefined). */
    changedFromPrevious: LocalizedTextSchema.optional(),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .strict();
export type Pillar = z.infer<typeof PillarSchema>;

/**
 * A derived indicator: a figure the findings publish that no single question holds, defined over
 * answers with the framework's own condition language. Measures compute numbers (a ratio of two
 * numbers, the difference of two, how many of several conditions hold); conditions read a measure
 * by its code as if it were a number question. Agencies in `population` fall into the first
 * category whose `when` holds (a category without `when` takes the rest); the explorer shows the
 * indicator like a single-choice question.
 */
export const DerivedMeasureSchema = z.union([
  z.object({ code: QuestionCodeSchema, ratio: z.tuple([QuestionCodeSchema, QuestionCodeSchema]) }).strict(),
  z.object({ code: QuestionCodeSchema, difference: z.tuple([QuestionCodeSchema, QuestionCodeSchema]) }).strict(),
  z.object({ code: QuestionCodeSchema, count: z.array(ConditionSchema).min(1) }).strict(),
]);
export type DerivedMeasure = z.infer<typeof DerivedMeasureSchema>;

export const DerivedCategorySchema = z
  .object({ code: OptionCodeSchema, label: LocalizedTextSchema, when: ConditionSchema.optional() })
  .strict();

export const DerivedIndicatorSchema = z
  .object({
    code: QuestionCodeSchema,
    label: LocalizedTextSchema,
    /** Who the indicator is about: its own denominator, like a follow-up question's. */
    populationLabel: LocalizedTextSchema,
    tracks: z.array(TrackSchema).min(1),
    population: ConditionSchema,
    measures: z.array(DerivedMeasureSchema).default([]),
    categories: z.array(DerivedCategorySchema).min(2),
    /** The category whose share is the indicator's headline figure (e.g. "fully digital"). */
    headline: OptionCodeSchema,
    topics: z.array(z.string()).optional(),
  })
  .strict();
export type DerivedIndicatorDef = z.infer<typeof DerivedIndicatorSchema>;

export const OverallMethodSchema = z.enum(['floor_weighted_mean', 'median', 'minimum']);
export type OverallMethod = z.infer<typeof OverallMethodSchema>;

export const FrameworkSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{3,40}$/),
    /** C.E. year; shown as B.E. (year + 543) in Thai. */
    year: z.number().int().min(2000).max(2100),
    title: LocalizedTextSchema,
    previousCode: z.string().optional(),
    levels: z
      .array(z.object({ level: LevelSchema, name: LocalizedTextSchema, stage: LocalizedTextSchema }).strict())
      .length(5),
    overall: z.object({ method: OverallMethodSchema, rationale: LocalizedTextSchema }).strict(),
    /** A pillar whose applicable criteria weight is below this share is reported as not assessable. */
    minApplicableShare: z.number().min(0).max(1).default(0.5),
    pillars: z.array(PillarSchema).min(1),
    derivedIndicators: z.array(DerivedIndicatorSchema).optional(),
  })
  .strict();
export type Framework = z.infer<typeof FrameworkSchema>;
export type FrameworkInput = z.input<typeof FrameworkSchema>;
