import type { CrossBy, SegmentQuery } from '@dg/shared/schemas/analytics';
import { ItemAgenciesSchema } from '@dg/shared/schemas/item-agencies';
import { Anchor, Drawer, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, Loading } from '../../components/page-state';
import { getJson } from '../../lib/api';
import { base, qs, useLang } from './api';
import { QueryError } from './filters';

/** One count of the explorer's tables: an option overall, or in one segment of a cross-tab. */
export interface ItemDrill {
  title: string;
  option: string;
  crossBy?: CrossBy;
  segment?: string;
}

/** Staff drill-down of the explorer: the agencies counted in the clicked cell, with ministry and province. */
export function ItemAgenciesDrawer({
  cycleId,
  code,
  seg,
  target,
  onClose,
}: {
  cycleId: number;
  code: string;
  seg: SegmentQuery;
  target: ItemDrill | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const path = target
    ? `${base(cycleId)}/items/${code}/agencies${qs({ ...seg, option: target.option, crossBy: target.crossBy, segment: target.segment })}`
    : '';
  const q = useQuery({
    queryKey: ['analytics', cycleId, 'item-agencies', path],
    queryFn: () => getJson(path, ItemAgenciesSchema),
    enabled: !!target,
    retry: false,
  });
  return (
    <Drawer
      opened={!!target}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>{target?.title}</Text>}
      closeButtonProps={{ 'aria-label': t('analytics.close') }}
    >
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} />
      ) : q.data ? (
        <Stack gap="xs" data-testid="item-agency-drawer">
          <Text size="sm">{t('analytics.agencyCount', { n: q.data.agencies.length })}</Text>
          {q.data.agencies.length === 0 ? (
            <Empty>{t('analytics.noAgencies')}</Empty>
          ) : (
            <Table striped fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('analytics.agency')}</Table.Th>
                  <Table.Th scope="col">{t('analytics.ministry')}</Table.Th>
                  <Table.Th scope="col">{t('derivedUi.province')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.agencies.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/results/${cycleId}/${a.id}`} size="sm">
                        {a.name[lang]}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.ministry?.[lang] ?? '–'}</Table.Td>
                    <Table.Td>{a.province?.[lang] ?? '–'}</Table.Td>
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
