import { z } from 'zod';
import { AuditEntrySchema } from './users';

/** An audit entry as a person reads it: the actor's name, and the name of a user it concerns. */
export const AuditEntryViewSchema = AuditEntrySchema.extend({
  /** The actor's display name today (null for the system or an anonymised account). */
  actorName: z.string().nullable(),
  /** For entries about a user account: that user's display name. */
  entityName: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditPageSchema = z.object({ total: z.number(), entries: z.array(AuditEntryViewSchema) });
export type AuditPage = z.infer<typeof AuditPageSchema>;
