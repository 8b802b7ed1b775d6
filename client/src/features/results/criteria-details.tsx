import type { PillarCriteria } from '@dg/shared/schemas/criteria-report';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { PillarResult } from '@dg/shared/schemas/result';
import { Accordion, Alert, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Filled, dark shades: white text on them passes WCAG AA contrast (light badges did not). */
const stateColor = (state: string) =>
  state === 'met' ? '#1e6b30' : state === 'rejected' ? '#b02525' : state === 'not_applicable' ? '#495057' : '#a63e00';

/**
 * Each pillar's plan for its next level, then its criteria by indicator: what each criterion means,
 * the agency's answer that met or missed it, and what to do to meet it. Stacked blocks rather than a
 * table, so a phone reads them without scrolling sideways.
 */
export function CriteriaDetails({
  pillars,
  criteria,
  showCodes = false,
}: {
  pillars: readonly PillarResult[];
  criteria: readonly PillarCriteria[];
  /** DGA staff see indicator codes (they match them to the framework); agencies see names only. */
  showCodes?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const tx = (x: LocalizedText | null | undefined) => (x ? x[lang] : '–');
  return (
    <Accordion variant="separated" multiple>
      {pillars.map((p) => {
        const groups = criteria.find((c) => c.key === p.key)?.indicators ?? [];
        const all = groups.flatMap((g) => g.criteria);
        const met = all.filter((c) => c.state === 'met').length;
        return (
          <Accordion.Item key={p.key} value={p.key} data-testid={`criteria-${p.key}`}>
            <Accordion.Control>
              <Text fw={600} component="span">
                {t('results.pillarN', { number: p.number })} {tx(p.name)} —{' '}
                {p.level ? t('results.level', { level: p.level }) : t('results.notAssessable')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('results.metCount', { met, total: all.length })}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              {p.nextLevel ? (
                <Alert
                  color="blue"
                  variant="light"
                  mb="md"
                  title={t('results.next', { level: p.nextLevel.targetLevel, name: tx(p.nextLevel.targetLevelName) })}
                >
                  <Text size="sm" mb={4}>
                    {tx(p.nextLevel.summary)}
                  </Text>
                  <List size="sm" type="ordered">
                    {p.nextLevel.actions.map((a) => (
                      <List.Item key={a.criterionId}>
                        {tx(a.action)}{' '}
                        {a.required && (
                          <Badge size="xs" variant="outline">
                            {t('results.required')}
                          </Badge>
                        )}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              ) : (
                <Text c="dimmed" mb="sm">
                  {t('results.atTop')}
                </Text>
              )}
              <Stack gap="lg">
                {groups.map((g) => (
                  <section key={g.code || 'other'} data-testid={`indicator-${g.code}`}>
                    <Title order={4} size="h5" mb={6}>
                      {showCodes && g.code ? `${g.code} ${tx(g.name)}` : tx(g.name)}
                    </Title>
                    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                      {g.criteria.map((c) => (
                        <Paper component="li" key={c.id} withBorder p="xs" data-testid="criterion">
                          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                            <Text size="sm" fw={500} style={{ minWidth: 0 }} data-testid="criterion-label">
                              {tx(c.label)}
                              {c.required && (
                                <Badge size="xs" variant="outline" ml={6}>
                                  {t('results.required')}
                                </Badge>
                              )}
                            </Text>
                            <Badge variant="filled" color={stateColor(c.state)} style={{ flexShrink: 0 }}>
                              {t(`results.states.${c.state}`)}
                            </Badge>
                          </Group>
                          <Text size="xs" c="dimmed" mt={2}>
                            {t('results.levelShort')} {c.level} · {t('results.agencyAnswer')}:{' '}
                            {c.hidden ? t('results.notAsked') : c.answer ? tx(c.answer) : t('results.noAnswer')}
                          </Text>
                          {c.state !== 'met' && c.state !== 'not_applicable' && (
                            <Text size="xs" c="blue.8" mt={2}>
                              {t('results.todo')}: {tx(c.action)}
                            </Text>
                          )}
                        </Paper>
                      ))}
                    </Stack>
                  </section>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
