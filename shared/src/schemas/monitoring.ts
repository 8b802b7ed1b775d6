import { z } from 'zod';
import { ResponseRatesSchema } from './analytics';
import { TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

/** Response monitoring board: rates, the daily trend and the agencies still to chase. */

export const TrendPointSchema = z.object({
  /** Asia/Bangkok calendar date, YYYY-MM-DD. */
  date: z.string(),
  /** Cumulative responses started by the end of that day. */
  started: z.number().int(),
  /** Cumulative responses submitted (now submitted or verified) by the end of that day. */
  submitted: z.number().int(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const NotSubmittedSchema = z.object({
  agencyId: z.number().int(),
  responseId: z.number().int().nullable(),
  code: z.string(),
  name: LocalizedTextSchema,
  track: TrackSchema,
  ministry: z.object({ code: z.string(), name: LocalizedTextSchema }).nullable(),
  status: z.enum(['not_started', 'in_progress', 'returned']),
  /** Visible required questions answered (a value, or "not applicable"). */
  answered: z.number().int(),
  /** Visible required questions, given the answers so far (show-if logic applied). */
  required: z.number().int(),
  /** answered / required as a percent, two decimals half up; null when nothing is required. */
  progress: z.number().nullable(),
  lastActivityAt: z.string().nullable(),
  /** The agency's deadline override, else the cycle's closing time. */
  deadline: z.string().nullable(),
  deadlineOverridden: z.boolean(),
});
export type NotSubmitted = z.infer<typeof NotSubmittedSchema>;

export const MonitoringBoardSchema = z.object({
  cycle: z.object({
    id: z.number().int(),
    fiscalYear: z.number().int(),
    name: LocalizedTextSchema,
    status: z.string(),
    closesAt: z.string().nullable(),
  }),
  rates: ResponseRatesSchema,
  trend: z.array(TrendPointSchema),
  notSubmitted: z.array(NotSubmittedSchema),
  generatedAt: z.string(),
});
export type MonitoringBoard = z.infer<typeof MonitoringBoardSchema>;
