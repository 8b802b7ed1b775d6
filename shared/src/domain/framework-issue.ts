import type { Question } from '../schemas/framework';

/** Where in a framework document: keys and array indices, e.g. ['pillars', 2, 'indicators', 0]. */
export type FrameworkPath = (string | number)[];

export interface FrameworkIssue {
  path: FrameworkPath;
  /** e.g. `pillars[2].indicators[0].questions[3].showIf` */
  pathText: string;
  code: string;
  /** English; API clients and tests match on it, so its wording is kept stable. */
  message: string;
  /** The same problem in Thai, for the admin UI. */
  messageTh: string;
}

/** How every rule file reports: the path, a stable code and the message in both languages. */
export type AddIssue = (path: FrameworkPath, code: string, message: string, messageTh: string) => void;

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function issue(path: FrameworkPath, code: string, message: string, messageTh: string): FrameworkIssue {
  return { path, pathText: formatPath(path), code, message, messageTh };
}

/** A question with where it sits; the rule files share this index of the framework. */
export interface QuestionEntry {
  question: Question;
  path: FrameworkPath;
  /** Position in document order across the whole framework. */
  index: number;
}

export function describeQuestion(entry: QuestionEntry): string {
  return `question ${entry.question.code} (${formatPath(entry.path)})`;
}

export function describeQuestionTh(entry: QuestionEntry): string {
  return `คำถาม ${entry.question.code} (${formatPath(entry.path)})`;
}
