import { formatDate } from '@dg/shared/domain/dates';
import { NumberInput, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InputProps } from './types';

const numberOrNull = (v: string | number): number | null | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v.trim() === '') return null;
  const n = Number(v);
  // "1." or "-" while typing: keep the previous value until the number is complete.
  return Number.isFinite(n) ? n : undefined;
};

/** A count or amount with its unit, min/max and whole-number rule. */
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
  return (
    <NumberInput
      id={p.inputId}
      label={p.label}
      description={
        p.description || unitNote ? (
          <>
            {p.description}
            {p.description && unitNote ? ' · ' : null}
            {unitNote}
          </>
        ) : undefined
      }
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
      rightSection={
        unit ? (
          <Text size="sm" c="dimmed" aria-hidden>
            {unit}
          </Text>
        ) : undefined
      }
      rightSectionWidth={unit ? Math.min(40 + unit.length * 8, 160) : undefined}
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
      value={typeof p.value === 'string' ? p.value : ''}
      onChange={(e) => p.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      onBlur={p.onBlur}
      disabled={p.disabled}
      maxLength={2000}
    />
  );
}

export function LongTextAnswerInput(p: InputProps) {
  return (
    <Textarea
      id={p.inputId}
      label={p.label}
      description={p.description}
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      value={typeof p.value === 'string' ? p.value : ''}
      onChange={(e) => p.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      onBlur={p.onBlur}
      disabled={p.disabled}
      autosize
      minRows={3}
      maxRows={14}
      maxLength={20000}
    />
  );
}

/**
 * A plain native date input (keyboard and screen-reader friendly). The value is stored
 * as YYYY-MM-DD in the common era; the chosen date is read back in the reader's calendar
 * (Buddhist Era in Thai) right under the field.
 */
export function DateAnswerInput(p: InputProps) {
  const { t } = useTranslation();
  const v = typeof p.value === 'string' ? p.value : '';
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(`${v}T12:00:00+07:00`, p.lang) : null;
  return (
    <TextInput
      id={p.inputId}
      type="date"
      label={p.label}
      description={
        <>
          {p.description}
          {p.description ? ' · ' : null}
          {shown ? t('questionnaire.question.dateShown', { date: shown }) : t('questionnaire.question.dateHint')}
        </>
      }
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      value={v}
      onChange={(e) => p.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      onBlur={p.onBlur}
      disabled={p.disabled}
      maw={260}
    />
  );
}
