import { z } from 'zod';
import { CycleParamsSchema, SegmentQuerySchema } from './analytics';
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

export const OpenDataQuerySchema = z.object({
  maintainer: z.string().trim().min(1).max(200).optional(),
  maintainerEmail: z.email().max(200).optional(),
});
