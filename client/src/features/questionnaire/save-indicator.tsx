import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCloudOff, IconLoader2 } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveQueue as SaveQueueT } from './save-queue';

/** Whether the answers are saved, saving, offline or in conflict. */
export function SaveIndicator({ queue }: { queue: SaveQueueT }) {
  const { t } = useTranslation();
  const snap = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const map = {
    saved: { color: 'teal.9', icon: <IconCheck size={14} aria-hidden />, text: t('questionnaire.save.saved') },
    saving: { color: 'dgBlue.8', icon: <IconLoader2 size={14} aria-hidden />, text: t('questionnaire.save.saving') },
    offline: { color: 'gray.8', icon: <IconCloudOff size={14} aria-hidden />, text: t('questionnaire.save.offline') },
    conflict: {
      color: 'red.9',
      icon: <IconAlertTriangle size={14} aria-hidden />,
      text: t('questionnaire.save.conflict'),
    },
    error: { color: 'red.9', icon: <IconAlertTriangle size={14} aria-hidden />, text: t('questionnaire.save.error') },
  }[snap.state];
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid="save-state" data-state={snap.state}>
      <Badge color={map.color} variant="outline" size="lg" leftSection={map.icon} tt="none" bg="white">
        {map.text}
      </Badge>
      {snap.pending > 0 && snap.state !== 'saving' && (
        <Text size="xs" c="dimmed">
          {t('questionnaire.save.pending', { count: snap.pending })}
        </Text>
      )}
    </Group>
  );
}
