import { z } from 'zod';
import { GridPagingSchema, gridPageSchema, sortSchema } from './data-grid';
import { TrackSchema } from './framework';
import { AGENCY_ROLES, AgencySummarySchema, ORG_TYPES } from './registry';

/** The registry as a data grid (/admin/agencies): a page at a time, sorted and filtered on the server. */

export const AGENCY_SORTS = ['code', 'name', 'ministry', 'updatedAt'] as const;
export const AGENCY_STATUSES = ['active', 'inactive', 'merged'] as const;

export const AgencyPageQuerySchema = GridPagingSchema.extend({
  sort: sortSchema(AGENCY_SORTS, 'code:asc'),
  track: TrackSchema.optional(),
  orgType: z.enum(ORG_TYPES).optional(),
  role: z.enum(AGENCY_ROLES).optional(),
  ministry: z.string().max(40).optional(),
  /** Active (not merged), inactive (not merged), or merged into another agency. */
  status: z.enum(AGENCY_STATUSES).optional(),
});
export type AgencyPageQuery = z.infer<typeof AgencyPageQuerySchema>;

export const AgencyPageSchema = gridPageSchema(AgencySummarySchema);
export type AgencyPage = z.infer<typeof AgencyPageSchema>;
