import { z } from 'zod';
import { StoredAnswerSchema } from './questionnaire';

/** Who else has the questionnaire open, and on which pillar. */
export const CoEditorSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  pillarKey: z.string().nullable(),
  seenAt: z.string(),
});
export type CoEditor = z.infer<typeof CoEditorSchema>;

/** A single-purpose credential for opening one response's event stream (EventSource sends no headers). */
export const StreamTicketSchema = z.object({
  ticket: z.string(),
  expiresInSeconds: z.number().int(),
});
export type StreamTicket = z.infer<typeof StreamTicketSchema>;

export const StreamTicketParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2147483647) });
export const StreamQuerySchema = z.object({
  ticket: z.string().min(1).max(512),
  /** The pillar the reader is on, shown to the others. */
  pillar: z.string().max(20).optional(),
});

/** `event: answers`: answers others saved (revisions dedupe). */
export const AnswersEventSchema = z.object({ answers: z.array(StoredAnswerSchema) });
/** `event: presence`: everyone else with the response open now. */
export const PresenceEventSchema = z.object({ others: z.array(CoEditorSchema) });
/** `event: stale`: something may have been missed (a lost listener, a change too large to push): read /changes. */
export const StaleEventSchema = z.object({});
