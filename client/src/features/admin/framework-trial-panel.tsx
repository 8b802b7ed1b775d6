import type { Track } from '@dg/shared/schemas/framework';
import type { TrialAnswer } from '@dg/shared/schemas/framework-trial';
import type { Result } from '@dg/shared/schemas/result';
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconFlask, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, LoadError, Loading } from '../../components/page-state';
import { type QuestionState, toEngineAnswer } from '../../components/questions/question-state';
import { useFrameworkTrial, useTrialActions } from './trial-api';

/**
 * The server-side trial run of a draft: staff answer the preview as a test department or province,
 * save those answers to the trial and read the engine's levels and explanations. The trial is
 * never a cycle, so no statistics, export, open data or monitoring include it; discarding deletes
 * every test answer (opening the real cycle does too).
 */
export function FrameworkTrialPanel({
  frameworkId,
  track,
  answers,
  visible,
  draftDirty,
  onLoadAnswers,
  onDiscarded,
}: {
  frameworkId: number;
  track: Track;
  answers: Record<string, QuestionState>;
  visible: ReadonlySet<string> | null;
  draftDirty: boolean;
  onLoadAnswers(answers: Record<string, TrialAnswer>): void;
  onDiscarded(): void;
}) {
  const { t } = useTranslation();
  const trial = useFrameworkTrial(frameworkId, true);
  const actions = useTrialActions(frameworkId);
  const fail = (e: unknown) => notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
  if (trial.isPending) return <Loading />;
  if (trial.isError) return <LoadError error={trial.error} onRetry={() => void trial.refetch()} />;
  const trackName = t(`admin.agencies.trackName.${track}`);

  if (trial.data === null) {
    return (
      <Alert
        color="#6a3d00"
        icon={<IconFlask aria-hidden />}
        title={t('authoring.trialNone')}
        data-testid="trial-result"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('authoring.trialNotice')}</Text>
          <Button
            size="xs"
            onClick={() => actions.open.mutate(undefined, { onError: fail })}
            loading={actions.open.isPending}
          >
            {t('authoring.trialOpen')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  const server = trial.data.tracks.find((x) => x.track === track);
  const toSend: Record<string, TrialAnswer> = {};
  for (const [code, s] of Object.entries(answers)) {
    if (visible && !visible.has(code)) continue;
    const a = toEngineAnswer(s);
    if (a.notApplicable) toSend[code] = { notApplicable: a.notApplicable };
    else if (a.value !== null && a.value !== undefined) toSend[code] = { value: a.value };
  }
  const count = Object.keys(toSend).length;
  return (
    <Stack gap="sm" data-testid="trial-result" component="section" aria-labelledby="trial-title">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Badge
            color="#6a3d00"
            variant="filled"
            leftSection={<IconFlask size={14} aria-hidden />}
            data-testid="trial-badge"
          >
            {t('authoring.trialBadge')}
          </Badge>
          <Title order={3} id="trial-title">
            {t('authoring.trialTitle', { track: trackName })}
          </Title>
        </Group>
        <Button
          size="xs"
          variant="light"
          color="#b71c1c"
          leftSection={<IconTrash size={16} aria-hidden />}
          loading={actions.discard.isPending}
          onClick={() =>
            actions.discard.mutate(undefined, {
              onSuccess: (r) => {
                onDiscarded();
                notifications.show({ color: 'green', message: t('authoring.trialDiscarded', { count: r.answers }) });
              },
              onError: fail,
            })
          }
        >
          {t('authoring.trialDiscard')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('authoring.trialNotice')}
      </Text>
      {draftDirty && <Alert color="gray">{t('authoring.trialSaveDraftFirst')}</Alert>}
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          disabled={draftDirty}
          loading={actions.save.isPending}
          onClick={() => actions.save.mutate({ track, answers: toSend }, { onError: fail })}
        >
          {t('authoring.trialSave', { track: trackName, count })}
        </Button>
        {server && server.answered > 0 && (
          <Button size="xs" variant="subtle" onClick={() => onLoadAnswers(server.answers)}>
            {t('authoring.trialLoad', { count: server.answered })}
          </Button>
        )}
      </Group>
      <Text size="sm" data-testid="trial-answered">
        {t('authoring.trialSaved', { count: server?.answered ?? 0 })}
      </Text>
      {server?.result ? (
        <TrialResult result={server.result} />
      ) : (
        <Alert color="gray">{server?.problem ? server.problem.th : t('authoring.trialInvalid')}</Alert>
      )}
    </Stack>
  );
}

function TrialResult({ result }: { result: Result }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
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
  );
}
