import { Checkbox, Group, Radio, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InputProps } from './types';

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** One option out of a list. */
export function SingleInput({
  question,
  value,
  onChange,
  onBlur,
  lang,
  disabled,
  describedBy,
  labelledBy,
}: InputProps) {
  return (
    <Radio.Group
      value={asString(value)}
      onChange={(v) => onChange(v)}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      <Stack gap="sm" pt={4}>
        {(question.options ?? []).map((o) => (
          <Radio key={o.code} value={o.code} label={o.label[lang]} disabled={disabled} onBlur={onBlur} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Yes / no (ใช่ / ไม่ใช่), side by side. */
export function YesNoInput({ question, value, onChange, onBlur, lang, disabled, describedBy, labelledBy }: InputProps) {
  const { t } = useTranslation();
  const options = question.options?.length
    ? question.options.map((o) => ({ code: o.code, label: o.label[lang] }))
    : [
        { code: 'yes', label: t('questionnaire.question.yes') },
        { code: 'no', label: t('questionnaire.question.no') },
      ];
  return (
    <Radio.Group
      value={asString(value)}
      onChange={(v) => onChange(v)}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      <Group gap="xl" pt={4}>
        {options.map((o) => (
          <Radio key={o.code} value={o.code} label={o.label} disabled={disabled} onBlur={onBlur} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/** Several options; an `exclusive` option ("none of these") clears the others and disables them while chosen. */
export function MultipleInput({
  question,
  value,
  onChange,
  onBlur,
  lang,
  disabled,
  describedBy,
  labelledBy,
}: InputProps) {
  const options = question.options ?? [];
  const selected = Array.isArray(value) ? value : [];
  const exclusiveChosen = options.some((o) => o.exclusive && selected.includes(o.code));
  const handle = (next: string[]) => {
    const added = next.find((c) => !selected.includes(c));
    const addedOpt = options.find((o) => o.code === added);
    let out = next;
    if (addedOpt?.exclusive) out = [addedOpt.code];
    else if (added) out = next.filter((c) => !options.find((o) => o.code === c)?.exclusive);
    onChange(out.length ? out : null);
  };
  return (
    <Checkbox.Group value={selected} onChange={handle} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <Stack gap="sm" pt={4}>
        {options.map((o) => (
          <Checkbox
            key={o.code}
            value={o.code}
            label={o.label[lang]}
            disabled={disabled || (exclusiveChosen && !o.exclusive)}
            onBlur={onBlur}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** Ordered stages (6.1 → 6.2 → 6.3): a radio list that reads like a stepper. */
export function StagedInput({
  question,
  value,
  onChange,
  onBlur,
  lang,
  disabled,
  describedBy,
  labelledBy,
}: InputProps) {
  const options = question.options ?? [];
  const current = asString(value);
  const reached = current ? options.findIndex((o) => o.code === current) : -1;
  return (
    <Radio.Group
      value={current}
      onChange={(v) => onChange(v)}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      <Stack gap={6} pt={4}>
        {options.map((o, i) => (
          <Radio.Card key={o.code} value={o.code} p="sm" radius="md" disabled={disabled} onBlur={onBlur}>
            <Group wrap="nowrap" gap="sm" align="center">
              <Radio.Indicator />
              <ThemeIcon radius="xl" size="md" variant={i <= reached ? 'filled' : 'light'} aria-hidden>
                {i + 1}
              </ThemeIcon>
              <Text size="sm">{o.label[lang]}</Text>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

type ReasonValue = { choice: string; other?: string };
const asReason = (v: unknown): ReasonValue | null => {
  if (typeof v === 'string') return { choice: v };
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as ReasonValue).choice === 'string') {
    return v as ReasonValue;
  }
  return null;
};

/** A fixed list of reasons plus "other, specify". */
export function ReasonInput({
  question,
  value,
  onChange,
  onBlur,
  lang,
  disabled,
  describedBy,
  labelledBy,
  inputId,
}: InputProps) {
  const { t } = useTranslation();
  const current = asReason(value);
  const chosen = question.options?.find((o) => o.code === current?.choice);
  return (
    <Stack gap="sm">
      <Radio.Group
        value={current?.choice ?? null}
        onChange={(choice) => {
          const opt = question.options?.find((o) => o.code === choice);
          onChange(opt?.other ? { choice, other: current?.other ?? '' } : { choice });
        }}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
      >
        <Stack gap="sm" pt={4}>
          {(question.options ?? []).map((o) => (
            <Radio key={o.code} value={o.code} label={o.label[lang]} disabled={disabled} onBlur={onBlur} />
          ))}
        </Stack>
      </Radio.Group>
      {chosen?.other && (
        <TextInput
          id={`${inputId}-other`}
          label={t('questionnaire.question.otherSpecify')}
          withAsterisk
          value={current?.other ?? ''}
          disabled={disabled}
          maxLength={2000}
          onChange={(e) => onChange({ choice: chosen.code, other: e.currentTarget.value })}
          onBlur={onBlur}
          ml="xl"
        />
      )}
    </Stack>
  );
}
