import { z } from 'zod';
import { FrameworkSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

/** One problem of an imported framework workbook, named by its cell. */
export const WorkbookIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  columnKey: z.string().nullable(),
  code: z.string(),
  pathText: z.string(),
  message: z.string(),
  messageTh: z.string(),
});
export type WorkbookIssueDto = z.infer<typeof WorkbookIssueSchema>;

/** Every import (JSON, workbook) and copy answers alike: one schema, defined beside the JSON import. */
export { type FrameworkImportResult, FrameworkImportResultSchema } from './frameworks-routes';

export const FrameworkIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2147483647) });

/** Start next year's draft from a framework. */
export const CopyFrameworkBodySchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{3,40}$/, 'Code is 3-40 upper-case letters, digits or dashes'),
    year: z.number().int().min(2000).max(2100),
    title: LocalizedTextSchema.optional(),
  })
  .strict();
export type CopyFrameworkBody = z.infer<typeof CopyFrameworkBodySchema>;

export const FrameworkChangeItemSchema = z.object({
  code: z.string(),
  pillar: z.string(),
  text: LocalizedTextSchema,
  /** For a changed item: which of its members differ (e.g. text, options, showIf; level, when). */
  fields: z.array(z.string()),
});
export type FrameworkChangeItem = z.infer<typeof FrameworkChangeItemSchema>;

const ChangeListSchema = z.object({
  added: z.array(FrameworkChangeItemSchema),
  removed: z.array(FrameworkChangeItemSchema),
  changed: z.array(FrameworkChangeItemSchema),
});

export const FrameworkChangesSchema = z.object({
  previousCode: z.string(),
  code: z.string(),
  pillars: z.array(
    z.object({
      key: z.string(),
      name: LocalizedTextSchema,
      previousKey: z.string().nullable(),
      status: z.enum(['continued', 'redefined', 'new']),
    }),
  ),
  droppedPillars: z.array(z.object({ key: z.string(), name: LocalizedTextSchema })),
  questions: ChangeListSchema,
  criteria: ChangeListSchema,
});
export type FrameworkChanges = z.infer<typeof FrameworkChangesSchema>;

/** A draft as the editor loads it; `hash` is also the ETag to send back as If-Match. */
export const FrameworkDraftSchema = z.object({
  id: z.number().int(),
  hash: z.string(),
  frozen: z.boolean(),
  framework: FrameworkSchema,
  previous: FrameworkSchema.nullable(),
});
export type FrameworkDraft = z.infer<typeof FrameworkDraftSchema>;

/** The editor's save: the whole document (validated on the server like an import). */
export const SaveDraftBodySchema = z.object({ framework: z.unknown() });
/** A draft is saved only against the version the editor loaded (its ETag), so two editors cannot overwrite each other. */
export const SaveDraftHeadersSchema = z.object({ 'if-match': z.string().min(1).max(200) });

export const SaveDraftResultSchema = z.object({ id: z.number().int(), hash: z.string(), changed: z.boolean() });
export type SaveDraftResult = z.infer<typeof SaveDraftResultSchema>;
