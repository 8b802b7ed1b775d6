import { z } from 'zod';
import { PillarCriteriaSchema } from './criteria-report';
import { LevelSchema, TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';
import { ResultSchema } from './result';

/** An agency's result dashboard: its result, benchmarks, year-over-year and what verification changed. */

export const ResultLabelSchema = z.enum(['official', 'preview']);
export type ResultLabel = z.infer<typeof ResultLabelSchema>;

export const PillarBenchmarkSchema = z
  .object({
    key: z.string(),
    number: z.number().int(),
    name: LocalizedTextSchema,
    /** Median verified level of the peer group / of all agencies of the track; null when nobody is assessed. */
    peerMedian: z.number().nullable(),
    nationalMedian: z.number().nullable(),
    /** The agency's level in the previous cycle for the pillar this one continues (framework previousKey). */
    previousLevel: LevelSchema.nullable(),
    previousKey: z.string().nullable(),
    changedFromPrevious: LocalizedTextSchema.nullable(),
  })
  .strict();
export type PillarBenchmark = z.infer<typeof PillarBenchmarkSchema>;

export const VerificationChangeSchema = z
  .object({
    pillarKey: z.string(),
    pillarName: LocalizedTextSchema,
    selfLevel: LevelSchema.nullable(),
    verifiedLevel: LevelSchema.nullable(),
    answers: z.array(
      z
        .object({
          questionCode: z.string(),
          question: LocalizedTextSchema,
          answer: LocalizedTextSchema,
          reason: z.string().nullable(),
          comment: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type VerificationChange = z.infer<typeof VerificationChangeSchema>;

export const FactFindingDiffSchema = z
  .object({
    questionCode: z.string(),
    question: LocalizedTextSchema,
    topics: z.array(z.string()),
    agencyAnswer: LocalizedTextSchema,
    peerModalAnswer: LocalizedTextSchema,
    /** Share (0..1) of the peer group's answers that are the modal answer. */
    peerModalShare: z.number().min(0).max(1),
    peerAnswered: z.number().int().min(0),
  })
  .strict();
export type FactFindingDiff = z.infer<typeof FactFindingDiffSchema>;

export const ResultsDashboardSchema = z
  .object({
    agency: z
      .object({
        id: z.number().int(),
        code: z.string(),
        name: LocalizedTextSchema,
        track: TrackSchema,
        orgType: z.string().nullable(),
        role: z.string().nullable(),
      })
      .strict(),
    cycle: z
      .object({
        id: z.number().int(),
        fiscalYear: z.number().int(),
        name: LocalizedTextSchema,
        status: z.enum(['draft', 'open', 'closed', 'published']),
        publishedAt: z.string().nullable(),
      })
      .strict(),
    /** True once the cycle is published: the verified result is the official one. */
    official: z.boolean(),
    label: ResultLabelSchema,
    snapshot: z.object({ id: z.string(), revision: z.number().int(), createdAt: z.string() }).strict(),
    /** The result the dashboard shows: verified when official (or to DGA staff), else the self-assessed preview. */
    basis: z.enum(['self', 'verified']),
    result: ResultSchema,
    selfAssessed: ResultSchema,
    /** Null for agency users before publication (verification is not final). */
    verified: ResultSchema.nullable(),
    peerGroup: z
      .object({
        description: LocalizedTextSchema,
        size: z.number().int().min(0),
      })
      .strict(),
    nationalSize: z.number().int().min(0),
    /** Null when the previous cycle has no published result for the agency. */
    previousCycle: z.object({ id: z.number().int(), fiscalYear: z.number().int() }).strict().nullable(),
    /** Per pillar; medians are null for agency users before publication (they use verified results). */
    benchmarks: z.array(PillarBenchmarkSchema),
    benchmarksAvailable: z.boolean(),
    verificationChanges: z.array(VerificationChangeSchema),
    factFinding: z.array(FactFindingDiffSchema),
    /** The shown result's criteria by pillar and indicator, named, with the agency's answers. */
    criteria: z.array(PillarCriteriaSchema),
  })
  .strict();
export type ResultsDashboard = z.infer<typeof ResultsDashboardSchema>;

/** What a background job does (server/src/modules/jobs). */
export const JobKindSchema = z.enum([
  'report-zip',
  'report-prerender',
  'open-data',
  'onboarding-invite',
  'raw-export-long',
  'raw-export-wide',
  'cycle-recompute',
  'national-report',
  'reminder-mail',
]);
export type JobKind = z.infer<typeof JobKindSchema>;

/**
 * A background job, readable from any app server: queued until a worker takes it, `done` of
 * `total` pieces (reports) while running, then a download or an error.
 */
export const ReportJobSchema = z
  .object({
    id: z.string(),
    kind: JobKindSchema,
    /** The cycle the job is about, when it is about one. */
    cycleId: z.number().int().optional(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
    error: z.string().optional(),
    downloadUrl: z.string().optional(),
    /** The name the download is saved under. */
    fileName: z.string().optional(),
    createdAt: z.string(),
  })
  .strict();
export type ReportJob = z.infer<typeof ReportJobSchema>;

export const ReportJobListSchema = z.object({ jobs: z.array(ReportJobSchema) }).strict();
export type ReportJobList = z.infer<typeof ReportJobListSchema>;

export const JobIdParamsSchema = z.object({ id: z.string().uuid() }).strict();
/** The reader's language for a job file's name: the cycle's B.E. year in Thai, C.E. in English (as built when absent). */
export const JobDownloadQuerySchema = z.object({ lang: z.enum(['th', 'en']).optional() });
export type JobDownloadQuery = z.infer<typeof JobDownloadQuerySchema>;

/**
 * Which reports a ZIP holds: every agency of the cycle, or the agencies listed (`agencies=12,40`:
 * a ministry's reports again after corrections, or a quick check of the pipeline).
 */
export const ReportZipQuerySchema = z
  .object({
    lang: z.enum(['th', 'en']).default('th'),
    agencies: z
      .string()
      .regex(/^\d{1,9}(,\d{1,9}){0,999}$/, 'a comma-separated list of up to 1,000 agency ids, e.g. 12,40')
      .transform((s) => [...new Set(s.split(',').map(Number))])
      .optional(),
  })
  .strict();
export type ReportZipQuery = z.infer<typeof ReportZipQuerySchema>;
