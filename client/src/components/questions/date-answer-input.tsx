// Date pickers' styles load with the screens that have one, not with the sign-in page.
import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import { dayInputProps } from '../../lib/thai-dates';
import type { InputProps } from './types';

/**
 * A typable date field (day/month/year, B.E. or C.E.) with a calendar, shown in the reader's era.
 * The answer stays a C.E. `YYYY-MM-DD` string, as the server validates and stores it.
 */
export function DateAnswerInput(p: InputProps) {
  const v = typeof p.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.value) ? p.value : null;
  return (
    <DateInput
      {...dayInputProps(p.lang)}
      id={p.inputId}
      label={p.label}
      description={p.description}
      error={p.error}
      withAsterisk={p.required}
      aria-required={p.required || undefined}
      value={v}
      onChange={(d) => p.onChange(d)}
      onBlur={p.onBlur}
      disabled={p.disabled}
      clearable={!p.required}
      allowDeselect
      maw={260}
    />
  );
}
