import { z } from 'zod';
import { TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';
import { BasisSchema } from './result';

/** National analytics: every figure carries its numerator and denominator. */

export const ShareSchema = z.object({
  numerator: z.number().int().min(0),
  denominator: z.number().int().min(0),
  percent: z.number().nullable(),
});

/**
 * Why a figure is withheld from an agency user or the open-data package (disclosure control): its
 * segment has fewer agencies than the cycle's minimum, or it would let one be worked out by
 * subtraction. A withheld figure carries no numbers: counts are 0 and lists empty.
 */
export const SuppressionSchema = z.object({
  reason: z.enum(['below_minimum', 'complementary']),
  minimum: z.number().int(),
  message: LocalizedTextSchema,
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** A cycle's disclosure policy as the administrator sets it. */
export const DisclosurePolicySchema = z.object({
  cycleId: z.number().int(),
  /** Segments of fewer agencies are withheld from agency users and open data. */
  minSegmentSize: z.number().int(),
  /** No policy stored: the default applies. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type DisclosurePolicy = z.infer<typeof DisclosurePolicySchema>;

export const DisclosurePolicyUpdateSchema = z.object({ minSegmentSize: z.number().int().min(3).max(100) }).strict();
export type DisclosurePolicyUpdate = z.infer<typeof DisclosurePolicyUpdateSchema>;

export const CrossBySchema = z.enum(['orgType', 'role', 'ministry', 'region', 'track']);
export type CrossBy = z.infer<typeof CrossBySchema>;

export const SegmentQuerySchema = z.object({
  track: TrackSchema.optional(),
  orgType: z.string().max(60).optional(),
  role: z.string().max(60).optional(),
  ministry: z.string().max(60).optional(),
  region: z.string().max(60).optional(),
});
export type SegmentQuery = z.infer<typeof SegmentQuerySchema>;

export const LevelsQuerySchema = SegmentQuerySchema.extend({
  basis: BasisSchema.default('verified'),
  atLeast: z.coerce.number().int().min(1).max(5).default(3),
});
export type LevelsQuery = z.infer<typeof LevelsQuerySchema>;

export const CycleParamsSchema = z.object({ cycleId: z.coerce.number().int().positive().max(2147483647) });

const RateRowSchema = z.object({
  key: z.string(),
  label: LocalizedTextSchema.nullable(),
  invited: z.number().int(),
  suppressed: SuppressionSchema.nullable(),
  started: ShareSchema,
  submitted: ShareSchema,
  verified: ShareSchema,
});
export type RateRow = z.infer<typeof RateRowSchema>;

export const ResponseRatesSchema = z.object({
  cycleId: z.number().int(),
  overall: RateRowSchema,
  byTrack: z.array(RateRowSchema),
  byOrgType: z.array(RateRowSchema),
  byRole: z.array(RateRowSchema),
  byMinistry: z.array(RateRowSchema),
});
export type ResponseRates = z.infer<typeof ResponseRatesSchema>;

const LevelCountSchema = z.object({ level: z.number().int(), count: z.number().int(), share: ShareSchema });

export const PillarLevelsSchema = z.object({
  key: z.string(),
  number: z.number().int(),
  name: LocalizedTextSchema,
  levels: z.array(LevelCountSchema),
  notAssessed: z.number().int(),
  atLeast: ShareSchema,
});
export type PillarLevels = z.infer<typeof PillarLevelsSchema>;

const PillarRefSchema = z.object({
  key: z.string(),
  number: z.number().int(),
  name: LocalizedTextSchema,
  share: ShareSchema,
});

export const LevelsSchema = z.object({
  cycleId: z.number().int(),
  basis: BasisSchema,
  atLeast: z.number().int(),
  segment: SegmentQuerySchema,
  suppressed: SuppressionSchema.nullable(),
  /** Agencies in the segment with a submitted response and a current result snapshot. */
  denominator: z.number().int(),
  overall: z.object({ levels: z.array(LevelCountSchema), notAssessed: z.number().int(), atLeast: ShareSchema }),
  pillars: z.array(PillarLevelsSchema),
  largest: PillarRefSchema.nullable(),
  smallest: PillarRefSchema.nullable(),
  narrative: z.object({ th: z.array(z.string()), en: z.array(z.string()) }),
});
export type Levels = z.infer<typeof LevelsSchema>;

const DistributionSchema = z.object({
  suppressed: SuppressionSchema.nullable(),
  denominator: z.number().int(),
  levels: z.array(LevelCountSchema),
  atLeast: ShareSchema,
});

export const YearOverYearSchema = z.object({
  cycleId: z.number().int(),
  previousCycleId: z.number().int().nullable(),
  basis: BasisSchema,
  atLeast: z.number().int(),
  overall: z.object({ current: DistributionSchema, previous: DistributionSchema.nullable() }),
  pillars: z.array(
    z.object({
      key: z.string(),
      number: z.number().int(),
      name: LocalizedTextSchema,
      previousKey: z.string().nullable(),
      /** The pillar's meaning changed (changedFromPrevious) or several pillars map onto one previous pillar. */
      changed: z.boolean(),
      changeNote: LocalizedTextSchema.nullable(),
      current: DistributionSchema,
      previous: DistributionSchema.nullable(),
    }),
  ),
});
export type YearOverYear = z.infer<typeof YearOverYearSchema>;

export const ItemsQuerySchema = SegmentQuerySchema.extend({ crossBy: CrossBySchema.optional() });
export type ItemsQuery = z.infer<typeof ItemsQuerySchema>;

const OptionStatSchema = z.object({
  code: z.string(),
  label: LocalizedTextSchema,
  count: z.number().int(),
  share: ShareSchema,
});

export const ItemStatSchema = z.object({
  /** Withheld: this population (a segment, or those a follow-up question was shown to) is too small. */
  suppressed: SuppressionSchema.nullable(),
  /** Respondents shown the question who answered it: the denominator of every share below. */
  population: z.number().int(),
  /** Respondents (submitted) the question was shown to, answered or not. */
  shown: z.number().int(),
  options: z.array(OptionStatSchema).optional(),
  /** Staged questions: agencies at this stage or beyond. */
  atLeastStage: z.array(OptionStatSchema).optional(),
  /** Reason questions: the original "other" texts with their analyst coding. */
  otherTexts: z
    .array(z.object({ text: z.string(), codedCategory: z.string().nullable(), count: z.number().int() }))
    .optional(),
  summary: z
    .object({
      n: z.number().int(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
      q1: z.number().nullable(),
      q3: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      /**
       * Minimum and maximum are each one agency's own answer, whatever the segment's size: withheld
       * (null) from agency users and from published tables under the disclosure policy.
       */
      extremesWithheld: z.boolean().optional(),
    })
    .optional(),
  rows: z
    .array(z.object({ code: z.string(), label: LocalizedTextSchema, options: z.array(OptionStatSchema) }))
    .optional(),
});
export type ItemStat = z.infer<typeof ItemStatSchema>;

export const ItemStatisticsSchema = z.object({
  cycleId: z.number().int(),
  questionCode: z.string(),
  /** A question type, or 'derived' for a derived indicator of the framework. */
  type: z.string(),
  text: LocalizedTextSchema,
  /** Derived indicators: who the figure is about (its own denominator). */
  populationLabel: LocalizedTextSchema.optional(),
  segment: SegmentQuerySchema,
  /** The whole segment is withheld (then `overall` is withheld too and `segments` empty). */
  suppressed: SuppressionSchema.nullable(),
  /** Submitted responses in the segment whose track has the question. */
  respondents: z.number().int(),
  overall: ItemStatSchema,
  crossBy: CrossBySchema.nullable(),
  segments: z.array(z.object({ value: z.string(), stat: ItemStatSchema })).nullable(),
});
export type ItemStatistics = z.infer<typeof ItemStatisticsSchema>;

export const IndicatorStatisticsSchema = z.object({
  cycleId: z.number().int(),
  code: z.string(),
  label: LocalizedTextSchema,
  populationLabel: LocalizedTextSchema,
  segment: SegmentQuerySchema,
  suppressed: SuppressionSchema.nullable(),
  share: ShareSchema,
  crossBy: CrossBySchema.nullable(),
  segments: z
    .array(z.object({ value: z.string(), suppressed: SuppressionSchema.nullable(), share: ShareSchema }))
    .nullable(),
});
export type IndicatorStatistics = z.infer<typeof IndicatorStatisticsSchema>;

export const AgencyListQuerySchema = SegmentQuerySchema.extend({
  basis: BasisSchema.default('verified'),
  /** Omit for the overall level. */
  pillar: z.string().max(10).optional(),
  level: z.coerce.number().int().min(1).max(5),
  /** 'eq' lists the bar's agencies; 'gte' those at the level or above. */
  match: z.enum(['eq', 'gte']).default('eq'),
});

export const AgencyListSchema = z.object({
  cycleId: z.number().int(),
  pillar: z.string().nullable(),
  level: z.number().int(),
  agencies: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: LocalizedTextSchema,
      track: TrackSchema,
      orgType: z.string().nullable(),
      role: z.string().nullable(),
      ministryCode: z.string().nullable(),
      region: z.string().nullable(),
      level: z.number().int().nullable(),
      responseId: z.number().int(),
    }),
  ),
});
