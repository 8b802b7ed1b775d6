import { z } from 'zod';
import { ShareSchema, SuppressionSchema } from './analytics';
import { LevelSchema, QuestionCodeSchema, TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

/** National targets: what a national plan says a survey figure should reach, per cycle. */

export const TargetCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Target code must be UPPER_SNAKE');

/** The figure a target is about: a share of agencies at a level or above, or a derived indicator's headline. */
export const TargetIndicatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level_at_least'), level: LevelSchema, track: TrackSchema.nullable() }).strict(),
  z.object({ kind: z.literal('derived'), code: QuestionCodeSchema, track: TrackSchema.nullable() }).strict(),
]);
export type TargetIndicator = z.infer<typeof TargetIndicatorSchema>;

export const TargetComparisonSchema = z.enum(['gte', 'lte']);

export const NationalTargetInputSchema = z
  .object({
    label: LocalizedTextSchema,
    indicator: TargetIndicatorSchema,
    comparison: TargetComparisonSchema,
    /** Percent of the indicator's population, 0..100. */
    targetPercent: z.number().min(0).max(100),
    /** The plan or strategy that sets the target. */
    source: LocalizedTextSchema,
    /** The fiscal year (Gregorian, shown in B.E.) the plan sets the target for; null when none is stated. */
    targetYear: z
      .number()
      .int('Target year must be a whole year')
      .min(2017, 'Target year must be 2017 (B.E. 2560) or later')
      .max(2100, 'Target year must be 2100 (B.E. 2643) or earlier')
      .nullable()
      .optional(),
  })
  .strict();
export type NationalTargetInput = z.infer<typeof NationalTargetInputSchema>;

export const NationalTargetSchema = NationalTargetInputSchema.extend({
  targetYear: z.number().int().nullable(),
  cycleId: z.number().int(),
  code: TargetCodeSchema,
  updatedAt: z.string(),
});
export type NationalTarget = z.infer<typeof NationalTargetSchema>;

export const NationalTargetListSchema = z.object({ cycleId: z.number().int(), targets: z.array(NationalTargetSchema) });
export type NationalTargetList = z.infer<typeof NationalTargetListSchema>;

export const TargetParamsSchema = z.object({
  cycleId: z.coerce.number().int().positive().max(2147483647),
  code: TargetCodeSchema,
});

/** An agency one criterion short of the next level in some pillar, at the level just below the target's. */
export const NearAgencySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: LocalizedTextSchema,
  level: z.number().int().nullable(),
  /** Pillars where a single criterion stands between the agency and the pillar's next level. */
  pillars: z.array(z.object({ key: z.string(), targetLevel: z.number().int(), action: LocalizedTextSchema })),
});

export const TargetPointSchema = z.object({
  cycleId: z.number().int(),
  fiscalYear: z.number().int(),
  targetPercent: z.number(),
  comparison: TargetComparisonSchema,
  suppressed: SuppressionSchema.nullable(),
  /** Null for a withheld figure. */
  actual: ShareSchema.nullable(),
  met: z.boolean().nullable(),
});

export const TargetSeriesSchema = z.object({
  code: z.string(),
  label: LocalizedTextSchema,
  indicator: TargetIndicatorSchema,
  source: LocalizedTextSchema,
  /** The fiscal year (Gregorian) the latest cycle's plan sets the target for; null when none is stated. */
  targetYear: z.number().int().nullable(),
  points: z.array(TargetPointSchema),
  /** Staff only (null for agency users): the agencies of the latest cycle that would move the figure most. */
  nearest: z.array(NearAgencySchema).nullable(),
});
export type TargetSeries = z.infer<typeof TargetSeriesSchema>;

export const TargetOverviewSchema = z.object({ series: z.array(TargetSeriesSchema) });
export type TargetOverview = z.infer<typeof TargetOverviewSchema>;
