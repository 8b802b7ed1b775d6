import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CyclePicker, useCyclePick } from '../../components/cycle-picker';
import { LoadError, Loading, StaffOnly } from '../../components/page-state';
import { useUpdateParams } from '../../lib/url-params';
import { CodingPanel } from './coding-panel';
import { QueuePanel } from './queue-grid';

export function ReviewQueuePage() {
  return (
    <StaffOnly>
      <ReviewQueueContent />
    </StaffOnly>
  );
}

function ReviewQueueContent() {
  const { t } = useTranslation();
  const { cycles, sorted, cycleId, choose } = useCyclePick();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const tab = params.get('tab') === 'coding' ? 'coding' : 'queue';

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
          <CyclePicker label={t('review.cycle')} cycles={sorted} value={cycleId} onChange={choose} />
          <Tabs
            value={tab}
            onChange={(v) =>
              update((next) => {
                if (v === 'coding') next.set('tab', 'coding');
                else next.delete('tab');
              })
            }
          >
            <Tabs.List>
              <Tabs.Tab value="queue">{t('review.tabQueue')}</Tabs.Tab>
              <Tabs.Tab value="coding">{t('review.tabCoding')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="queue" pt="md">
              {cycleId !== undefined && tab === 'queue' && <QueuePanel key={cycleId} cycleId={cycleId} />}
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
