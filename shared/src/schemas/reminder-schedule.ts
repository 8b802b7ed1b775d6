import { z } from 'zod';

/** Cancelling a scheduled sending of reminders before it goes. */
export const ReminderCancelParamsSchema = z.object({
  cycleId: z.coerce.number().int().positive(),
  jobId: z.uuid(),
});

export const ReminderCancelledSchema = z.object({
  /** Reminders of the sending that will now never be mailed. */
  cancelled: z.number().int(),
});
export type ReminderCancelled = z.infer<typeof ReminderCancelledSchema>;
