import { formatYear } from '@dg/shared/domain/dates';
import { CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getJson } from '../lib/api';
import { useUpdateParams } from '../lib/url-params';

/**
 * The survey cycle a staff page shows, kept in the URL (`cycle`): the newest open cycle by default,
 * else the newest that is not a draft. One picker for the review and monitoring pages.
 */
export function useCyclePick() {
  const cycles = useQuery({ queryKey: ['cycles'], queryFn: () => getJson('/api/cycles', CycleSummaryListSchema) });
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const sorted = useMemo(
    () => [...(cycles.data ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id),
    [cycles.data],
  );
  const fromUrl = Number(params.get('cycle')) || undefined;
  const cycleId =
    fromUrl ?? sorted.find((c) => c.status === 'open')?.id ?? sorted.find((c) => c.status !== 'draft')?.id;
  const choose = (id: string | null) =>
    update((next) => {
      // Another cycle is another list: its page and selection start over, the filters stay.
      if (id) next.set('cycle', id);
      next.delete('page');
    });
  return { cycles, sorted, cycleId, choose };
}

export function CyclePicker({
  label,
  cycles,
  value,
  onChange,
}: {
  label: string;
  cycles: readonly CycleSummary[];
  value: number | undefined;
  onChange: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <Select
      label={label}
      w="100%"
      maw={560}
      allowDeselect={false}
      value={value ? String(value) : null}
      onChange={onChange}
      comboboxProps={{ width: 'target' }}
      data={cycles.map((c) => ({
        value: String(c.id),
        label: `${formatYear(c.fiscalYear, lang)} · ${c.name[lang]} (${t(`review.cycleStatus.${c.status}`)})`,
      }))}
    />
  );
}
