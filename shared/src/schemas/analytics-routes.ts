import { z } from 'zod';
import { CycleParamsSchema, ItemsQuerySchema, LevelsQuerySchema, SegmentQuerySchema } from './analytics';
import { BasisSchema } from './result';

/** Path and query schemas of the analytics routes that analytics.ts does not hold. */

const Code = z.string().regex(/^[A-Z][A-Z0-9_]{0,59}$/);
export const ItemParamsSchema = CycleParamsSchema.extend({ questionCode: Code });
export const IndicatorParamsSchema = CycleParamsSchema.extend({ indicatorCode: Code });

export const YearOverYearQuerySchema = SegmentQuerySchema.extend({
  basis: BasisSchema.default('verified'),
  atLeast: z.coerce.number().int().min(1).max(5).default(3),
});
export type YearOverYearQuery = z.input<typeof YearOverYearQuerySchema>;

/**
 * The reader's language for an export's file name: the B.E. year in Thai (levels-2566.csv), the
 * C.E. year in English (levels-2023.csv), the same on every export route.
 */
export const FileLangSchema = z.enum(['th', 'en']).default('th');
export const FileLangQuerySchema = z.object({ lang: FileLangSchema });
export const OpenDataQuerySchema = z.object({
  maintainer: z.string().trim().min(1).max(200).optional(),
  maintainerEmail: z.email().max(200).optional(),
  lang: FileLangSchema,
});
export const LevelsExportQuerySchema = LevelsQuerySchema.extend({ lang: FileLangSchema });
export const ItemsExportQuerySchema = ItemsQuerySchema.extend({ lang: FileLangSchema });
export const YearOverYearExportQuerySchema = YearOverYearQuerySchema.extend({ lang: FileLangSchema });
