import { compileFramework } from '@dg/shared/domain/criteria';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { computeResults } from '@dg/shared/domain/maturity-engine';
import { UserSummaryListSchema } from '@dg/shared/schemas/accounts';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { SessionUser as AuthUser } from '@dg/shared/schemas/auth';
import { CycleFrameworkSchema, CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import { type CycleSummary, ResponseDetailSchema } from '@dg/shared/schemas/questionnaire';
import { ResultsDashboardSchema } from '@dg/shared/schemas/report';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiRequestError, getJson } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

type Lang = 'th' | 'en';

/** The open cycle, else the newest visible one (the questionnaire picks the same way). */
function currentCycle(cycles: readonly CycleSummary[]): CycleSummary | null {
  const visible = cycles.filter((c) => c.status !== 'draft').sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id);
  return visible.find((c) => c.status === 'open') ?? visible[0] ?? null;
}

/** A CIO's or coordinator's next steps: the cycle, its deadline, progress by pillar, what was returned, who helps. */
export function RespondentHome({ user }: { user: AuthUser }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const cycles = useQuery({ queryKey: ['cycles'], queryFn: () => getJson('/api/cycles', CycleSummaryListSchema) });
  const cycle = cycles.data ? currentCycle(cycles.data) : null;
  const framework = useQuery({
    queryKey: ['cycles', cycle?.id ?? 0, 'framework'],
    queryFn: () => getJson(`/api/cycles/${cycle?.id}/framework`, CycleFrameworkSchema),
    enabled: Boolean(cycle),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const detail = useQuery({
    queryKey: ['cycles', cycle?.id ?? 0, 'my-response'],
    queryFn: () => getJson(`/api/cycles/${cycle?.id}/my-response`, ResponseDetailSchema),
    enabled: Boolean(cycle),
  });
  const people = useQuery({
    queryKey: ['agency', 'users'],
    queryFn: () => getJson('/api/agency/users', UserSummaryListSchema),
    enabled: user.role === 'cio',
  });
  const result = useMemo(() => {
    if (!framework.data || !detail.data) return null;
    const answers: AnswerMap = {};
    for (const a of detail.data.answers) {
      answers[a.questionCode] = {
        value: a.value as never,
        ...(a.notApplicable ? { notApplicable: a.notApplicable } : {}),
      } as AnswerMap[string];
    }
    const compiled = compileFramework(framework.data.framework, detail.data.response.track);
    return computeResults(compiled, answers, { frameworkHash: framework.data.hash }).selfAssessed;
  }, [framework.data, detail.data]);

  if (cycles.isPending || (cycle && (framework.isPending || detail.isPending)))
    return <Loader aria-label={t('state.loading')} />;
  const err = cycles.error ?? framework.error ?? detail.error;
  if (err) return <Alert color="red">{errorMessage(err, t)}</Alert>;
  if (!cycle || !detail.data || !result) return <Alert color="gray">{t('questionnaire.noCycle')}</Alert>;
  const response = detail.data.response;
  const returnedItems = response.status === 'returned' ? detail.data.comments.filter((c) => c.questionCode) : [];
  const coEditors = (people.data ?? []).filter((p) => !p.disabled && p.id !== user.id && p.role !== 'viewer');
  // Where each returned question sits, so the list names it by its text and jumps to it.
  const placeOf = new Map<string, { pillarKey: string; text: string }>();
  for (const p of framework.data?.framework.pillars ?? [])
    for (const ind of p.indicators)
      for (const q of ind.questions) placeOf.set(q.code, { pillarKey: p.key, text: q.text[lang] });
  return (
    <Stack gap="lg" maw={1100} data-testid="home-respondent">
      <Stack gap={4}>
        <Title order={2}>{cycle.name[lang]}</Title>
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {t('questionnaire.fiscalYear', { year: formatYear(cycle.fiscalYear, lang) })}
          </Badge>
          <Badge tt="none" color={response.status === 'returned' ? 'red.8' : 'gray.7'} data-testid="home-status">
            {t(`questionnaire.status.${response.status}`)}
          </Badge>
          {response.deadline && (
            <Text size="sm" fw={500} data-testid="home-deadline">
              {t('questionnaire.deadline', { date: formatDate(response.deadline, lang, true) })}
            </Text>
          )}
        </Group>
      </Stack>
      <Group>
        <Button component={Link} to="/questionnaire">
          {response.editable ? t('home.continue') : t('home.open')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('questionnaire.answeredOf', {
            answered: result.completeness.answered,
            required: result.completeness.required,
          })}
        </Text>
      </Group>
      {returnedItems.length > 0 && (
        <Alert color="red" variant="light" title={t('home.returned', { count: returnedItems.length })}>
          <Stack gap={4}>
            {returnedItems.slice(0, 10).map((c) => {
              const place = c.questionCode ? placeOf.get(c.questionCode) : undefined;
              return (
                <Stack key={c.id} gap={0} data-testid="home-returned-item">
                  {place && c.questionCode ? (
                    <Anchor
                      component={Link}
                      to={`/questionnaire?pillar=${place.pillarKey}&q=${encodeURIComponent(c.questionCode)}`}
                      size="sm"
                      fw={500}
                    >
                      {place.text}
                    </Anchor>
                  ) : null}
                  <Text size="sm">{c.comment}</Text>
                </Stack>
              );
            })}
          </Stack>
        </Alert>
      )}
      <Title order={3} size="h4">
        {t('home.progressByPillar')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {result.pillars.map((p) => (
          <Card key={p.key} withBorder padding="md" component={Link} to={`/questionnaire?pillar=${p.key}`}>
            <Text size="sm" fw={500} lineClamp={2}>
              {t('questionnaire.pillarN', { number: p.number })} {p.name[lang]}
            </Text>
            <Progress value={Math.round(p.completeness.share * 100)} mt="xs" aria-hidden />
            <Text size="xs" c="dimmed" mt={4}>
              {t('questionnaire.answeredOf', { answered: p.completeness.answered, required: p.completeness.required })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {user.role === 'cio' && (
        <Card withBorder padding="md" component="section" aria-labelledby="home-people">
          <Title order={3} size="h5" id="home-people">
            {t('home.coEditors')}
          </Title>
          {coEditors.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('home.noCoEditors')}
            </Text>
          ) : (
            coEditors.map((p) => (
              <Text key={p.id} size="sm">
                {p.displayName} · {t(`roles.${p.role}`)}
              </Text>
            ))
          )}
        </Card>
      )}
    </Stack>
  );
}

/** An agency viewer: the latest result and how it changed from the year before. */
export function ViewerHome({ user }: { user: AuthUser }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const cycles = useQuery({ queryKey: ['cycles'], queryFn: () => getJson('/api/cycles', CycleSummaryListSchema) });
  const latest = (cycles.data ?? [])
    .filter((c) => c.status === 'published')
    .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  const dash = useQuery({
    queryKey: ['results', latest?.id ?? 0, user.agencyId ?? 0],
    queryFn: () => getJson(`/api/results/${latest?.id}/agency/${user.agencyId}`, ResultsDashboardSchema),
    enabled: Boolean(latest && user.agencyId),
    retry: false,
  });
  const prevId = dash.data?.previousCycle?.id;
  const prev = useQuery({
    queryKey: ['results', prevId ?? 0, user.agencyId ?? 0],
    queryFn: () => getJson(`/api/results/${prevId}/agency/${user.agencyId}`, ResultsDashboardSchema),
    enabled: Boolean(prevId && user.agencyId),
    retry: false,
  });
  if (cycles.isPending || (latest && dash.isPending)) return <Loader aria-label={t('state.loading')} />;
  // A result that exists but could not be loaded is an error, not "no result yet".
  const failed =
    cycles.error ?? (dash.error instanceof ApiRequestError && dash.error.status === 404 ? null : dash.error);
  if (failed) return <Alert color="red">{errorMessage(failed, t)}</Alert>;
  if (!latest || !dash.data)
    return (
      <Stack gap="md" maw={1100} data-testid="home-viewer">
        <Title order={2}>{t('home.latestResult')}</Title>
        <Alert color="gray">{t('home.noResult')}</Alert>
        <Button component={Link} to="/questionnaire" variant="light" w="fit-content">
          {t('home.open')}
        </Button>
      </Stack>
    );
  const r = dash.data.result;
  const before = prev.data?.result;
  const delta = (now: number | null, then: number | null | undefined) =>
    now === null || then === null || then === undefined ? null : now - then;
  // Said in words (screen readers and a glance read the same), the arrow only as decoration.
  const change = (d: number | null) =>
    d === null ? (
      t('home.noPrevious')
    ) : d === 0 ? (
      t('home.same')
    ) : (
      <>
        <span aria-hidden>{d > 0 ? '▲ ' : '▼ '}</span>
        {d > 0 ? t('agencyUx.homeUp', { count: d }) : t('agencyUx.homeDown', { count: -d })}
      </>
    );
  const prevLevel = (key: string) => before?.pillars.find((b) => b.key === key)?.level;
  const prevYear = dash.data.previousCycle ? formatYear(dash.data.previousCycle.fiscalYear, lang) : null;
  return (
    <Stack gap="lg" maw={1100} data-testid="home-viewer">
      <Title order={2}>{t('home.latestResult')}</Title>
      <Group gap="xs">
        <Text>{latest.name[lang]}</Text>
        <Badge variant="light" tt="none">
          {t('questionnaire.fiscalYear', { year: formatYear(latest.fiscalYear, lang) })}
        </Badge>
      </Group>
      <Group gap="md">
        <Badge size="xl" tt="none">
          {t('questionnaire.preview.level', { level: r.overall.level ?? '–' })}
        </Badge>
        <Text fw={600}>{r.overall.levelName?.[lang]}</Text>
        <Text size="sm" data-testid="home-change">
          {prevYear ? t('agencyUx.sinceYear', { year: prevYear }) : t('home.sinceLastYear')}:{' '}
          {change(delta(r.overall.level, before?.overall.level))}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {r.pillars.map((p) => (
          <Card key={p.key} withBorder padding="md" data-testid={`home-pillar-${p.key}`}>
            <Text size="sm" fw={500} lineClamp={2}>
              {t('questionnaire.pillarN', { number: p.number })} {p.name[lang]}
            </Text>
            <Text size="sm" mt={4}>
              {t('questionnaire.preview.level', { level: p.level ?? '–' })} · {change(delta(p.level, prevLevel(p.key)))}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Button component={Link} to="/results" variant="light" w="fit-content">
        {t('home.seeResults')}
      </Button>
    </Stack>
  );
}
