import { Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridView } from './data-grid';
import { LoadError } from './page-state';

/**
 * Filter controls and query wiring shared by the server-paged staff grids (review queue, agencies
 * not yet submitted), so both search, filter by track and show loading and errors the same way.
 */

/** The free-text search: typed at once, sent to the URL (and the server) once typing pauses. */
export function GridSearch({ view }: { view: GridView }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(view.search);
  const pushSearch = useDebouncedCallback((v: string) => view.set({ search: v.trim() || null }), 350);
  return (
    <TextInput
      label={t('review.search')}
      placeholder={t('review.searchPlaceholder')}
      w={{ base: '100%', sm: 300 }}
      value={search}
      onChange={(e) => {
        setSearch(e.currentTarget.value);
        pushSearch(e.currentTarget.value);
      }}
    />
  );
}

/** The track filter (`track` in the URL; none for all tracks). */
export function GridTrackSelect({ view }: { view: GridView }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('review.track')}
      w={{ base: '100%', sm: 200 }}
      allowDeselect={false}
      value={view.get('track') ?? ''}
      onChange={(v) => view.set({ track: v || null })}
      data={[
        { value: '', label: t('review.allTracks') },
        { value: 'department', label: t('review.tracks.department') },
        { value: 'province', label: t('review.tracks.province') },
      ]}
    />
  );
}

/** A page query's state as DataGrid props: its rows, total, loading and a retryable error. */
export function gridQueryProps<T>(q: UseQueryResult<{ items: T[]; total: number }>) {
  return {
    rows: q.data?.items,
    total: q.data?.total ?? 0,
    loading: q.isPending,
    fetching: q.isFetching,
    error: q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : undefined,
  };
}
