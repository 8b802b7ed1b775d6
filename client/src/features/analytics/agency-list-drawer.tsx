import { Anchor, Drawer, Stack, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, Loading } from '../../components/page-state';
import type { Lang } from './api';
import { QueryError } from './filters';

/** One column of the drill-down table besides the agency's linked name. */
export interface AgencyColumn<A> {
  header: string;
  cell: (agency: A) => ReactNode;
}

interface ListedAgency {
  id: number;
  name: Record<Lang, string>;
}

/**
 * The explorer's drill-down drawers (overview charts and item tables) share this shell: the same loading,
 * error and empty states and a table whose agency names link to the agency's results. Only the query and
 * the other columns differ, so each caller passes those.
 */
export function AgencyListDrawer<A extends ListedAgency>({
  cycleId,
  title,
  query,
  lang,
  before = [],
  after = [],
  testId,
  onClose,
}: {
  cycleId: number;
  /** The drawer is open while there is a title (the clicked cell's label). */
  title: string | null;
  query: UseQueryResult<{ agencies: A[] }>;
  lang: Lang;
  /** Columns before and after the agency name. */
  before?: AgencyColumn<A>[];
  after?: AgencyColumn<A>[];
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = query;
  return (
    <Drawer
      opened={title !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{title}</Text>}
      closeButtonProps={{ 'aria-label': t('analytics.close') }}
    >
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} />
      ) : q.data ? (
        <Stack gap="xs" data-testid={testId}>
          <Text size="sm">{t('analytics.agencyCount', { n: q.data.agencies.length })}</Text>
          {q.data.agencies.length === 0 ? (
            <Empty>{t('analytics.noAgencies')}</Empty>
          ) : (
            <Table striped fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  {before.map((c) => (
                    <Table.Th key={c.header} scope="col">
                      {c.header}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('analytics.agency')}</Table.Th>
                  {after.map((c) => (
                    <Table.Th key={c.header} scope="col">
                      {c.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.agencies.map((a) => (
                  <Table.Tr key={a.id}>
                    {before.map((c) => (
                      <Table.Td key={c.header}>{c.cell(a)}</Table.Td>
                    ))}
                    <Table.Td>
                      <Anchor component={Link} to={`/results/${cycleId}/${a.id}`} size="sm">
                        {a.name[lang]}
                      </Anchor>
                    </Table.Td>
                    {after.map((c) => (
                      <Table.Td key={c.header}>{c.cell(a)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
