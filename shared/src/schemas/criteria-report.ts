import { z } from 'zod';
import { PillarKeySchema } from './framework';
import { LocalizedTextSchema } from './i18n';
import { CriterionResultSchema } from './result';

/**
 * An agency's criteria as its results screen, PDF and XLSX list them: by pillar and indicator,
 * each named by what it means, with the answer that met or missed it and the action that meets it.
 */
export const CriterionLineSchema = CriterionResultSchema.extend({
  question: LocalizedTextSchema,
  /** The agency's answer as text; null when the question has no answer. */
  answer: LocalizedTextSchema.nullable(),
  /** Part of the plan to reach the pillar's next level. */
  inNextLevel: z.boolean(),
}).strict();
export type CriterionLine = z.infer<typeof CriterionLineSchema>;

export const IndicatorCriteriaSchema = z
  .object({ code: z.string(), name: LocalizedTextSchema, criteria: z.array(CriterionLineSchema) })
  .strict();
export type IndicatorCriteria = z.infer<typeof IndicatorCriteriaSchema>;

export const PillarCriteriaSchema = z
  .object({
    key: PillarKeySchema,
    number: z.number().int(),
    name: LocalizedTextSchema,
    indicators: z.array(IndicatorCriteriaSchema),
  })
  .strict();
export type PillarCriteria = z.infer<typeof PillarCriteriaSchema>;
