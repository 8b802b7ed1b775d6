import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import { formatDate } from '@dg/shared/domain/dates';
import type { Question } from '@dg/shared/schemas/framework';
import type { Evidence } from '@dg/shared/schemas/questionnaire';
import { Alert, Badge, Loader, Stack, Text } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { lazy, memo, Suspense, useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type Control, type UseFormReturn, useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { QuestionField } from '../../components/questions/question-field';
import { EMPTY_STATE, type Lang, type QuestionState } from '../../components/questions/question-state';
import { parseRaw, UNCONTROLLED_TYPES } from '../../components/questions/scalar-inputs';
import type { Comment, FormValues, RawValues } from './form-types';
import type { SaveQueue as SaveQueueT } from './save-queue';

// Uploading evidence (the dropzone and its file handling) is a separate chunk, fetched once the
// questions are on screen: the first question on a slow link does not wait for it.
const EvidencePanel = lazy(() => import('./evidence-panel').then((m) => ({ default: m.EvidencePanel })));

interface ItemProps {
  question: Question;
  control: Control<FormValues>;
  rawForm: UseFormReturn<RawValues>;
  queue: SaveQueueT;
  editable: boolean;
  returned: boolean;
  evidence: readonly Evidence[] | undefined;
  comments: readonly Comment[] | undefined;
  cycleId: number;
  responseId: number;
  onEdit(code: string, next: QuestionState): void;
  onBlurQuestion(code: string): void;
  showCode: boolean;
}

/**
 * Subscribes to its own field only. Text and number questions are uncontrolled inputs
 * registered in `rawForm`: typing re-renders nothing, except when the validation message
 * appears or goes away.
 */
export const QuestionItem = memo(function QuestionItem({
  question,
  control,
  rawForm,
  queue,
  editable,
  returned,
  evidence,
  comments,
  cycleId,
  responseId,
  onEdit,
  onBlurQuestion,
  showCode,
}: ItemProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const code = question.code;
  const { field } = useController({ name: code, control });
  const serverCode = useSyncExternalStore(queue.subscribe, () => queue.getSnapshot().errors.get(code) ?? null);
  const serverError = serverCode ? t(`errors.${serverCode}`, { defaultValue: t('errors.HTTP_ERROR') }) : null;
  const stored = (field.value as QuestionState | undefined) ?? EMPTY_STATE;
  const uncontrolled = UNCONTROLLED_TYPES.has(question.type);
  // The DOM holds the typed value; read it at render (rare) instead of on every keystroke.
  const state =
    uncontrolled && !stored.na ? { ...stored, value: parseRaw(question, rawForm.getValues(code) ?? '') } : stored;
  const stateRef = useRef(state);
  stateRef.current = state;
  const [, setInvalid] = useState<string | null>(null);
  const registration = useMemo(
    () =>
      uncontrolled
        ? rawForm.register(code, {
            onChange: (e: { target: { value: string } }) => {
              const next = { ...stateRef.current, value: parseRaw(question, e.target.value) };
              const check = validateAnswerValue(question, next.value);
              // Same string, same state: React skips the render.
              setInvalid(check.ok ? null : check.message.en);
              onEdit(code, next);
            },
            onBlur: () => onBlurQuestion(code),
          })
        : undefined,
    [uncontrolled, rawForm, code, question, onEdit, onBlurQuestion],
  );
  const onChange = useCallback(
    (change: QuestionState) => {
      // Leaving "not applicable" brings back what the (kept) input still shows.
      const next =
        uncontrolled && !change.na ? { ...change, value: parseRaw(question, rawForm.getValues(code) ?? '') } : change;
      field.onChange(next);
      onEdit(code, next);
    },
    [field, onEdit, code, uncontrolled, question, rawForm],
  );
  const onBlur = useCallback(() => {
    field.onBlur();
    onBlurQuestion(code);
  }, [field, onBlurQuestion, code]);
  const hasComments = Boolean(comments?.length);
  return (
    <QuestionField
      question={question}
      state={state}
      onChange={onChange}
      onBlur={onBlur}
      disabled={!editable}
      error={serverError}
      register={registration}
      showCode={showCode}
      badges={
        hasComments ? (
          <Badge
            color={returned ? 'red.8' : 'gray'}
            variant={returned ? 'filled' : 'light'}
            leftSection={<IconMessage size={12} aria-hidden />}
          >
            {returned ? t('questionnaire.comments.mustFix') : t('questionnaire.comments.title')}
          </Badge>
        ) : null
      }
    >
      {hasComments && (
        <Alert
          color={returned ? 'red' : 'gray'}
          variant="light"
          title={t('questionnaire.comments.title')}
          data-testid={`comments-${code}`}
        >
          <Stack gap={6}>
            {comments?.map((c) => (
              <Text key={c.id} size="sm">
                {c.comment}{' '}
                <Text span size="xs" c="dimmed">
                  — {c.author?.name ?? ''} · {t('questionnaire.comments.round', { round: c.round })} ·{' '}
                  {formatDate(c.createdAt, lang)}
                </Text>
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {question.evidence !== 'none' && (
        <Suspense fallback={<Loader size="xs" aria-label={t('state.loading')} />}>
          <EvidencePanel
            cycleId={cycleId}
            responseId={responseId}
            question={question}
            evidence={evidence ?? []}
            editable={editable}
          />
        </Suspense>
      )}
    </QuestionField>
  );
});
