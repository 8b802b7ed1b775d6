import { z } from 'zod';
import { ItemsQuerySchema, LevelsSchema, ResponseRatesSchema, SegmentQuerySchema } from './analytics';
import { LocalizedTextSchema } from './i18n';
import { TargetSeriesSchema } from './targets';

/**
 * Public results of a published cycle (no sign-in): the national overview, the fact-finding
 * explorer and the downloads, all under the cycle's disclosure policy exactly as an agency user
 * reads them. Nothing here names or identifies an agency.
 */

/**
 * The year in a public address: Buddhist Era as printed in Thai (2566), or Common Era (2023).
 * Years from 2400 are read as B.E. (C.E. 2400 is centuries away, B.E. 2400 long past).
 */
export const PublicYearSchema = z.coerce.number().int().min(1900).max(2800);
export const PublicYearParamsSchema = z.object({ year: PublicYearSchema });
export const PublicItemParamsSchema = PublicYearParamsSchema.extend({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/),
});

/** C.E. fiscal year of a public address's year (B.E. 2566 and C.E. 2023 are the same cycle). */
export const fiscalYearOf = (year: number): number => (year >= 2400 ? year - 543 : year);

export const PublicCycleSchema = z.object({
  /** Common Era, as stored. */
  fiscalYear: z.number().int(),
  /** Buddhist Era: the year in the page's address (/public/2566). */
  yearBE: z.number().int(),
  name: LocalizedTextSchema,
  publishedAt: z.string().nullable(),
  /** The framework the cycle was answered on (method). */
  framework: z.object({ code: z.string(), name: LocalizedTextSchema }),
  /** Segments of fewer agencies than this are withheld (disclosure policy). */
  minSegmentSize: z.number().int(),
});
export type PublicCycle = z.infer<typeof PublicCycleSchema>;

export const PublicCycleListSchema = z.object({ cycles: z.array(PublicCycleSchema) });
export type PublicCycleList = z.infer<typeof PublicCycleListSchema>;

/** A national target's series without the staff-only list of agencies nearest to it. */
export const PublicTargetSchema = TargetSeriesSchema.omit({ nearest: true });
export type PublicTarget = z.infer<typeof PublicTargetSchema>;

export const PublicOverviewSchema = z.object({
  cycle: PublicCycleSchema,
  /** Response rates overall and by track (shares of invited agencies). */
  responseRates: ResponseRatesSchema.pick({ overall: true, byTrack: true }),
  /** Verified level distributions, overall and per pillar: all agencies, then each track. */
  levels: z.object({ all: LevelsSchema, byTrack: z.array(LevelsSchema) }),
  /** National targets with the actual figure of every published cycle. */
  targets: z.array(PublicTargetSchema),
});
export type PublicOverview = z.infer<typeof PublicOverviewSchema>;

/** What the fact-finding explorer offers: closed questions per pillar, and the derived indicators. */
export const PublicItemIndexSchema = z.object({
  cycle: PublicCycleSchema,
  pillars: z.array(
    z.object({
      key: z.string(),
      number: z.number().int(),
      name: LocalizedTextSchema,
      items: z.array(z.object({ code: z.string(), type: z.string(), text: LocalizedTextSchema })),
    }),
  ),
  indicators: z.array(z.object({ code: z.string(), label: LocalizedTextSchema, populationLabel: LocalizedTextSchema })),
});
export type PublicItemIndex = z.infer<typeof PublicItemIndexSchema>;

export const PublicLevelsQuerySchema = SegmentQuerySchema.extend({
  atLeast: z.coerce.number().int().min(1).max(5).default(3),
});
export const PublicItemsQuerySchema = ItemsQuerySchema;
