import { z } from 'zod';
import { IdSchema, StoredTextSchema } from './common';
import { TrackSchema } from './framework';
import { CycleStatusSchema } from './questionnaire';

/** Cycle administration (/api/admin/cycles): the analyst's and administrator's view of cycles. */

const IsoDateTime = z.iso.datetime({ offset: true });

export const AdminCycleSchema = z.object({
  id: z.number().int(),
  fiscalYear: z.number().int(),
  name: StoredTextSchema,
  status: CycleStatusSchema,
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Only the agency's CIO submits, with a declaration of accuracy. */
  signoffRequired: z.boolean(),
  counts: z.object({
    invited: z.number().int(),
    started: z.number().int(),
    submitted: z.number().int(),
    verified: z.number().int(),
  }),
});
export type AdminCycle = z.infer<typeof AdminCycleSchema>;
export const AdminCycleListSchema = z.array(AdminCycleSchema);

export const CycleCreateSchema = z
  .object({
    /** C.E. fiscal year (2023 for B.E. 2566). */
    fiscalYear: z.number().int().min(2000).max(2100),
    frameworkId: z.number().int().positive(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    nameTh: z.string().trim().min(1).max(300).optional(),
    nameEn: z.string().trim().min(1).max(300).optional(),
    /** New cycles require the CIO's sign-off unless DGA says otherwise. */
    signoffRequired: z.boolean().default(true),
    /** Which respondents are invited: departments, provinces or both (the default). */
    tracks: z.array(TrackSchema).min(1).max(2).default(['department', 'province']),
  })
  .strict();
/** Input: signoffRequired may be left out (it defaults to true). */
export type CycleCreate = z.input<typeof CycleCreateSchema>;

export const CyclePatchSchema = z
  .object({
    status: CycleStatusSchema.optional(),
    closesAt: IsoDateTime.optional(),
    signoffRequired: z.boolean().optional(),
  })
  .strict()
  .refine(
    (b) => b.status !== undefined || b.closesAt !== undefined || b.signoffRequired !== undefined,
    'Give a status, a closesAt or signoffRequired',
  );
export type CyclePatch = z.output<typeof CyclePatchSchema>;

export const RecomputeReportSchema = z.object({
  cycleId: z.number().int(),
  engineVersion: z.string(),
  frameworkHash: z.string(),
  examined: z.number().int(),
  recomputed: z.number().int(),
  changed: z.array(
    z.object({
      agencyId: z.number().int(),
      agencyCode: z.string(),
      agencyName: StoredTextSchema,
      before: z.object({ self: z.number().nullable(), verified: z.number().nullable() }),
      after: z.object({ self: z.number().nullable(), verified: z.number().nullable() }),
      pillars: z.array(z.object({ pillarKey: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
    }),
  ),
});
export type RecomputeReport = z.infer<typeof RecomputeReportSchema>;

export const CycleAgencyParamsSchema = z.object({ id: IdSchema, agencyId: IdSchema });
export const DeadlineOverrideBodySchema = z.object({ deadline: IsoDateTime.nullable() }).strict();
export const DeadlineOverrideSchema = z.object({
  cycleId: z.number().int(),
  agencyId: z.number().int(),
  deadline: z.string().nullable(),
});
export type DeadlineOverride = z.infer<typeof DeadlineOverrideSchema>;
