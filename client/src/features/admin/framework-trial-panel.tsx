import { compileFramework } from '@dg/shared/domain/criteria';
import { computeResult } from '@dg/shared/domain/maturity-engine';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Track } from '@dg/shared/schemas/framework';
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuestionState, toEngineAnswer } from '../../components/questions/question-state';

/**
 * A trial run of a draft: the engine's levels and explanations for the answers typed into the
 * preview, computed in the browser. Trial answers are never sent to the server, so no analytics,
 * export, open data or monitoring figure can include them; discarding them clears the page.
 */
export function FrameworkTrialPanel({
  framework,
  track,
  answers,
  onDiscard,
}: {
  framework: Framework;
  track: Track;
  answers: Record<string, QuestionState>;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const result = useMemo(() => {
    try {
      const map: AnswerMap = {};
      for (const [code, s] of Object.entries(answers)) map[code] = toEngineAnswer(s);
      return computeResult(compileFramework(framework, track), map, { basis: 'self', frameworkHash: 'trial' });
    } catch {
      // A draft that does not validate yet cannot be scored; the validation summary says why.
      return null;
    }
  }, [framework, track, answers]);
  const count = Object.keys(answers).length;
  return (
    <Stack gap="sm" data-testid="trial-result" component="section" aria-labelledby="trial-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} id="trial-title">
          {t('authoring.trialTitle', { track: t(`admin.agencies.trackName.${track}`) })}
        </Title>
        <Button
          size="xs"
          variant="light"
          color="#b71c1c"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={onDiscard}
          disabled={count === 0}
        >
          {t('authoring.trialDiscard', { count })}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('authoring.trialNotice')}
      </Text>
      {result === null ? (
        <Alert color="gray">{t('authoring.trialInvalid')}</Alert>
      ) : (
        <>
          <Group gap="xs">
            <Text fw={500}>{t('authoring.trialOverall')}</Text>
            <Badge size="lg" color="#0b4f8a" variant="filled" data-testid="trial-overall">
              {result.overall.level === null
                ? t('authoring.trialNoLevel')
                : `${result.overall.level} · ${result.overall.levelName?.[lang] ?? ''}`}
            </Badge>
          </Group>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('authoring.pillars')}</Table.Th>
                  <Table.Th scope="col">{t('authoring.trialLevel')}</Table.Th>
                  <Table.Th scope="col">{t('authoring.trialWhy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.pillars.map((p) => (
                  <Table.Tr key={p.key} data-pillar={p.key}>
                    <Table.Th scope="row">
                      {p.number}. {p.name[lang]}
                    </Table.Th>
                    <Table.Td>
                      {p.level === null ? t('authoring.trialNoLevel') : `${p.level} · ${p.levelName?.[lang] ?? ''}`}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('authoring.trialMet', {
                          met: p.criteria.filter((c) => c.state === 'met').length,
                          total: p.criteria.length,
                        })}
                      </Text>
                      {p.nextLevel && (
                        <Text size="sm" c="dimmed">
                          {p.nextLevel.summary[lang]}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
