import { z } from 'zod';
import { StoredTextSchema } from './common';
import { FrameworkSchema } from './framework';
import { CycleSummarySchema } from './questionnaire';

/** Route schemas of framework administration, the cycle's framework, and historical imports. */

export const FrameworkListItemSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  year: z.number().int(),
  title: StoredTextSchema,
  hash: z.string(),
  frozen: z.boolean(),
  createdAt: z.string(),
  pillars: z.number().int(),
  questions: z.object({ department: z.number().int(), province: z.number().int(), total: z.number().int() }),
});
export type FrameworkListItem = z.infer<typeof FrameworkListItemSchema>;
export const FrameworkListSchema = z.array(FrameworkListItemSchema);

export const FrameworkDetailSchema = z.object({
  id: z.number().int(),
  framework: FrameworkSchema,
  hash: z.string(),
  frozen: z.boolean(),
});
export type FrameworkDetail = z.infer<typeof FrameworkDetailSchema>;

/** The document is validated by the import itself (JSON body or multipart file), with issues listed. */
export const FrameworkImportBodySchema = z.unknown();
export const FrameworkImportResultSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  hash: z.string(),
  changed: z.boolean(),
});
export type FrameworkImportResult = z.infer<typeof FrameworkImportResultSchema>;

/** GET /api/cycles/:cycleId/framework. */
export const CycleFrameworkSchema = z.object({ framework: FrameworkSchema, hash: z.string() });
export type CycleFramework = z.infer<typeof CycleFrameworkSchema>;

/** Historical answer import (/api/admin/cycles/:cycleId/import). */
export const ImportSummarySchema = z.object({
  format: z.enum(['long', 'wide']),
  agencies: z.number().int(),
  answers: z.number().int(),
  created: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
export const ImportReportParamsSchema = z.object({ reportId: z.string().max(64) });

export const CycleSummaryListSchema = z.array(CycleSummarySchema);

/** One rejected cell of an import (the 422 error's details list these). */
export const ImportIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  agencyCode: z.string().nullable(),
  questionCode: z.string().nullable(),
  reason: z.string(),
  message: z.string(),
  messages: StoredTextSchema,
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;
