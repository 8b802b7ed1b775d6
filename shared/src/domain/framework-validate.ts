import type { Framework } from '../schemas/framework';
import { FrameworkSchema } from '../schemas/framework';
import { checkCriterionLabels } from './framework-criterion-labels';
import { type AddIssue, type FrameworkIssue, issue } from './framework-issue';
import { checkCondition, checkCycles } from './framework-validate-conditions';
import { checkContinuity } from './framework-validate-continuity';
import { derivedIndicatorIssues } from './framework-validate-derived';
import { checkQuestionShape } from './framework-validate-questions';
import { schemaIssues } from './framework-validate-schema';
import { scoringRules } from './framework-validate-scoring';
import { indexFramework } from './framework-validate-structure';

// The validator's entry: it composes the rule files (structure, questions, conditions, scoring,
// derived indicators, criterion labels, continuity). A new rule goes in a file of its own and
// gets one line in semanticIssues below.
export { type FrameworkIssue, type FrameworkPath, formatPath } from './framework-issue';
export { stableStringify } from './framework-stable-json';

export type FrameworkValidation = { ok: true; framework: Framework } | { ok: false; issues: FrameworkIssue[] };

export interface ValidateFrameworkOptions {
  /** The framework this one continues; enables the previousKey / previousCode checks. */
  previous?: Framework;
  /** A document accepted earlier: rules for authoring added since (criterion names) are not re-applied. */
  stored?: boolean;
}

/**
 * Validates a framework in two passes: the zod schema first (shape), then the semantic rules
 * the schema cannot express (uniqueness, references, ordering, level coverage). Semantic rules
 * run only on a schema-valid framework, because they rely on its parsed defaults.
 */
export function validateFramework(input: unknown, opts: ValidateFrameworkOptions = {}): FrameworkValidation {
  // reportInput: tells a missing member from one of the wrong type, for the Thai message.
  const parsed = FrameworkSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error.issues) };
  const framework = parsed.data;
  const issues = semanticIssues(framework, opts);
  return issues.length === 0 ? { ok: true, framework } : { ok: false, issues };
}

function semanticIssues(fw: Framework, opts: ValidateFrameworkOptions): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const add: AddIssue = (path, code, message, messageTh) => issues.push(issue(path, code, message, messageTh));

  const index = indexFramework(fw, add);
  for (const entry of index.ordered) checkQuestionShape(entry, add);

  // One pass over the questions in document order, so each question's issues stay together.
  const scoring = scoringRules(index, add);
  const dependsOn = new Map<string, Set<string>>();
  for (const entry of index.ordered) {
    scoring.checkQuestion(entry);
    const { showIf, code } = entry.question;
    if (showIf !== undefined)
      dependsOn.set(code, checkCondition(showIf, [...entry.path, 'showIf'], entry, index.questions, 'showIf', add));
  }

  checkCycles(index.ordered, dependsOn, add);
  issues.push(...derivedIndicatorIssues(fw));
  if (!opts.stored) checkCriterionLabels(fw, add);
  scoring.checkLevelCoverage(fw);
  if (opts.previous !== undefined) checkContinuity(fw, opts.previous, add);

  return issues;
}
