import { PAGE_SIZES } from '@dg/shared/schemas/data-grid';
import {
  Checkbox,
  Group,
  Loader,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TableScroll } from './table-scroll';

/**
 * The one table for staff lists: TanStack Table (headless) drawn with Mantine's Table. Paging,
 * sorting, filtering and search happen on the server (manual modes); the view lives in the URL
 * (useGridUrl) so it can be shared and survives a reload. Selected rows feed `bulkActions`.
 */

export interface GridView {
  page: number;
  pageSize: number;
  /** `key:asc|desc`, or '' for the list's default. */
  sort: string;
  search: string;
  /** Any other URL parameter (the list's filters). */
  get(key: string): string | null;
  /** Changes to the URL; a function gets the URL's parameters as they are now (see liveParams). */
  set(changes: GridChanges | ((current: URLSearchParams) => GridChanges)): void;
  /** The query string for the server: page, pageSize, sort, search and the given filters. */
  query(filterKeys: readonly string[]): URLSearchParams;
}

type GridChanges = Record<string, string | number | null>;

/**
 * The address bar's parameters now. React Router shows a navigation in the address bar at once but
 * renders it as a transition, later on a busy machine: a click in between still runs the last
 * render's handlers, whose `searchParams` (and setSearchParams' `prev`) are the old ones. Building on
 * those lost the first change (a second click on a header sorted ascending again, never descending).
 */
const liveParams = () => new URLSearchParams(window.location.search);

