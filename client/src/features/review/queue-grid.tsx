import { formatDate } from '@dg/shared/domain/dates';
import type { QueueRow, ReviewQueuePage } from '@dg/shared/schemas/review-queue';
import { Badge, Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { RowSelectionState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataGrid, type GridColumn, useGridUrl } from '../../components/data-grid';
import { GridSearch, GridTrackSelect, gridQueryProps } from '../../components/grid-filters';
import { STATUS_COLOR, useLang } from '../../components/page-state';
import { useAnalysts, useQueuePage } from './grid-api';
import { QueueBulkActions, ReassignButton } from './queue-bulk';

const STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'verified'] as const;
const FILTERS = ['status', 'track', 'assignee'] as const;

/** The review queue: a page at a time from the server, its view (filters, sort, page) in the URL. */
export function QueuePanel({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const view = useGridUrl();
  const query = view.query(FILTERS).toString();
  const queue = useQueuePage(cycleId, query);
  const analysts = useAnalysts();
  const [selected, setSelected] = useState<RowSelectionState>({});

  const data = queue.data;
  const rowsById = useMemo(() => new Map((data?.items ?? []).map((r) => [String(r.responseId), r])), [data]);
  const selectedRows = Object.keys(selected)
    .map((id) => rowsById.get(id))
    .filter((r): r is QueueRow => !!r);

  const columns = useMemo<GridColumn<QueueRow>[]>(
    () => [
      {
        id: 'agency',
        header: t('review.agency'),
        meta: { sortKey: 'agencyCode' },
        cell: ({ row: { original: i } }) => (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {i.agencyName[lang]}
            </Text>
            <Text size="xs" c="dimmed">
              {i.agencyCode}
            </Text>
          </Stack>
        ),
      },
      { id: 'track', header: t('review.track'), cell: ({ row }) => t(`review.tracks.${row.original.track}`) },
      {
        id: 'status',
        header: t('review.status'),
        meta: { sortKey: 'status' },
        cell: ({ row }) => (
          <Badge
            variant="filled"
            color={STATUS_COLOR[row.original.status]}
            styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible', textOverflow: 'clip' } }}
          >
            {t(`review.statuses.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'round',
        header: t('review.round'),
        meta: { sortKey: 'round', align: 'right' },
        cell: ({ row }) => row.original.round,
      },
      {
        id: 'submittedAt',
        header: t('review.submittedAt'),
        meta: { sortKey: 'submittedAt' },
        cell: ({ row }) => (row.original.submittedAt ? formatDate(row.original.submittedAt, lang) : '—'),
      },
      {
        id: 'claims',
        header: t('review.claims'),
        cell: ({ row: { original: i } }) => `${i.claims.pending} / ${i.claims.verified} / ${i.claims.rejected}`,
      },
      {
        id: 'levels',
        header: t('review.levelSelfVerified'),
        meta: { sortKey: 'verifiedOverall' },
        cell: ({ row: { original: i } }) => `${i.selfOverall ?? '—'} / ${i.verifiedOverall ?? '—'}`,
      },
      { id: 'analyst', header: t('reviewGrid.analyst'), cell: ({ row }) => row.original.analyst?.name ?? '—' },
      {
        id: 'open',
        header: () => <VisuallyHidden>{t('review.open')}</VisuallyHidden>,
        cell: ({ row: { original: i } }) => (
          <Button
            component={Link}
            to={`/review/${i.responseId}`}
            size="xs"
            aria-label={`${t('review.open')} ${i.agencyName[lang]}`}
          >
            {t('review.open')}
          </Button>
        ),
      },
    ],
    [t, lang],
  );

  const assignee = view.get('assignee') ?? (data ? String(data.assignee) : 'auto');

  return (
    <Stack gap="md">
      {data && <ProgressPanel data={data} />}
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('review.status')}
          w={{ base: '100%', sm: 260 }}
          allowDeselect={false}
          value={view.get('status') ?? 'all'}
          onChange={(v) => view.set({ status: v === 'all' ? null : v })}
          data={[
            { value: 'all', label: t('review.allStatuses') },
            { value: 'submitted', label: t('review.statuses.submitted') },
            { value: 'returned', label: t('review.statuses.returned') },
            { value: 'verified', label: t('review.statuses.verified') },
          ]}
        />
        <GridTrackSelect view={view} />
        <Select
          label={t('reviewGrid.assignee')}
          w={{ base: '100%', sm: 240 }}
          allowDeselect={false}
          value={assignee}
          onChange={(v) => view.set({ assignee: v })}
          data={[
            { value: 'mine', label: t('reviewGrid.mine') },
            { value: 'all', label: t('reviewGrid.everyone') },
            { value: 'unassigned', label: t('reviewGrid.unassigned') },
            ...(analysts.data ?? []).map((a) => ({ value: String(a.id), label: a.name })),
          ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i)}
        />
        <GridSearch view={view} />
        <ReassignButton />
      </Group>
      <DataGrid
        label={t('review.tabQueue')}
        view={view}
        columns={columns}
        {...gridQueryProps(queue)}
        getRowId={(r) => String(r.responseId)}
        empty={t('review.empty')}
        selection={{ selected, onChange: setSelected, rowLabel: (r) => r.agencyName[lang] }}
        bulkActions={<QueueBulkActions cycleId={cycleId} rows={selectedRows} onDone={() => setSelected({})} />}
        minWidth={1000}
        testId="review-queue"
      />
    </Stack>
  );
}

function ProgressPanel({ data }: { data: ReviewQueuePage }) {
  const { t } = useTranslation();
  const claims = data.claims;
  const done = claims.verified + claims.rejected;
  return (
    <Paper withBorder p="md" aria-labelledby="review-progress">
      <Text id="review-progress" fw={600} mb="xs">
        {t('review.progress')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        {STATUSES.map((s) => (
          <Stack key={s} gap={0} data-testid={`progress-${s}`}>
            <Text size="xl" fw={700}>
              {data.progress[s] ?? 0}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`review.statuses.${s}`)}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {claims.total > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="sm">{t('reviewGrid.claimsOnPage', { done, total: claims.total })}</Text>
          <Progress
            value={(100 * done) / claims.total}
            aria-label={t('reviewGrid.claimsOnPage', { done, total: claims.total })}
          />
        </Stack>
      )}
    </Paper>
  );
}
