import { visibleQuestions } from '@dg/shared/domain/conditions';
import { formatYear } from '@dg/shared/domain/dates';
import { formatPath, validateFramework } from '@dg/shared/domain/framework-validate';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Pillar, Question, Track } from '@dg/shared/schemas/framework';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconDeviceFloppy } from '@tabler/icons-react';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { type QuestionState, stateFromStored, toEngineAnswer } from '../../components/questions/question-state';
import { ApiRequestError } from '../../lib/api';
import { useFrameworkDraft, useSaveDraft } from './authoring-api';
import { PillarPreview } from './framework-preview-page';
import { LevelRulesEditor, QuestionEditor } from './framework-question-editor';
import { FrameworkStructureBar } from './framework-structure-bar';
import { FrameworkTrialPanel } from './framework-trial-panel';

export function FrameworkEditorPage() {
  return (
    <StaffOnly>
      <EditorContent />
    </StaffOnly>
  );
}

interface Located {
  question: Question;
  pillar: Pillar;
  pi: number;
  ii: number;
  qi: number;
  /** Every question before this one in document order: what its conditions may read. */
  earlier: Question[];
}

function locate(fw: Framework, code: string | null): Located | null {
  const earlier: Question[] = [];
  for (const [pi, pillar] of fw.pillars.entries()) {
    for (const [ii, ind] of pillar.indicators.entries()) {
      for (const [qi, question] of ind.questions.entries()) {
        if (question.code === code) return { question, pillar, pi, ii, qi, earlier: [...earlier] };
        earlier.push(question);
      }
    }
  }
  return null;
}

function EditorContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const id = Number(useParams().id);
  const draft = useFrameworkDraft(id);
  const save = useSaveDraft(id);
  const [fw, setFw] = useState<Framework | null>(null);
  const [hash, setHash] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [track, setTrack] = useState<Track>('department');
  const [trial, setTrial] = useState(false);
  const [answers, setAnswers] = useState<Record<string, QuestionState>>({});
  const onAnswer = useCallback((c: string, next: QuestionState) => setAnswers((prev) => ({ ...prev, [c]: next })), []);
  const visible = useMemo(() => {
    if (!fw || !trial) return null;
    const map: AnswerMap = {};
    for (const [c, s] of Object.entries(answers)) map[c] = toEngineAnswer(s);
    try {
      return visibleQuestions(fw, track, map);
    } catch {
      return null;
    }
  }, [fw, trial, answers, track]);

  useEffect(() => {
    if (draft.data) {
      setFw(draft.data.framework);
      setHash(draft.data.hash);
      setDirty(false);
      setStale(false);
      setCode((c) => c ?? draft.data.framework.pillars[0]?.indicators[0]?.questions[0]?.code ?? null);
    }
  }, [draft.data]);

  // The shared validator runs in the browser on every edit; deferred so typing stays responsive.
  const deferred = useDeferredValue(fw);
  const validation = useMemo(
    () => (deferred ? validateFramework(deferred, { previous: draft.data?.previous ?? undefined }) : null),
    [deferred, draft.data?.previous],
  );
  const issues = validation && !validation.ok ? validation.issues : [];
  const errorAt = (pathText: string) => {
    const found = issues.find((i) => i.pathText === pathText);
    return found ? (lang === 'th' ? found.messageTh : found.message) : undefined;
  };

  if (draft.isPending) return <Loading />;
  if (draft.isError) return <LoadError error={draft.error} onRetry={() => void draft.refetch()} />;
  if (!fw || !hash) return <Loading />;

  const here = locate(fw, code);
  const update = (mutate: (d: Framework) => void) => {
    setFw((prev) => {
      if (!prev) return prev;
      const next = structuredClone(prev);
      mutate(next);
      return next;
    });
    setDirty(true);
  };
  const onSave = () =>
    save.mutate(
      { framework: fw, hash },
      {
        onSuccess: (res) => {
          setHash(res.hash);
          setDirty(false);
          notifications.show({ color: 'green', message: t('authoring.saved') });
        },
        onError: (e) => {
          if (e instanceof ApiRequestError && e.code === 'STALE_REVISION') setStale(true);
          else notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
        },
      },
    );
  const qPath = here ? formatPath(['pillars', here.pi, 'indicators', here.ii, 'questions', here.qi]) : '';
  const questionList = fw.pillars.flatMap((p) =>
    p.indicators.flatMap((i) => i.questions.map((q) => ({ value: q.code, label: `${q.code} · ${q.text[lang]}` }))),
  );

  return (
    <Stack gap="md" maw={1600}>
      <Anchor component={Link} to="/admin/frameworks" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('authoring.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{t('authoring.editorTitle')}</Title>
          <Group gap="xs">
            <Badge variant="light" ff="monospace">
              {fw.code}
            </Badge>
            <Badge variant="outline" color="gray">
              {formatYear(fw.year, lang)}
            </Badge>
            {dirty && (
              <Badge color="#6a3d00" variant="filled" tt="none">
                {t('authoring.unsaved')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Button
          leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          onClick={onSave}
          loading={save.isPending}
          disabled={draft.data.frozen || !dirty || issues.length > 0 || stale}
        >
          {t('authoring.save')}
        </Button>
      </Group>
      {draft.data.frozen && <Alert color="gray">{t('authoring.frozen')}</Alert>}
      {stale && (
        <Alert color="orange" role="alert" icon={<IconAlertTriangle aria-hidden />}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('authoring.stale')}</Text>
            <Button size="xs" variant="light" onClick={() => void draft.refetch()}>
              {t('authoring.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      <Alert
        // Darker than Mantine's green and red so the light alert's title passes AA contrast.
        color={issues.length === 0 ? '#1b5e20' : '#b71c1c'}
        icon={issues.length === 0 ? <IconCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={issues.length === 0 ? t('authoring.valid') : t('authoring.invalid', { count: issues.length })}
        data-testid="editor-validation"
        aria-live="polite"
      >
        {issues.length > 0 && (
          <List size="sm">
            {issues.slice(0, 8).map((i) => (
              <List.Item key={`${i.pathText}-${i.code}`}>{lang === 'th' ? i.messageTh : i.message}</List.Item>
            ))}
          </List>
        )}
      </Alert>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder p="md">
            <Stack gap="md">
              <FrameworkStructureBar
                framework={fw}
                at={here ? { pi: here.pi, ii: here.ii, qi: here.qi } : null}
                disabled={draft.data.frozen}
                onEdit={(edit, select) => {
                  update(edit);
                  setCode(select);
                }}
              />
              <Select
                label={t('authoring.pickQuestion')}
                data={questionList}
                value={code}
                onChange={setCode}
                searchable
                allowDeselect={false}
                maxDropdownHeight={360}
              />
              {here && (
                <QuestionEditor
                  key={here.question.code}
                  question={here.question}
                  path={qPath}
                  earlier={here.earlier}
                  errorAt={errorAt}
                  onChange={(mutate) =>
                    update((d) => {
                      const q = d.pillars[here.pi]?.indicators[here.ii]?.questions[here.qi];
                      if (q) mutate(q);
                    })
                  }
                />
              )}
              {here && (
                <LevelRulesEditor
                  pillar={here.pillar}
                  path={formatPath(['pillars', here.pi])}
                  errorAt={errorAt}
                  onChange={(mutate) =>
                    update((d) => {
                      const p = d.pillars[here.pi];
                      if (p) mutate(p);
                    })
                  }
                />
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="editor-preview-title">
            <Stack gap="md">
              <Group justify="space-between" wrap="wrap">
                <Title order={3} id="editor-preview-title">
                  {t('authoring.preview')}
                </Title>
                <Switch
                  checked={trial}
                  disabled={draft.data.frozen}
                  onChange={(e) => setTrial(e.currentTarget.checked)}
                  label={t('authoring.trialSwitch')}
                />
                <SegmentedControl
                  aria-label={t('admin.preview.track')}
                  value={track}
                  onChange={(v) => setTrack(v as Track)}
                  data={[
                    { value: 'department', label: t('admin.agencies.trackName.department') },
                    { value: 'province', label: t('admin.agencies.trackName.province') },
                  ]}
                />
              </Group>
              {trial && (
                <FrameworkTrialPanel
                  frameworkId={id}
                  track={track}
                  answers={answers}
                  visible={visible}
                  draftDirty={dirty}
                  onLoadAnswers={(saved) =>
                    setAnswers(
                      Object.fromEntries(
                        Object.entries(saved).map(([c, a]) => [
                          c,
                          stateFromStored({ value: a.value ?? null, notApplicable: a.notApplicable ?? null }),
                        ]),
                      ),
                    )
                  }
                  onDiscarded={() => setAnswers({})}
                />
              )}
              {here && (
                <div data-testid="editor-preview">
                  <PillarPreview
                    framework={fw}
                    pillar={here.pillar}
                    track={track}
                    lang={lang}
                    tryMode={trial}
                    visible={visible}
                    answers={answers}
                    onChange={onAnswer}
                  />
                </div>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
