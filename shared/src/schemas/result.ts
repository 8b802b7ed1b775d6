import { z } from 'zod';
import { LevelSchema, OverallMethodSchema, PillarKeySchema, ScoringModeSchema, TrackSchema } from './framework';
import { LocalizedTextSchema } from './i18n';

/** The maturity engine's output, stored per submission and basis and returned as is by the API. */

export const BasisSchema = z.enum(['self', 'verified']);
export type Basis = z.infer<typeof BasisSchema>;

/**
 * met / not_met (incl. a question hidden by showIf) / not_applicable (leaves numerator and
 * denominator) / unanswered (counts as not met) / rejected (verified basis: counts as not met).
 */
export const CriterionStateSchema = z.enum(['met', 'not_met', 'not_applicable', 'unanswered', 'rejected']);
export type CriterionState = z.infer<typeof CriterionStateSchema>;

export const CompletenessSchema = z
  .object({
    /** Visible required questions answered (a value or a justified "not applicable"). */
    answered: z.number().int().min(0),
    /** Visible required questions. */
    required: z.number().int().min(0),
    /** answered / required, unrounded; 1 when nothing is required. */
    share: z.number().min(0).max(1),
  })
  .strict();
export type Completeness = z.infer<typeof CompletenessSchema>;

export const CriterionResultSchema = z
  .object({
    id: z.string(),
    questionCode: z.string(),
    level: LevelSchema,
    required: z.boolean(),
    weight: z.number().positive(),
    state: CriterionStateSchema,
    /** The question was hidden by showIf (state is then not_met). */
    hidden: z.boolean(),
    /** The criterion's one name (shared/src/domain/criterion-label.ts). */
    label: LocalizedTextSchema,
    /** What to do to meet the criterion. */
    action: LocalizedTextSchema,
  })
  .strict();
export type CriterionResult = z.infer<typeof CriterionResultSchema>;

export const NextLevelActionSchema = z
  .object({
    criterionId: z.string(),
    questionCode: z.string(),
    level: LevelSchema,
    required: z.boolean(),
    weight: z.number().positive(),
    action: LocalizedTextSchema,
  })
  .strict();
export type NextLevelAction = z.infer<typeof NextLevelActionSchema>;

export const NextLevelSchema = z
  .object({
    targetLevel: LevelSchema,
    targetLevelName: LocalizedTextSchema,
    /** Ordered: lowest level first. */
    actions: z.array(NextLevelActionSchema),
    /** Score/hybrid: the cut point of the target level and the points still missing (0 when reached). */
    targetScore: z.number().nullable(),
    pointsNeeded: z.number().min(0).nullable(),
    summary: LocalizedTextSchema,
  })
  .strict();
export type NextLevel = z.infer<typeof NextLevelSchema>;

export const PillarResultSchema = z
  .object({
    key: PillarKeySchema,
    number: z.number().int(),
    name: LocalizedTextSchema,
    mode: ScoringModeSchema,
    status: z.enum(['assessed', 'not_assessable']),
    level: LevelSchema.nullable(),
    levelName: LocalizedTextSchema.nullable(),
    /** Staged gate level (staged/hybrid) and score level (score/hybrid), so a hybrid result shows what limited it. */
    stagedLevel: LevelSchema.nullable(),
    scoreLevel: LevelSchema.nullable(),
    /** 100 * met weight / applicable weight, rounded half up to 2 decimals; null when not assessable. */
    score: z.number().min(0).max(100).nullable(),
    metWeight: z.number().min(0),
    applicableWeight: z.number().min(0),
    totalWeight: z.number().min(0),
    /** applicableWeight / totalWeight, unrounded (0 when the pillar has no criteria). */
    applicableShare: z.number().min(0).max(1),
    completeness: CompletenessSchema,
    criteria: z.array(CriterionResultSchema),
    nextLevel: NextLevelSchema.nullable(),
  })
  .strict();
export type PillarResult = z.infer<typeof PillarResultSchema>;

export const ResultSchema = z
  .object({
    engineVersion: z.string(),
    frameworkCode: z.string(),
    frameworkHash: z.string(),
    basis: BasisSchema,
    track: TrackSchema,
    overall: z
      .object({
        method: OverallMethodSchema,
        level: LevelSchema.nullable(),
        levelName: LocalizedTextSchema.nullable(),
        assessedPillars: z.number().int().min(0),
        totalPillars: z.number().int().min(0),
      })
      .strict(),
    completeness: CompletenessSchema,
    pillars: z.array(PillarResultSchema),
  })
  .strict();
export type Result = z.infer<typeof ResultSchema>;
