import { z } from 'zod';

/**
 * Answer values by question type:
 * single / yes_no ('yes'|'no') / staged: option code; multiple: option codes;
 * number / percentage: number; text / long_text / date (YYYY-MM-DD): string;
 * reason: { choice, other? }; matrix: { rowCode: optionCode }.
 */
export const ReasonValueSchema = z
  .object({ choice: z.string().min(1), other: z.string().max(2000).optional() })
  .strict();
export const AnswerValueSchema = z.union([
  z.string().max(20000),
  z.number().finite(),
  z.array(z.string().max(100)).max(200),
  ReasonValueSchema,
  z.record(z.string().max(100), z.string().max(100)),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const NotApplicableSchema = z.object({ justification: z.string().trim().min(5).max(2000) }).strict();

export const VerificationStateSchema = z.enum(['self_reported', 'verified', 'rejected']);
export type VerificationState = z.infer<typeof VerificationStateSchema>;

/** What the engine reads for one question. `value` absent means unanswered. */
export const EngineAnswerSchema = z.object({
  value: AnswerValueSchema.nullable().optional(),
  notApplicable: NotApplicableSchema.optional(),
  verification: VerificationStateSchema.default('self_reported'),
});
export type EngineAnswer = z.input<typeof EngineAnswerSchema>;
export type AnswerMap = Record<string, EngineAnswer>;