/** The grid's view in the URL; changing a filter, the search or the page size goes back to page 1. */
export function useGridUrl(defaults: { pageSize?: number } = {}): GridView {
  const [params, setParams] = useSearchParams();
  const defaultSize = defaults.pageSize ?? 25;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : defaultSize;
  const sort = params.get('sort') ?? '';
  const search = params.get('search') ?? '';
  const set = useCallback(
    (changes: GridChanges | ((current: URLSearchParams) => GridChanges)) => {
      const next = liveParams();
      const change = typeof changes === 'function' ? changes(new URLSearchParams(next)) : changes;
      for (const [k, v] of Object.entries(change)) {
        if (v === null || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      if (!('page' in change)) next.delete('page');
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return {
    page,
    pageSize,
    sort,
    search,
    get: (k) => params.get(k),
    set,
    query: (filterKeys) => {
      const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
      if (sort) q.set('sort', sort);
      if (search.trim()) q.set('search', search.trim());
      for (const k of filterKeys) {
        const v = params.get(k);
        if (v) q.set(k, v);
      }
      return q;
    },
  };
}

export type GridColumn<T> = ColumnDef<T> & { meta?: { align?: 'right'; sortKey?: string } };

interface DataGridProps<T> {
  label: string;
  view: GridView;
  columns: GridColumn<T>[];
  rows: T[] | undefined;
  total: number;
  getRowId: (row: T) => string;
  loading?: boolean;
  fetching?: boolean;
  error?: ReactNode;
  empty: ReactNode;
  /** Rows that can be selected for bulk actions; without it there is no selection column. */
  selection?: { selected: RowSelectionState; onChange: (s: RowSelectionState) => void; rowLabel: (row: T) => string };
  bulkActions?: ReactNode;
  minWidth?: number;
  testId?: string;
  /** A test id per row (e.g. by the agency's code). */
  rowTestId?: (row: T) => string;
}

export function DataGrid<T>(props: DataGridProps<T>) {
  const { t } = useTranslation();
  const { view, selection } = props;
  const [sortKey, sortDir] = view.sort ? view.sort.split(':') : ['', ''];
  const columns = useMemo<ColumnDef<T>[]>(() => {
    if (!selection) return props.columns;
    const select: ColumnDef<T> = {
      id: '_select',
      header: ({ table }) => (
        <Checkbox
          aria-label={t('grid.selectPage')}
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={t('grid.selectRow', { name: selection.rowLabel(row.original) })}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    };
    return [select, ...props.columns];
  }, [props.columns, selection, t]);

  const table = useReactTable({
    data: props.rows ?? [],
    columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableRowSelection: !!selection,
    state: { rowSelection: selection?.selected ?? {} },
    onRowSelectionChange: (u) => selection?.onChange(typeof u === 'function' ? u(selection.selected) : u),
  });

  const pages = Math.max(1, Math.ceil(props.total / view.pageSize));
  const from = props.total === 0 ? 0 : (view.page - 1) * view.pageSize + 1;
  const to = Math.min(props.total, view.page * view.pageSize);
  const selectedCount = Object.keys(selection?.selected ?? {}).length;

  // Ascending, descending, then the list's default; from the URL as it is now, not as last rendered.
  const toggleSort = (key: string) =>
    view.set((current) => {
      const [k, dir] = (current.get('sort') ?? '').split(':');
      return { sort: k !== key ? `${key}:asc` : dir === 'asc' ? `${key}:desc` : null };
    });

  return (
    <Stack gap="sm">
      {selection && selectedCount > 0 && (
        <Paper withBorder p="xs" role="region" aria-label={t('grid.bulk')}>
          <Group gap="sm" wrap="wrap">
            <Text size="sm" fw={600} data-testid="grid-selected">
              {t('grid.selected', { count: selectedCount })}
            </Text>
            {props.bulkActions}
          </Group>
        </Paper>
      )}
      {props.error ??
        (props.loading ? (
          <Group justify="center" py="xl" role="status">
            <Loader size="sm" aria-hidden />
            <Text c="dimmed">{t('state.loading')}</Text>
          </Group>
        ) : props.total === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {props.empty}
          </Text>
        ) : (
          <TableScroll minWidth={props.minWidth ?? 800} label={props.label}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid={props.testId} aria-busy={props.fetching}>
              <caption>
                <VisuallyHidden>{props.label}</VisuallyHidden>
              </caption>
              <Table.Thead>
                {table.getHeaderGroups().map((hg) => (
                  <Table.Tr key={hg.id}>
                    {hg.headers.map((h) => {
                      const meta = (h.column.columnDef as GridColumn<T>).meta;
                      const key = meta?.sortKey;
                      const active = key && key === sortKey;
                      const content = flexRender(h.column.columnDef.header, h.getContext());
                      return (
                        <Table.Th
                          key={h.id}
                          scope="col"
                          ta={meta?.align}
                          aria-sort={active ? (sortDir === 'desc' ? 'descending' : 'ascending') : undefined}
                        >
                          {key ? (
                            <UnstyledButton
                              onClick={() => toggleSort(key)}
                              fz="sm"
                              fw={700}
                              data-testid={`sort-${key}`}
                            >
                              <Group gap={4} wrap="nowrap">
                                {content}
                                {active ? (
                                  sortDir === 'desc' ? (
                                    <IconArrowDown size={14} aria-hidden />
                                  ) : (
                                    <IconArrowUp size={14} aria-hidden />
                                  )
                                ) : (
                                  <IconArrowsSort size={14} aria-hidden opacity={0.4} />
                                )}
                              </Group>
                            </UnstyledButton>
                          ) : (
                            content
                          )}
                        </Table.Th>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Thead>
              <Table.Tbody>
                {table.getRowModel().rows.map((row) => (
                  <Table.Tr
                    key={row.id}
                    bg={row.getIsSelected() ? 'var(--mantine-primary-color-light)' : undefined}
                    data-testid={props.rowTestId?.(row.original)}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <Table.Td key={cell.id} ta={(cell.column.columnDef as GridColumn<T>).meta?.align}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="grid-range">
          {t('grid.range', { from, to, total: props.total })}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Select
            aria-label={t('grid.pageSize')}
            w={130}
            allowDeselect={false}
            value={String(view.pageSize)}
            onChange={(v) => view.set({ pageSize: v })}
            data={PAGE_SIZES.map((n) => ({ value: String(n), label: t('grid.perPage', { n }) }))}
          />
          <nav aria-label={t('grid.pages', { pages })}>
            <Pagination
              total={pages}
              value={Math.min(view.page, pages)}
              onChange={(p) => view.set({ page: p === 1 ? null : p })}
              siblings={0}
              boundaries={1}
              size="sm"
              getControlProps={(c) => ({ 'aria-label': t(`grid.${c}`) })}
              getItemProps={(p) => ({ 'aria-label': t('grid.page', { n: p }) })}
              data-testid="grid-pagination"
            />
          </nav>
        </Group>
      </Group>
    </Stack>
  );
}
