import type { AnswerValue } from '@dg/shared/schemas/answer';
import type { Question } from '@dg/shared/schemas/framework';
import { Input, Loader, NumberInput, Text, Textarea, TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputProps } from './types';

const numberOrNull = (v: string | number): number | null | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v.trim() === '') return null;
  const n = Number(v);
  // "1." or "-" while typing: keep the previous value until the number is complete.
  return Number.isFinite(n) ? n : undefined;
};

/** Types whose input can be uncontrolled (the DOM keeps the text; see InputProps.register). */
export const UNCONTROLLED_TYPES: ReadonlySet<Question['type']> = new Set(['text', 'long_text', 'number', 'percentage']);

/** The text an uncontrolled input shows for a stored value. */
export function rawOfValue(value: AnswerValue | null): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

/**
 * The answer value of what was typed. A number that does not parse stays a string, so the
 * shared validator (the server's rule) reports "must be a number" instead of the text vanishing.
 */
export function parseRaw(question: Question, raw: string): AnswerValue | null {
  if (question.type !== 'number' && question.type !== 'percentage') return raw === '' ? null : raw;
  const s = raw.replace(/[\s,]/g, '');
  if (s === '') return null;
  const n = Number(s);
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) && Number.isFinite(n) ? n : raw.trim();
}

/** A count or amount with its unit, min/max and whole-number rule. */
/** What a number answer may hold while typed: digits, minus, thousands commas, a decimal point. */
const NOT_NUMERIC = /[^0-9.,-]/g;

export function NumberAnswerInput(p: InputProps) {
  const { t } = useTranslation();
  const spec = p.question.number;
  const percent = p.question.type === 'percentage';
  const unit = percent ? '%' : spec?.unit?.[p.lang];
  const unitNote = percent
    ? t('questionnaire.question.percent')
    : unit
      ? t('questionnaire.question.unit', { unit })
      : null;
  const description =
    p.description || unitNote ? (
      <>
        {p.description}
        {p.description && unitNote ? ' · ' : null}
        {unitNote}
      </>
    ) : undefined;
  const rightSection = unit ? (
    <Text size="sm" c="dimmed" aria-hidden>
      {unit}
    </Text>
  ) : undefined;
  const rightSectionWidth = unit ? Math.min(40 + unit.length * 8, 160) : undefined;
  if (p.register) {
    return (
      <TextInput
        id={p.inputId}
        label={p.label}
        description={description}
        error={p.error}
        withAsterisk={p.required}
        aria-required={p.required || undefined}
        inputMode={spec?.integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        disabled={p.disabled}
        rightSection={rightSection}
        rightSectionWidth={rightSectionWidth}
        rightSectionPointerEvents="none"
        maw={360}
        {...p.register}
        onChange={(e) => {
          // Letters are refused as they are typed: only digits, one sign, separators and a point stay.
          const el = e.currentTarget;
          const clean = el.value.replace(NOT_NUMERIC, '');
          if (clean !== el.value) el.value = clean;
          return p.register?.onChange(e);
        }}
      />
    );
  }
  return (
    <NumberInput
      id={p.inputId}
      label={p.label}
      description={description}
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      value={typeof p.value === 'number' ? p.value : ''}
      onChange={(v) => {
        const n = numberOrNull(v);
        if (n !== undefined) p.onChange(n);
      }}
      onBlur={p.onBlur}
      disabled={p.disabled}
      min={percent ? Math.max(spec?.min ?? 0, 0) : spec?.min}
      max={percent ? Math.min(spec?.max ?? 100, 100) : spec?.max}
      allowDecimal={!spec?.integer}
      decimalScale={spec?.integer ? 0 : 2}
      thousandSeparator=","
      hideControls
      rightSection={rightSection}
      rightSectionWidth={rightSectionWidth}
      rightSectionPointerEvents="none"
      maw={360}
    />
  );
}

export function TextAnswerInput(p: InputProps) {
  return (
    <TextInput
      id={p.inputId}
      label={p.label}
      description={p.description}
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      disabled={p.disabled}
      maxLength={2000}
      {...(p.register ?? {
        value: typeof p.value === 'string' ? p.value : '',
        onChange: (e) => p.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value),
        onBlur: p.onBlur,
      })}
    />
  );
}

/**
 * Where the browser sizes a textarea to its content itself (CSS field-sizing), no script measures
 * the text on every keystroke; elsewhere Mantine's autosize does.
 */
const NATIVE_AUTOSIZE = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content') === true;
const NATIVE_AUTOSIZE_STYLE = { fieldSizing: 'content', minHeight: '5.5rem', maxHeight: '24rem' } as const;

export function LongTextAnswerInput(p: InputProps) {
  return (
    <Textarea
      id={p.inputId}
      label={p.label}
      description={p.description}
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      disabled={p.disabled}
      {...(p.register ?? {
        value: typeof p.value === 'string' ? p.value : '',
        onChange: (e) => p.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value),
        onBlur: p.onBlur,
      })}
      {...(NATIVE_AUTOSIZE
        ? { styles: { input: NATIVE_AUTOSIZE_STYLE } }
        : { autosize: true, minRows: 3, maxRows: 14 })}
      maxLength={20000}
    />
  );
}

// The date picker (and its calendar) is a separate chunk, fetched when a date question is first
// shown: the first question on a slow link does not wait for it.
const LazyDateAnswerInput = lazy(() => import('./date-answer-input').then((m) => ({ default: m.DateAnswerInput })));

/**
 * A date question. Until the picker has loaded its label shows with a loader: not a field, since
 * what was typed into a stand-in would be lost when the picker replaces it.
 */
export function DateAnswerInput(p: InputProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Input.Wrapper label={p.label} description={p.description}>
          <Loader size="xs" display="block" aria-label={t('state.loading')} />
        </Input.Wrapper>
      }
    >
      <LazyDateAnswerInput {...p} />
    </Suspense>
  );
}
