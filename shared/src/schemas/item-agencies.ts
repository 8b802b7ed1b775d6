import { z } from 'zod';
import { ItemsQuerySchema } from './analytics';
import { TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

/**
 * Drill-down of the fact-finding explorer (staff only): the agencies counted in one cell of a
 * question's or derived indicator's table, i.e. one option (category) overall or in one segment.
 */
export const ItemAgenciesQuerySchema = ItemsQuerySchema.extend({
  /** The option or category code of the cell. */
  option: z.string().min(1).max(80),
  /** With crossBy: the segment value of the cell's row ('(none)' for agencies without one). */
  segment: z.string().min(1).max(120).optional(),
});
export type ItemAgenciesQuery = z.infer<typeof ItemAgenciesQuerySchema>;

export const ItemAgencySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: LocalizedTextSchema,
  track: TrackSchema,
  /** The agency's ministry by name (null for provinces and agencies outside a ministry). */
  ministry: LocalizedTextSchema.nullable(),
  /** The province a province-level agency answers for (null for department-level agencies). */
  province: LocalizedTextSchema.nullable(),
  region: z.string().nullable(),
});
export type ItemAgency = z.infer<typeof ItemAgencySchema>;

export const ItemAgenciesSchema = z.object({
  cycleId: z.number().int(),
  code: z.string(),
  option: z.string(),
  segment: z.string().nullable(),
  agencies: z.array(ItemAgencySchema),
});
export type ItemAgencies = z.infer<typeof ItemAgenciesSchema>;
