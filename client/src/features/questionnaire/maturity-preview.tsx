import type { PillarResult, Result } from '@dg/shared/schemas/result';
import { Badge, Card, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../components/questions/question-state';

/** The pillar's level on the current answers, and what would raise it. */
export function MaturityPreview({ result, pillar }: { result: Result; pillar: PillarResult | undefined }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  if (!pillar) return null;
  const next = pillar.nextLevel;
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="preview-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="preview-title">
          {t('questionnaire.preview.title')}
        </Title>
        <Text size="sm" fw={500}>
          {t('questionnaire.pillarN', { number: pillar.number })} · {pillar.name[lang]}
        </Text>
        {pillar.level === null ? (
          <Text size="sm" c="dimmed" data-testid="preview-level">
            {t('questionnaire.preview.notAssessable')}
          </Text>
        ) : (
          <Group gap="xs" data-testid="preview-level">
            <Badge size="lg" variant="filled">
              {t('questionnaire.preview.level', { level: pillar.level })}
            </Badge>
            <Text fw={600}>{pillar.levelName?.[lang]}</Text>
          </Group>
        )}
        {pillar.score !== null && pillar.mode !== 'staged' && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('questionnaire.preview.score', { score: pillar.score.toFixed(2) })}
            </Text>
            <Progress
              value={pillar.score}
              size="sm"
              aria-label={t('questionnaire.preview.score', { score: pillar.score.toFixed(2) })}
            />
          </Stack>
        )}
        <Text size="sm" fw={500} mt="xs">
          {t('questionnaire.preview.toRaise')}
        </Text>
        {next ? (
          <>
            <Text size="sm">{next.summary[lang]}</Text>
            {next.actions.length > 0 && (
              <List size="sm" spacing={6}>
                {next.actions.slice(0, 6).map((a) => (
                  <List.Item key={a.criterionId}>
                    <Badge size="xs" variant="light" mr={6}>
                      {a.level}
                    </Badge>
                    {a.action[lang]}
                  </List.Item>
                ))}
              </List>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('questionnaire.preview.top')}
          </Text>
        )}
        {result.overall.level !== null && (
          <Text size="xs" c="dimmed">
            {lang === 'th' ? 'ภาพรวม' : 'Overall'}: {t('questionnaire.preview.level', { level: result.overall.level })}{' '}
            {result.overall.levelName?.[lang]}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('questionnaire.preview.note')}
        </Text>
      </Stack>
    </Card>
  );
}
