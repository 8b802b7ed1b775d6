import type { Framework } from '@dg/shared/schemas/framework';
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChangesPayload } from './queries';

/** Who else of the agency has the questionnaire open, and on which pillar. */
export function CoEditorsCard({ others, framework }: { others: ChangesPayload['others']; framework: Framework }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="others-title">
      <Group gap="xs" mb="xs">
        <IconUsers size={16} aria-hidden />
        <Title order={3} size="h6" id="others-title">
          {t('questionnaire.others.title')}
        </Title>
      </Group>
      {others.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('questionnaire.others.none')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="others">
          {others.map((o) => {
            const p = framework.pillars.find((x) => x.key === o.pillarKey);
            return (
              <Text key={o.userId} size="sm">
                {o.name}{' '}
                {p && (
                  <Text span size="xs" c="dimmed">
                    {t('questionnaire.others.at', { pillar: `${p.number}` })}
                  </Text>
                )}
              </Text>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
