import { formatDate, formatYear } from '@dg/shared/domain/dates';
import type { QueueStatus } from '@dg/shared/schemas/review';
import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading, STATUS_COLOR, StaffOnly, useLang } from '../../components/page-state';
import { useQueue, useReviewCycles } from './api';
import { CodingPanel } from './coding-panel';

const STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'verified'] as const;

export function ReviewQueuePage() {
  return (
    <StaffOnly>
      <ReviewQueueContent />
    </StaffOnly>
  );
}

function ReviewQueueContent() {
  const { t } = useTranslation();
  const lang = useLang();
  const cycles = useReviewCycles();
  const [params, setParams] = useSearchParams();

  const sorted = useMemo(
    () => [...(cycles.data ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id),
    [cycles.data],
  );
  const fromUrl = Number(params.get('cycle')) || undefined;
  const cycleId =
    fromUrl ?? sorted.find((c) => c.status === 'open')?.id ?? sorted.find((c) => c.status !== 'draft')?.id;
  const tab = params.get('tab') === 'coding' ? 'coding' : 'queue';

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <LoadError error={cycles.error} onRetry={() => void cycles.refetch()} />;

  return (
    <Stack gap="lg" maw={1300}>
      <Stack gap={4}>
        <Title order={2}>{t('review.title')}</Title>
        <Text c="dimmed">{t('review.intro')}</Text>
      </Stack>
      {sorted.length === 0 ? (
        <Text c="dimmed">{t('review.noCycle')}</Text>
      ) : (
        <>
          <Select
            label={t('review.cycle')}
            maw={420}
            allowDeselect={false}
            value={cycleId ? String(cycleId) : null}
            onChange={(v) => set('cycle', v)}
            data={sorted.map((c) => ({
              value: String(c.id),
              label: `${formatYear(c.fiscalYear, lang)} · ${c.name[lang]} (${t(`review.cycleStatus.${c.status}`)})`,
            }))}
          />
          <Tabs value={tab} onChange={(v) => set('tab', v === 'coding' ? 'coding' : null)}>
            <Tabs.List>
              <Tabs.Tab value="queue">{t('review.tabQueue')}</Tabs.Tab>
              <Tabs.Tab value="coding">{t('review.tabCoding')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="queue" pt="md">
              {cycleId !== undefined && <QueuePanel cycleId={cycleId} />}
            </Tabs.Panel>
            <Tabs.Panel value="coding" pt="md">
              {cycleId !== undefined && tab === 'coding' && <CodingPanel cycleId={cycleId} />}
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}

function QueuePanel({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<QueueStatus>('all');
  const [track, setTrack] = useState('');
  const [q, setQ] = useState('');
  const queue = useQueue(cycleId, status, track, q);

  const data = queue.data;
  const claims = data?.claims;
  const done = claims ? claims.verified + claims.rejected : 0;

  return (
    <Stack gap="md">
      {data && (
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
          {claims && claims.total > 0 && (
            <Stack gap={4} mt="sm">
              <Text size="sm">{t('review.claimsProgress', { done, total: claims.total })}</Text>
              <Progress
                value={(100 * done) / claims.total}
                aria-label={t('review.claimsProgress', { done, total: claims.total })}
              />
            </Stack>
          )}
        </Paper>
      )}
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('review.status')}
          w={260}
          allowDeselect={false}
          value={status}
          onChange={(v) => setStatus((v as QueueStatus) ?? 'all')}
          data={[
            { value: 'all', label: t('review.allStatuses') },
            { value: 'submitted', label: t('review.statuses.submitted') },
            { value: 'returned', label: t('review.statuses.returned') },
            { value: 'verified', label: t('review.statuses.verified') },
          ]}
        />
        <Select
          label={t('review.track')}
          w={200}
          allowDeselect={false}
          value={track}
          onChange={(v) => setTrack(v ?? '')}
          data={[
            { value: '', label: t('review.allTracks') },
            { value: 'department', label: t('review.tracks.department') },
            { value: 'province', label: t('review.tracks.province') },
          ]}
        />
        <TextInput
          label={t('review.search')}
          placeholder={t('review.searchPlaceholder')}
          w={300}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </Group>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t('review.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="review-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('review.agency')}</Table.Th>
                <Table.Th scope="col">{t('review.track')}</Table.Th>
                <Table.Th scope="col">{t('review.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('review.round')}
                </Table.Th>
                <Table.Th scope="col">{t('review.submittedAt')}</Table.Th>
                <Table.Th scope="col">{t('review.claims')}</Table.Th>
                <Table.Th scope="col">{t('review.levelSelfVerified')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('review.open')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((i) => (
                <Table.Tr key={i.responseId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {i.agencyName[lang]}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {i.agencyCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`review.tracks.${i.track}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={STATUS_COLOR[i.status]}>
                      {t(`review.statuses.${i.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{i.round}</Table.Td>
                  <Table.Td>{i.submittedAt ? formatDate(i.submittedAt, lang) : '—'}</Table.Td>
                  <Table.Td>
                    {i.claims.pending} / {i.claims.verified} / {i.claims.rejected}
                  </Table.Td>
                  <Table.Td>
                    {i.selfOverall ?? '—'} / {i.verifiedOverall ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={`/review/${i.responseId}`}
                      size="xs"
                      aria-label={`${t('review.open')} ${i.agencyName[lang]}`}
                    >
                      {t('review.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
