import { z } from 'zod';
import { ReportJobSchema } from './report';

/** The national report (server/src/modules/national-report): built as a background job, PDF and DOCX, Thai and English. */

export const NationalReportFormatSchema = z.enum(['pdf', 'docx']);
export type NationalReportFormat = z.infer<typeof NationalReportFormatSchema>;
export const NationalReportLangSchema = z.enum(['th', 'en']);
export type NationalReportLang = z.infer<typeof NationalReportLangSchema>;

export const NationalReportFileQuerySchema = z
  .object({
    format: NationalReportFormatSchema.default('pdf'),
    lang: NationalReportLangSchema.default('th'),
  })
  .strict();
export type NationalReportFileQuery = z.infer<typeof NationalReportFileQuerySchema>;

/** The public address takes the Buddhist-Era fiscal year (2566), as printed on DGA's documents and QR codes. */
export const PublicCycleYearParamsSchema = z.object({ year: z.coerce.number().int().min(2500).max(2700) }).strict();

export const NationalReportFileSchema = z
  .object({ format: NationalReportFormatSchema, lang: NationalReportLangSchema, url: z.string() })
  .strict();

/** The cycle's report builds: the latest job (running or not) and the files of the latest finished one. */
export const NationalReportStatusSchema = z
  .object({
    cycleId: z.number().int(),
    /** Whether the report may be built: the cycle is closed or published. */
    buildable: z.boolean(),
    latestJob: ReportJobSchema.nullable(),
    /** When the files below were built (ISO), null when never. */
    builtAt: z.string().nullable(),
    files: z.array(NationalReportFileSchema),
  })
  .strict();
export type NationalReportStatus = z.infer<typeof NationalReportStatusSchema>;
