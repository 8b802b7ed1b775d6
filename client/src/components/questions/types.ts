import type { AnswerValue } from '@dg/shared/schemas/answer';
import type { Question } from '@dg/shared/schemas/framework';
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Lang } from './question-state';

/** What every type renderer receives. Group types label themselves by the fieldset legend. */
export interface InputProps {
  question: Question;
  value: AnswerValue | null;
  onChange(value: AnswerValue | null): void;
  onBlur?(): void;
  lang: Lang;
  disabled?: boolean;
  /** Element ids of the help text and the error, for aria-describedby. */
  describedBy?: string;
  /** Id of the legend, for aria-labelledby on group roles. */
  labelledBy: string;
  invalid?: boolean;
  /** For single-input types (number, text, date ...): the visible label, description and error. */
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  inputId: string;
  /**
   * Text, long text, number and percentage only: an uncontrolled input registered with
   * react-hook-form. The DOM holds the text, so typing re-renders nothing; `value` and
   * `onChange` are then ignored (the registration reports changes).
   */
  register?: UseFormRegisterReturn;
}
