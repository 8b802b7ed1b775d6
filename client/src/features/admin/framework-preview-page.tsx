import { visibleQuestions } from '@dg/shared/domain/conditions';
import { formatYear } from '@dg/shared/domain/dates';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Pillar, Question, Track } from '@dg/shared/schemas/framework';
import { Alert, Anchor, Badge, Group, SegmentedControl, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, StaffOnly } from '../../components/page-state';
import { QuestionField } from '../../components/questions/question-field';
import { EMPTY_STATE, type Lang, type QuestionState, toEngineAnswer } from '../../components/questions/question-state';
import { useFrameworkDocument } from './api';
import { conditionText } from './condition-text';

export function FrameworkPreviewPage() {
  return (
    <StaffOnly>
      <PreviewContent />
    </StaffOnly>
  );
}

export const questionsOf = (pillar: Pillar, track: Track) =>
  pillar.indicators
    .map((indicator) => ({ indicator, questions: indicator.questions.filter((q) => q.tracks.includes(track)) }))
    .filter((g) => g.questions.length > 0);

function PreviewContent() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const id = Number(useParams().id);
  const doc = useFrameworkDocument(id);
  const [track, setTrack] = useState<Track>('department');
  const [tryMode, setTryMode] = useState(false);
  const [answers, setAnswers] = useState<Record<string, QuestionState>>({});
  const [pillarKey, setPillarKey] = useState<string | null>(null);

  const framework = doc.data?.framework;
  const visible = useMemo(() => {
    if (!framework || !tryMode) return null;
    const map: AnswerMap = {};
    for (const [code, s] of Object.entries(answers)) map[code] = toEngineAnswer(s);
    return visibleQuestions(framework, track, map);
  }, [framework, tryMode, answers, track]);
  const onChange = useCallback((code: string, next: QuestionState) => {
    setAnswers((prev) => ({ ...prev, [code]: next }));
  }, []);

  if (doc.isPending) return <Loading />;
  if (doc.isError) return <LoadError error={doc.error} onRetry={() => void doc.refetch()} />;
  const fw = doc.data.framework;
  const active = pillarKey ?? fw.pillars[0]?.key ?? null;

  return (
    <Stack gap="lg" maw={1280}>
      <Anchor component={Link} to="/admin/frameworks" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('admin.preview.back')}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Title order={2}>{t('admin.preview.title')}</Title>
        <Text fw={500}>{fw.title[lang]}</Text>
        <Group gap="xs">
          <Badge variant="light" ff="monospace">
            {fw.code}
          </Badge>
          <Badge variant="outline" color="gray">
            {formatYear(fw.year, lang)}
          </Badge>
        </Group>
      </Stack>
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t('admin.preview.notice')}
      </Alert>
      <Group justify="space-between" align="center" wrap="wrap">
        <Group gap="sm">
          <Text id="preview-track-label" size="sm" fw={500}>
            {t('admin.preview.track')}
          </Text>
          <SegmentedControl
            aria-labelledby="preview-track-label"
            value={track}
            onChange={(v) => setTrack(v as Track)}
            data={[
              { value: 'department', label: t('admin.agencies.trackName.department') },
              { value: 'province', label: t('admin.agencies.trackName.province') },
            ]}
          />
        </Group>
        <Switch
          checked={tryMode}
          onChange={(e) => setTryMode(e.currentTarget.checked)}
          label={t('admin.preview.tryAnswers')}
        />
      </Group>

      <Tabs
        value={active}
        onChange={setPillarKey}
        orientation="vertical"
        variant="pills"
        keepMounted={false}
        styles={{
          list: { width: 260, flexShrink: 0 },
          panel: { minWidth: 0 },
          tab: { justifyContent: 'flex-start', textAlign: 'start', whiteSpace: 'normal', height: 'auto' },
        }}
      >
        <Tabs.List aria-label={t('admin.preview.pillarsNav')}>
          {fw.pillars.map((p) => {
            const n = questionsOf(p, track).reduce((s, g) => s + g.questions.length, 0);
            return (
              <Tabs.Tab key={p.key} value={p.key}>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {p.number}. {p.name[lang]}
                  </Text>
                  <Text size="xs" c={active === p.key ? undefined : 'dimmed'}>
                    {t('admin.preview.questionCount', { count: n })}
                  </Text>
                </Stack>
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {fw.pillars.map((p) => (
          <Tabs.Panel key={p.key} value={p.key} pl="lg">
            <PillarPreview
              framework={fw}
              pillar={p}
              track={track}
              lang={lang}
              tryMode={tryMode}
              visible={visible}
              answers={answers}
              onChange={onChange}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

export interface PillarPreviewProps {
  framework: Framework;
  pillar: Pillar;
  track: Track;
  lang: Lang;
  tryMode: boolean;
  visible: ReadonlySet<string> | null;
  answers: Record<string, QuestionState>;
  onChange(code: string, next: QuestionState): void;
}

export function PillarPreview({ pillar, track, lang, tryMode, visible, answers, onChange }: PillarPreviewProps) {
  const { t } = useTranslation();
  const groups = questionsOf(pillar, track);
  const hidden = visible ? groups.reduce((s, g) => s + g.questions.filter((q) => !visible.has(q.code)).length, 0) : 0;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={3}>
          {pillar.number}. {pillar.name[lang]}
        </Title>
        {pillar.description && <Text c="dimmed">{pillar.description[lang]}</Text>}
        <Group gap={6} aria-label={t('admin.preview.levels')} role="group">
          {pillar.levelNames.map((name, i) => (
            <Badge key={name.en} variant="light" color="gray" tt="none">
              {i + 1} · {name[lang]}
            </Badge>
          ))}
        </Group>
      </Stack>
      {groups.length === 0 && <Text c="dimmed">{t('admin.preview.noQuestions')}</Text>}
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          {t('admin.preview.hidden', { count: hidden })}
        </Text>
      )}
      {groups.map(({ indicator, questions }) => (
        <Stack key={indicator.code} gap="sm">
          <Title order={4}>
            <Text span ff="monospace" c="dimmed" size="sm" mr={8}>
              {indicator.code}
            </Text>
            {indicator.name[lang]}
          </Title>
          {questions
            .filter((q) => !visible || visible.has(q.code))
            .map((q) => (
              <PreviewQuestion
                key={q.code}
                question={q}
                tryMode={tryMode}
                state={answers[q.code] ?? EMPTY_STATE}
                onChange={onChange}
              />
            ))}
        </Stack>
      ))}
    </Stack>
  );
}

function PreviewQuestion({
  question,
  tryMode,
  state,
  onChange,
}: {
  question: Question;
  tryMode: boolean;
  state: QuestionState;
  onChange(code: string, next: QuestionState): void;
}) {
  const { t } = useTranslation();
  const badges = question.showIf ? (
    <Badge size="sm" variant="outline" color="grape" tt="none" title={conditionText(question.showIf)}>
      {t('admin.preview.showIf', { condition: conditionText(question.showIf) })}
    </Badge>
  ) : null;
  return (
    <QuestionField
      question={question}
      state={tryMode ? state : EMPTY_STATE}
      onChange={(next) => onChange(question.code, next)}
      disabled={!tryMode}
      badges={badges}
    />
  );
}
