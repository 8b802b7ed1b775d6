import { z } from 'zod';
import { GridPagingSchema, gridPageSchema, sortSchema } from './data-grid';
import { TrackSchema } from './framework';
import { NotSubmittedSchema } from './monitoring';

/** The monitoring board's "not submitted" list as a data grid: paged, sorted and filtered on the server. */

export const NOT_SUBMITTED_SORTS = ['code', 'progress', 'lastActivity', 'deadline'] as const;

export const NotSubmittedQuerySchema = GridPagingSchema.extend({
  sort: sortSchema(NOT_SUBMITTED_SORTS, 'code:asc'),
  status: z.enum(['not_started', 'in_progress', 'returned']).optional(),
  track: TrackSchema.optional(),
});
export type NotSubmittedQuery = z.infer<typeof NotSubmittedQuerySchema>;

export const NotSubmittedPageSchema = gridPageSchema(NotSubmittedSchema);
export type NotSubmittedPage = z.infer<typeof NotSubmittedPageSchema>;
