import type { Framework } from '@dg/shared/schemas/framework';
import type { Evidence } from '@dg/shared/schemas/questionnaire';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Lang, QuestionState } from '../../components/questions/question-state';
import type { Comment, FormValues, RawValues, TrackQuestion } from './form-types';
import { QuestionItem } from './question-item';
import type { SaveQueue as SaveQueueT } from './save-queue';

interface Props {
  pillar: Framework['pillars'][number];
  /** The pillar's visible questions, in document order. */
  questionsOfPillar: readonly TrackQuestion[];
  indicators: readonly { code: string; name: Framework['pillars'][number]['indicators'][number]['name'] }[];
  form: UseFormReturn<FormValues>;
  rawForm: UseFormReturn<RawValues>;
  queue: SaveQueueT;
  editable: boolean;
  returned: boolean;
  evidenceBy: ReadonlyMap<string, Evidence[]>;
  commentsBy: ReadonlyMap<string, Comment[]>;
  cycleId: number;
  responseId: number;
  onEdit(code: string, next: QuestionState): void;
  onBlurQuestion(code: string): void;
  /** Question codes are for DGA staff only. */
  showCodes: boolean;
}

const FIRST_RENDER = 3;

/** One pillar's questions, grouped by indicator. */
export function QuestionList({
  pillar,
  questionsOfPillar,
  indicators,
  form,
  rawForm,
  queue,
  editable,
  returned,
  evidenceBy,
  commentsBy,
  cycleId,
  responseId,
  onEdit,
  onBlurQuestion,
  showCodes,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  // The first questions commit first and the rest follow in a background render: a whole pillar
  // in one render kept a slow phone (and the bench's slow link) from showing anything for 170 ms.
  const shown = useDeferredValue(questionsOfPillar.length, FIRST_RENDER);
  let before = 0;
  return (
    <Stack gap="lg" component="section" aria-labelledby="pillar-title">
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t('questionnaire.pillarN', { number: pillar.number })}
        </Text>
        <Title order={2} size="h3" id="pillar-title">
          {pillar.name[lang]}
        </Title>
        {pillar.description && <Text c="dimmed">{pillar.description[lang]}</Text>}
      </Stack>
      {questionsOfPillar.length === 0 && <Alert color="gray">{t('questionnaire.noQuestions')}</Alert>}
      {indicators.map((ind) => {
        const all = questionsOfPillar.filter((x) => x.indicatorCode === ind.code);
        const qs = all.slice(0, Math.max(0, shown - before));
        before += all.length;
        if (qs.length === 0) return null;
        return (
          <Stack key={ind.code} gap="md">
            <Title order={3} size="h5" id={`ind-${ind.code}`} pt="xs" style={{ scrollMarginTop: 80 }}>
              {showCodes ? `${ind.code} ${ind.name[lang]}` : ind.name[lang]}
            </Title>
            {qs.map(({ question }) => (
              <QuestionItem
                key={question.code}
                question={question}
                control={form.control}
                rawForm={rawForm}
                queue={queue}
                editable={editable}
                returned={returned}
                evidence={evidenceBy.get(question.code)}
                comments={commentsBy.get(question.code)}
                cycleId={cycleId}
                responseId={responseId}
                onEdit={onEdit}
                onBlurQuestion={onBlurQuestion}
                showCode={showCodes}
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
