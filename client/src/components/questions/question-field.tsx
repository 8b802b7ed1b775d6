import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import type { Question } from '@dg/shared/schemas/framework';
import { Checkbox, Fieldset, Group, Paper, Stack, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { type ComponentType, memo, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MultipleInput, ReasonInput, SingleInput, StagedInput, YesNoInput } from './choice-inputs';
import { MatrixInput } from './matrix-input';
import { justificationOk, type Lang, type QuestionState } from './question-state';
import { DateAnswerInput, LongTextAnswerInput, NumberAnswerInput, TextAnswerInput } from './scalar-inputs';
import type { InputProps } from './types';

const GROUP_TYPES = new Set(['single', 'multiple', 'yes_no', 'staged', 'reason', 'matrix']);

const RENDERERS: Record<Question['type'], ComponentType<InputProps>> = {
  single: SingleInput,
  multiple: MultipleInput,
  yes_no: YesNoInput,
  staged: StagedInput,
  reason: ReasonInput,
  matrix: MatrixInput,
  number: NumberAnswerInput,
  percentage: NumberAnswerInput,
  text: TextAnswerInput,
  long_text: LongTextAnswerInput,
  date: DateAnswerInput,
};

export interface QuestionFieldProps {
  question: Question;
  state: QuestionState;
  onChange(next: QuestionState): void;
  onBlur?(): void;
  disabled?: boolean;
  /** An error from outside the value check (e.g. the server refused the save). */
  error?: string | null;
  /** Extra badges next to the code (comments, evidence, who edited). */
  badges?: ReactNode;
  /** Below the answer: evidence, comments. */
  children?: ReactNode;
  /** Text and number types: an uncontrolled input (see InputProps.register); `state.value` is then what it holds. */
  /** The question's code: for DGA staff (analysts, administrators), not for agencies. Default shown. */
  showCode?: boolean;
  register?: UseFormRegisterReturn;
}

/** Validation message of a value in the reader's language, from the shared rule the server also applies. */
export function answerError(question: Question, state: QuestionState, lang: Lang): string | null {
  if (state.na) return null;
  const check = validateAnswerValue(question, state.value);
  return check.ok ? null : check.message[lang];
}

/**
 * One question of any type: label or legend, required marker, help, the input,
 * the value check, and "not applicable" with its justification where allowed.
 * Controlled and framework-agnostic, so the admin preview reuses it as is.
 */
export const QuestionField = memo(function QuestionField({
  question,
  state,
  onChange,
  onBlur,
  disabled,
  error,
  badges,
  children,
  register,
  showCode = true,
}: QuestionFieldProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const code = question.code;
  const base = `q-${code}`;
  const legendId = `${base}-label`;
  const helpId = `${base}-help`;
  const errorId = `${base}-error`;
  const message = error ?? answerError(question, state, lang);
  const describedBy = [question.help ? helpId : null, message ? errorId : null].filter(Boolean).join(' ') || undefined;
  const Renderer = RENDERERS[question.type];
  const isGroup = GROUP_TYPES.has(question.type);
  const inputDisabled = disabled || state.na;
  const required = question.required;
  const requiredMark = required ? (
    <>
      <Text span c="red.8" aria-hidden>
        {' *'}
      </Text>
      <VisuallyHidden>({t('questionnaire.question.required')})</VisuallyHidden>
    </>
  ) : null;
  const justificationError =
    state.na && !justificationOk(state) && state.justification.length > 0
      ? t('questionnaire.question.naJustificationError')
      : undefined;

  const input = (
    <Renderer
      question={question}
      value={state.value}
      onChange={(value) => onChange({ ...state, value })}
      onBlur={onBlur}
      lang={lang}
      disabled={inputDisabled}
      describedBy={describedBy}
      labelledBy={legendId}
      invalid={Boolean(message)}
      label={<span id={legendId}>{question.text[lang]}</span>}
      description={question.help?.[lang]}
      error={message ?? undefined}
      required={required}
      inputId={`${base}-input`}
      register={register}
    />
  );

  return (
    <Paper id={base} withBorder p="lg" radius="md" tabIndex={-1} data-question={code}>
      <Stack gap="md">
        {(showCode || badges) && (
          <Group justify="space-between" gap="xs">
            {showCode ? (
              <Text size="xs" c="dimmed" ff="monospace">
                {code}
              </Text>
            ) : (
              <span />
            )}
            {badges && <Group gap={6}>{badges}</Group>}
          </Group>
        )}
        {isGroup ? (
          <Fieldset
            variant="unstyled"
            p={0}
            legend={
              <Text fw={500} id={legendId} component="span">
                {question.text[lang]}
                {requiredMark}
              </Text>
            }
          >
            <Stack gap="sm">
              {question.help && (
                <Text id={helpId} size="sm" c="dimmed">
                  {question.help[lang]}
                </Text>
              )}
              {input}
              {message && (
                <Text id={errorId} size="sm" c="red.8" aria-live="polite">
                  {message}
                </Text>
              )}
            </Stack>
          </Fieldset>
        ) : (
          input
        )}
        {question.allowNotApplicable && (
          <Stack gap="xs">
            <Checkbox
              label={t('questionnaire.question.na')}
              checked={state.na}
              disabled={disabled}
              onChange={(e) =>
                onChange(
                  e.currentTarget.checked
                    ? { value: null, na: true, justification: state.justification }
                    : { ...state, na: false },
                )
              }
              onBlur={onBlur}
            />
            {state.na && (
              <Textarea
                label={t('questionnaire.question.naJustification')}
                withAsterisk
                aria-required
                autosize
                minRows={2}
                value={state.justification}
                disabled={disabled}
                error={justificationError}
                maxLength={2000}
                onChange={(e) => onChange({ ...state, justification: e.currentTarget.value })}
                onBlur={onBlur}
              />
            )}
          </Stack>
        )}
        {children}
      </Stack>
    </Paper>
  );
});
