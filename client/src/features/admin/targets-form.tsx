import type { DerivedIndicatorDef } from '@dg/shared/schemas/framework';
import {
  type NationalTarget,
  type NationalTargetInput,
  NationalTargetInputSchema,
  NationalTargetSchema,
  TargetCodeSchema,
} from '@dg/shared/schemas/targets';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useEffect } from 'react';
import { Controller, type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { notifyOk, useLang } from '../../components/page-state';
import { ApiRequestError, getJson } from '../../lib/api';

/** The form's flat fields; `toInput` turns them into the API's body, checked by the shared schema. */
export interface TargetForm {
  code: string;
  labelTh: string;
  labelEn: string;
  kind: 'level_at_least' | 'derived';
  level: string;
  derivedCode: string;
  track: '' | 'department' | 'province';
  comparison: 'gte' | 'lte';
  targetPercent: number | string;
  /** Buddhist Era, as people write it; stored as the Gregorian year. */
  targetYearBe: number | string;
  sourceTh: string;
  sourceEn: string;
}

const BE = 543;

export function toInput(v: TargetForm): NationalTargetInput {
  const track = v.track === '' ? null : v.track;
  return {
    label: { th: v.labelTh, en: v.labelEn },
    indicator:
      v.kind === 'level_at_least'
        ? { kind: 'level_at_least', level: Number(v.level), track }
        : { kind: 'derived', code: v.derivedCode, track },
    comparison: v.comparison,
    targetPercent: v.targetPercent === '' ? Number.NaN : Number(v.targetPercent),
    source: { th: v.sourceTh, en: v.sourceEn },
    targetYear: v.targetYearBe === '' ? null : Number(v.targetYearBe) - BE,
  };
}

export function fromTarget(x: NationalTarget): TargetForm {
  return {
    code: x.code,
    labelTh: x.label.th,
    labelEn: x.label.en,
    kind: x.indicator.kind,
    level: x.indicator.kind === 'level_at_least' ? String(x.indicator.level) : '4',
    derivedCode: x.indicator.kind === 'derived' ? x.indicator.code : '',
    track: x.indicator.track ?? '',
    comparison: x.comparison,
    targetPercent: x.targetPercent,
    targetYearBe: x.targetYear === null ? '' : x.targetYear + BE,
    sourceTh: x.source.th,
    sourceEn: x.source.en,
  };
}

export const EMPTY_FORM: TargetForm = {
  code: '',
  labelTh: '',
  labelEn: '',
  kind: 'level_at_least',
  level: '4',
  derivedCode: '',
  track: 'department',
  comparison: 'gte',
  targetPercent: '',
  targetYearBe: '',
  sourceTh: '',
  sourceEn: '',
};

/** Where an issue of the API body (or the server's `body.x.y` detail path) shows in the form. */
const FIELD_OF: Record<string, keyof TargetForm> = {
  'label.th': 'labelTh',
  'label.en': 'labelEn',
  'indicator.level': 'level',
  'indicator.code': 'derivedCode',
  'indicator.track': 'track',
  comparison: 'comparison',
  targetPercent: 'targetPercent',
  targetYear: 'targetYearBe',
  'source.th': 'sourceTh',
  'source.en': 'sourceEn',
};

/** The message each field shows: in the reader's language, saying what is expected. */
const MESSAGE_OF: Partial<Record<keyof TargetForm, string>> = {
  code: 'targetsAdmin.badCode',
  targetPercent: 'targetsAdmin.badPercent',
  targetYearBe: 'targetsAdmin.badYear',
  derivedCode: 'targetsAdmin.pickDerived',
};

/** The shared zod schemas as the form's resolver: the same rules as the server's, per field. */
function targetResolver(t: (k: string) => string, codes: readonly string[], editing: boolean): Resolver<TargetForm> {
  return async (values) => {
    const errors: FieldErrors<TargetForm> = {};
    const put = (field: keyof TargetForm) => {
      if (!errors[field])
        errors[field] = { type: 'validate', message: t(MESSAGE_OF[field] ?? 'targetsAdmin.required') };
    };
    if (!editing && !TargetCodeSchema.safeParse(values.code).success) put('code');
    if (!editing && codes.includes(values.code)) errors.code = { type: 'validate', message: t('targetsAdmin.badCode') };
    const parsed = NationalTargetInputSchema.safeParse(toInput(values));
    if (!parsed.success) for (const i of parsed.error.issues) put(FIELD_OF[i.path.join('.')] ?? 'code');
    if (values.kind === 'derived' && !values.derivedCode) put('derivedCode');
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}

/** Create or edit one national target of a cycle (administrators). */
export function TargetDialog({
  cycleId,
  editing,
  existing,
  derived,
  opened,
  onClose,
}: {
  cycleId: number;
  editing: NationalTarget | null;
  existing: readonly string[];
  derived: readonly DerivedIndicatorDef[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const form = useForm<TargetForm>({
    resolver: targetResolver(t, existing, !!editing),
    defaultValues: editing ? fromTarget(editing) : EMPTY_FORM,
  });
  const { register, control, handleSubmit, watch, reset, setError, formState } = form;
  useEffect(() => {
    if (opened) reset(editing ? fromTarget(editing) : EMPTY_FORM);
  }, [opened, editing, reset]);
  const save = useMutation({
    mutationFn: (v: TargetForm) =>
      getJson(`/api/admin/cycles/${cycleId}/targets/${v.code}`, NationalTargetSchema, {
        method: 'PUT',
        body: JSON.stringify(toInput(v)),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['targets-admin', cycleId] });
      void qc.invalidateQueries({ queryKey: ['analytics', 'targets'] });
      notifyOk(t('targetsAdmin.saved'));
      onClose();
    },
    onError: (e) => {
      // The server's per-field details (path body.x.y) land on their fields.
      if (e instanceof ApiRequestError && Array.isArray(e.details))
        for (const d of e.details as { path?: string; message?: string }[]) {
          const field = FIELD_OF[(d.path ?? '').replace(/^body\./, '')];
          if (field) setError(field, { type: 'server', message: d.message ?? t('targetsAdmin.required') });
        }
    },
  });
  const kind = watch('kind');
  const err = (k: keyof TargetForm) => formState.errors[k]?.message;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? `${t('targetsAdmin.edit')} ${editing.code}` : t('targetsAdmin.add')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('targetsAdmin.cancel') }}
    >
      <form
        onSubmit={handleSubmit((v) => save.mutate(v))}
        noValidate
        data-testid="target-form"
        // Mantine's error red (red.6) is below AA contrast on white; red.9 reads at 5.6:1.
        style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties}
      >
        <Stack gap="sm">
          <TextInput
            label={t('targetsAdmin.code')}
            description={t('targetsAdmin.codeHint')}
            disabled={!!editing}
            error={err('code')}
            {...register('code')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('targetsAdmin.labelTh')} error={err('labelTh')} {...register('labelTh')} />
            <TextInput label={t('targetsAdmin.labelEn')} error={err('labelEn')} {...register('labelEn')} />
          </SimpleGrid>
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('targetsAdmin.indicator')}
                data={[
                  { value: 'level_at_least', label: t('targetsAdmin.kindLevel') },
                  { value: 'derived', label: t('targetsAdmin.kindDerived') },
                ]}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'level_at_least')}
              />
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {kind === 'level_at_least' ? (
              <Controller
                control={control}
                name="level"
                render={({ field }) => (
                  <Select
                    label={t('targetsAdmin.level')}
                    data={[1, 2, 3, 4, 5].map((l) => ({
                      value: String(l),
                      label: t('targetsAdmin.levelAtLeast', { level: l }),
                    }))}
                    allowDeselect={false}
                    error={err('level')}
                    value={field.value}
                    onChange={(v) => field.onChange(v ?? '4')}
                  />
                )}
              />
            ) : (
              <Controller
                control={control}
                name="derivedCode"
                render={({ field }) => (
                  <Select
                    label={t('targetsAdmin.derivedCode')}
                    data={derived.map((d) => ({ value: d.code, label: `${d.code} · ${d.label[lang]}` }))}
                    error={err('derivedCode')}
                    value={field.value || null}
                    onChange={(v) => field.onChange(v ?? '')}
                    searchable
                  />
                )}
              />
            )}
            <Controller
              control={control}
              name="track"
              render={({ field }) => (
                <Select
                  label={t('targetsAdmin.population')}
                  data={[
                    { value: 'department', label: t('analytics.tracks.department') },
                    { value: 'province', label: t('analytics.tracks.province') },
                    { value: 'all', label: t('targetsAdmin.allTracks') },
                  ]}
                  allowDeselect={false}
                  error={err('track')}
                  value={field.value === '' ? 'all' : field.value}
                  onChange={(v) => field.onChange(v === 'all' || !v ? '' : v)}
                />
              )}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Controller
              control={control}
              name="comparison"
              render={({ field }) => (
                <Select
                  label={t('targetsAdmin.comparison')}
                  data={[
                    { value: 'gte', label: t('targetsAdmin.gte') },
                    { value: 'lte', label: t('targetsAdmin.lte') },
                  ]}
                  allowDeselect={false}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'gte')}
                />
              )}
            />
            <Controller
              control={control}
              name="targetPercent"
              render={({ field }) => (
                <NumberInput
                  label={t('targetsAdmin.threshold')}
                  error={err('targetPercent')}
                  decimalScale={2}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              )}
            />
            <Controller
              control={control}
              name="targetYearBe"
              render={({ field }) => (
                <NumberInput
                  label={t('targetsAdmin.targetYear')}
                  description={t('targetsAdmin.targetYearHint')}
                  error={err('targetYearBe')}
                  allowDecimal={false}
                  thousandSeparator={false}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                />
              )}
            />
          </SimpleGrid>
          <TextInput label={t('targetsAdmin.sourceTh')} error={err('sourceTh')} {...register('sourceTh')} />
          <TextInput label={t('targetsAdmin.sourceEn')} error={err('sourceEn')} {...register('sourceEn')} />
          {save.error && (
            <Alert color="red" role="alert">
              {t('targetsAdmin.saveFailed')}: {save.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('targetsAdmin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('targetsAdmin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
