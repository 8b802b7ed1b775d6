import type { Framework } from '@dg/shared/schemas/framework';
import type { Completeness } from '@dg/shared/schemas/result';
import { Card, NavLink, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../components/questions/question-state';

interface Props {
  framework: Framework;
  /** Indicators that have at least one question for the track, by pillar key. */
  indicatorsByPillar: ReadonlyMap<
    string,
    { code: string; name: Framework['pillars'][number]['indicators'][number]['name'] }[]
  >;
  completeness: readonly Completeness[];
  overall: Completeness;
  current: string;
  onSelect(pillarKey: string): void;
  /** DGA staff see indicator codes (they match them to the framework); agencies see names. */
  showCodes?: boolean;
}

const pct = (c: Completeness) => Math.round(c.share * 100);

export function PillarNav({
  framework,
  indicatorsByPillar,
  completeness,
  overall,
  current,
  onSelect,
  showCodes = false,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <Card withBorder padding="md" radius="md" component="nav" aria-labelledby="qnav-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="qnav-title">
          {t('questionnaire.navLabel')}
        </Title>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('questionnaire.overall')}
          </Text>
          <Progress value={pct(overall)} size="md" aria-label={t('questionnaire.overall')} />
          <Text size="xs" c="dimmed" data-testid="overall-progress">
            {t('questionnaire.answeredOf', { answered: overall.answered, required: overall.required })}
          </Text>
        </Stack>
        <Stack gap={2}>
          {framework.pillars.map((p, i) => {
            const c = completeness[i];
            const active = p.key === current;
            const indicators = indicatorsByPillar.get(p.key) ?? [];
            return (
              <div key={p.key}>
                <NavLink
                  component="button"
                  type="button"
                  active={active}
                  aria-current={active ? 'step' : undefined}
                  onClick={() => onSelect(p.key)}
                  label={`${p.number}. ${p.name[lang]}`}
                  description={
                    c ? (
                      <Stack gap={2} mt={4}>
                        <Progress value={pct(c)} size="xs" color={c.share >= 1 ? 'teal.8' : undefined} aria-hidden />
                        {/* Dark enough on the active item's tinted background too (axe color-contrast). */}
                        <Text span size="xs" c="gray.8">
                          {c.answered}/{c.required}
                        </Text>
                      </Stack>
                    ) : undefined
                  }
                  aria-label={
                    c
                      ? `${p.number}. ${p.name[lang]} — ${t('questionnaire.pillarProgress', { number: p.number, answered: c.answered, required: c.required })}`
                      : undefined
                  }
                  data-testid={`nav-${p.key}`}
                />
                {active && indicators.length > 0 && (
                  <Stack gap={0} pl="md">
                    {indicators.map((ind) => (
                      <NavLink
                        key={ind.code}
                        href={`#ind-${ind.code}`}
                        label={showCodes ? `${ind.code} ${ind.name[lang]}` : ind.name[lang]}
                        styles={{ label: { fontSize: 'var(--mantine-font-size-xs)' } }}
                        py={4}
                      />
                    ))}
                  </Stack>
                )}
              </div>
            );
          })}
        </Stack>
      </Stack>
    </Card>
  );
}
