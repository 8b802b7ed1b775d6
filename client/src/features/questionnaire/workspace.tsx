import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import { visibleQuestions } from '@dg/shared/domain/conditions';
import { compileFramework } from '@dg/shared/domain/criteria';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { normalizeAnswer } from '@dg/shared/domain/maturity-answers';
import { computeResults } from '@dg/shared/domain/maturity-engine';
import { SIGNOFF_DECLARATION } from '@dg/shared/domain/signoff';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import type { CycleSummary, Evidence, MissingItem, ResponseDetail } from '@dg/shared/schemas/questionnaire';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconCheck,
  IconClockX,
  IconCloudOff,
  IconFileSpreadsheet,
  IconLoader2,
  IconMessage,
  IconPrinter,
  IconSend,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type Control, type UseFormReturn, useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { QuestionField } from '../../components/questions/question-field';
import {
  EMPTY_STATE,
  justificationOk,
  type Lang,
  type QuestionState,
  stateFromStored,
  stateToPayload,
  toEngineAnswer,
} from '../../components/questions/question-state';
import { parseRaw, rawOfValue, UNCONTROLLED_TYPES } from '../../components/questions/scalar-inputs';
import { ApiRequestError, api, postJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { ConflictDialog } from './conflict-dialog';
import { EvidencePanel } from './evidence-panel';
import { MaturityPreview } from './maturity-preview';
import { PillarNav } from './pillar-nav';
import { downloadBlob, qk } from './queries';
import { SaveQueue, type SaveQueue as SaveQueueT, type SaveResult } from './save-queue';
import { useCoEditors } from './use-co-editors';

type FormValues = Record<string, QuestionState>;
/** What the uncontrolled text and number inputs hold, by question code. */
type RawValues = Record<string, string>;
type Comment = ResponseDetail['comments'][number];

interface TrackQuestion {
  question: Question;
  pillarKey: string;
  indicatorCode: string;
}

const TYPED = new Set(['text', 'long_text', 'number', 'percentage', 'date']);

function isAnswered(q: Question, a: AnswerMap[string] | undefined): boolean {
  const r = normalizeAnswer(q, a);
  return r.present || r.notApplicable;
}

// ------------------------------------------------------------------ one question

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
}

/**
 * Subscribes to its own field only. Text and number questions are uncontrolled inputs
 * registered in `rawForm`: typing re-renders nothing, except when the validation message
 * appears or goes away.
 */
const QuestionItem = memo(function QuestionItem({
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
}: ItemProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const code = question.code;
  const { field } = useController({ name: code, control });
  const serverError = useSyncExternalStore(queue.subscribe, () => queue.getSnapshot().errors.get(code) ?? null);
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
        <EvidencePanel
          cycleId={cycleId}
          responseId={responseId}
          question={question}
          evidence={evidence ?? []}
          editable={editable}
        />
      )}
    </QuestionField>
  );
});

// ------------------------------------------------------------------ save indicator

function SaveIndicator({ queue }: { queue: SaveQueueT }) {
  const { t } = useTranslation();
  const snap = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const map = {
    saved: { color: 'teal.9', icon: <IconCheck size={14} aria-hidden />, text: t('questionnaire.save.saved') },
    saving: { color: 'dgBlue.8', icon: <IconLoader2 size={14} aria-hidden />, text: t('questionnaire.save.saving') },
    offline: { color: 'gray.8', icon: <IconCloudOff size={14} aria-hidden />, text: t('questionnaire.save.offline') },
    conflict: {
      color: 'red.9',
      icon: <IconAlertTriangle size={14} aria-hidden />,
      text: t('questionnaire.save.conflict'),
    },
    error: { color: 'red.9', icon: <IconAlertTriangle size={14} aria-hidden />, text: t('questionnaire.save.error') },
  }[snap.state];
  return (
    <Group gap="xs" role="status" aria-live="polite" data-testid="save-state" data-state={snap.state}>
      <Badge color={map.color} variant="outline" size="lg" leftSection={map.icon} tt="none" bg="white">
        {map.text}
      </Badge>
      {snap.pending > 0 && snap.state !== 'saving' && (
        <Text size="xs" c="dimmed">
          {t('questionnaire.save.pending', { count: snap.pending })}
        </Text>
      )}
    </Group>
  );
}

// ------------------------------------------------------------------ workspace

interface Props {
  cycle: CycleSummary;
  framework: Framework;
  hash: string;
  detail: ResponseDetail;
}

export function QuestionnaireWorkspace({ cycle, framework, hash, detail }: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const wide = useMediaQuery('(min-width: 88em)');
  const response = detail.response;
  const responseId = response.id;
  const track = response.track;
  const editable = response.editable;
  const returned = response.status === 'returned';
  // The server said no (editable false) and the reason is the clock, not the status or the cycle.
  const deadlinePassed =
    !editable &&
    cycle.status === 'open' &&
    response.status !== 'submitted' &&
    response.status !== 'verified' &&
    response.deadline !== null &&
    Date.parse(response.deadline) < Date.now();

  // ---- the track's questions, in document order
  const { trackQuestions, byCode, indicatorsByPillar } = useMemo(() => {
    const list: TrackQuestion[] = [];
    const indicators = new Map<
      string,
      { code: string; name: Framework['pillars'][number]['indicators'][number]['name'] }[]
    >();
    for (const p of framework.pillars) {
      const inds: { code: string; name: (typeof p.indicators)[number]['name'] }[] = [];
      for (const ind of p.indicators) {
        const qs = ind.questions.filter((q) => q.tracks.includes(track));
        if (qs.length) inds.push({ code: ind.code, name: ind.name });
        for (const q of qs) list.push({ question: q, pillarKey: p.key, indicatorCode: ind.code });
      }
      indicators.set(p.key, inds);
    }
    return {
      trackQuestions: list,
      byCode: new Map(list.map((x) => [x.question.code, x.question])),
      indicatorsByPillar: indicators,
    };
  }, [framework, track]);

  // ---- outbox (created once per response; survives StrictMode remounts)
  const [queue] = useState(
    () =>
      new SaveQueue({
        responseId,
        send: (e) =>
          api<SaveResult>(`/api/responses/${responseId}/answers/${e.questionCode}`, {
            method: 'PUT',
            body: JSON.stringify({
              value: e.value,
              notApplicable: e.notApplicable,
              baseRevision: e.baseRevision,
              idempotencyKey: e.idempotencyKey,
            }),
          }),
      }),
  );

  // ---- initial values: server answers, overridden by edits still waiting in the outbox
  // Only on first load: later server state arrives through `changes`.
  const [initial] = useState(() => {
    const values: FormValues = {};
    for (const { question } of trackQuestions) values[question.code] = EMPTY_STATE;
    for (const a of detail.answers) {
      queue.setRevision(a.questionCode, a.revision);
      if (a.questionCode in values) values[a.questionCode] = stateFromStored(a);
    }
    for (const e of queue.pendingEntries()) {
      if (e.questionCode in values) values[e.questionCode] = stateFromStored(e);
    }
    return values;
  });

  const form = useForm<FormValues>({ defaultValues: initial });
  const [rawInitial] = useState(() => {
    const raw: RawValues = {};
    for (const { question } of trackQuestions) {
      if (UNCONTROLLED_TYPES.has(question.type)) raw[question.code] = rawOfValue(initial[question.code]?.value ?? null);
    }
    return raw;
  });
  const rawForm = useForm<RawValues>({ defaultValues: rawInitial });
  /** Puts a state that came from elsewhere (another coordinator, a resolved conflict) into both forms. */
  const setQuestionState = useCallback(
    (code: string, s: QuestionState) => {
      const q = byCode.get(code);
      if (q && UNCONTROLLED_TYPES.has(q.type)) rawForm.setValue(code, rawOfValue(s.value));
      form.setValue(code, s);
    },
    [byCode, rawForm, form],
  );

  // ---- the engine's view of the answers, updated without re-rendering every question
  const toMap = (values: FormValues): AnswerMap => {
    const out: AnswerMap = {};
    for (const [code, s] of Object.entries(values)) if (s) out[code] = toEngineAnswer(s);
    return out;
  };
  const answersRef = useRef<AnswerMap>(toMap(initial));
  const [answers, setAnswers] = useState<AnswerMap>(answersRef.current);
  const snapTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const publish = useCallback((code: string, s: QuestionState, lazy: boolean) => {
    answersRef.current = { ...answersRef.current, [code]: toEngineAnswer(s) };
    if (snapTimer.current) clearTimeout(snapTimer.current);
    const apply = () => startTransition(() => setAnswers(answersRef.current));
    if (lazy) snapTimer.current = setTimeout(apply, 300);
    else apply();
  }, []);

  const editableRef = useRef(editable);
  editableRef.current = editable;

  const onEdit = useCallback(
    (code: string, next: QuestionState) => {
      const q = byCode.get(code);
      if (!q) return;
      publish(code, next, TYPED.has(q.type) && !next.na);
      if (!editableRef.current) return;
      // Not sendable yet (the server would refuse it): a N/A without its reason, or a value failing the shared check.
      if (next.na ? !justificationOk(next) : !validateAnswerValue(q, next.value).ok) return;
      queue.edit(code, stateToPayload(next), !TYPED.has(q.type) && q.type !== 'reason');
    },
    [byCode, publish, queue],
  );
  const onBlurQuestion = useCallback((code: string) => queue.flush(code), [queue]);

  useEffect(() => {
    queue.start();
    return () => queue.dispose();
  }, [queue]);

  // ---- others' changes and presence
  const { others, currentPillar } = useCoEditors({
    responseId,
    detailAnswers: detail.answers,
    params,
    framework,
    byCode,
    queue,
    editable,
    setQuestionState,
    publish,
  });

  // ---- visibility, progress and the live maturity preview
  const visible = useMemo(() => visibleQuestions(framework, track, answers), [framework, track, answers]);
  const compiled = useMemo(() => compileFramework(framework, track), [framework, track]);
  const result = useMemo(
    () => computeResults(compiled, answers, { frameworkHash: hash }).selfAssessed,
    [compiled, answers, hash],
  );
  const pillarIndex = Math.max(
    0,
    framework.pillars.findIndex((p) => p.key === currentPillar),
  );
  const pillar = framework.pillars[pillarIndex];

  const nextUnanswered = useMemo(
    () =>
      trackQuestions.find(({ question: q }) => q.required && visible.has(q.code) && !isAnswered(q, answers[q.code])),
    [trackQuestions, visible, answers],
  );

  // ---- evidence and comments by question
  const evidenceBy = useMemo(() => {
    const m = new Map<string, Evidence[]>();
    for (const e of detail.evidence) m.set(e.questionCode, [...(m.get(e.questionCode) ?? []), e]);
    return m;
  }, [detail.evidence]);
  const commentsBy = useMemo(() => {
    const m = new Map<string, Comment[]>();
    for (const c of detail.comments) if (c.questionCode) m.set(c.questionCode, [...(m.get(c.questionCode) ?? []), c]);
    return m;
  }, [detail.comments]);
  const generalComments = detail.comments.filter((c) => !c.questionCode);

  // ---- navigation and focus
  const goTo = useCallback(
    (pillarKey: string, code?: string) => {
      const next = new URLSearchParams();
      next.set('pillar', pillarKey);
      if (code) next.set('q', code);
      setParams(next);
    },
    [setParams],
  );
  const focusCode = params.get('q');
  // biome-ignore lint/correctness/useExhaustiveDependencies: location.key re-focuses on a repeated click
  useEffect(() => {
    if (!focusCode) {
      return;
    }
    const id = window.setTimeout(() => {
      const el = document.getElementById(`q-${focusCode}`);
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      const target = el.querySelector<HTMLElement>(
        'input:not([disabled]):not([type=hidden]), textarea:not([disabled]), button:not([disabled])',
      );
      (target ?? el).focus({ preventScroll: true });
    }, 50);
    return () => window.clearTimeout(id);
  }, [focusCode, currentPillar, location.key]);

  // ---- conflicts
  const keepMine = useCallback((code: string) => queue.resolveKeepMine(code), [queue]);
  const takeTheirs = useCallback(
    (code: string) => {
      const theirs = queue.resolveTakeTheirs(code);
      if (!theirs) return;
      const s = stateFromStored(theirs);
      setQuestionState(code, s);
      publish(code, s, false);
    },
    [queue, setQuestionState, publish],
  );

  // ---- submit (where the cycle requires sign-off, a coordinator marks ready and the CIO submits)
  const { user } = useAuth();
  const signoff = response.signoff;
  const cioSubmits = user?.role === 'cio';
  const marksReady = signoff.required && !cioSubmits;
  const [declared, setDeclared] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [missing, setMissing] = useState<MissingItem[] | null>(null);
  const submit = async () => {
    setSubmitting(true);
    try {
      const settled = await queue.settle();
      if (queue.getSnapshot().conflicts.length > 0) {
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'red',
          message: t('questionnaire.submit.conflictsFirst'),
        });
        return;
      }
      if (!settled) {
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'orange',
          message: t('questionnaire.submit.waitSaving'),
        });
        return;
      }
      if (marksReady) {
        await postJson(`/api/responses/${responseId}/ready-for-signoff`, {});
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'teal',
          message: t('signoff.readyDone'),
        });
        await qc.invalidateQueries({ queryKey: qk.myResponse(cycle.id) });
        setMissing(null);
        return;
      }
      await postJson(`/api/responses/${responseId}/submit`, cioSubmits ? { declarationAccepted: declared } : {});
      setMissing(null);
      notifications.show({
        closeButtonProps: { 'aria-label': t('questionnaire.close') },
        color: 'teal',
        message: t('questionnaire.submit.success'),
      });
      await qc.invalidateQueries({ queryKey: qk.myResponse(cycle.id) });
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 422 && e.code === 'INCOMPLETE') {
        const items = (e.details as { missing?: MissingItem[] } | undefined)?.missing ?? [];
        setMissing(items);
      } else {
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'red',
          message: e instanceof Error ? e.message : t('state.error'),
        });
      }
    } finally {
      setSubmitting(false);
      setConfirming(false);
    }
  };

  const downloadXlsx = async () => {
    try {
      await downloadBlob(
        `/api/responses/${responseId}/export.xlsx`,
        `dg-readiness-${formatYear(cycle.fiscalYear, lang)}-${responseId}.xlsx`,
      );
    } catch {
      notifications.show({
        closeButtonProps: { 'aria-label': t('questionnaire.close') },
        color: 'red',
        message: t('questionnaire.downloadFailed'),
      });
    }
  };

  // ---- render
  const questionsOfPillar = trackQuestions.filter((x) => x.pillarKey === pillar?.key && visible.has(x.question.code));
  const indicators = indicatorsByPillar.get(pillar?.key ?? '') ?? [];
  const pillarResult = result.pillars[pillarIndex];

  const header = (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Title order={2}>{t('questionnaire.title')}</Title>
          <Text fw={500} data-testid="agency-name">
            {response.agencyName[lang]}
          </Text>
          <Group gap="xs">
            <Badge variant="light" tt="none">
              {t('questionnaire.fiscalYear', { year: formatYear(cycle.fiscalYear, lang) })}
            </Badge>
            <Badge variant="outline" tt="none">
              {t(`questionnaire.track.${track}`)}
            </Badge>
            <Badge
              color={response.status === 'returned' ? 'red.8' : response.status === 'submitted' ? 'teal.9' : 'gray.7'}
              tt="none"
              data-testid="response-status"
            >
              {t(`questionnaire.status.${response.status}`)}
            </Badge>
            {response.deadline && (
              <Text size="sm" c="dimmed">
                {t('questionnaire.deadline', { date: formatDate(response.deadline, lang, true) })}
              </Text>
            )}
          </Group>
        </Stack>
        <SaveIndicator queue={queue} />
      </Group>
      <Group gap="sm">
        {editable && (
          <Button
            variant="light"
            leftSection={<IconArrowRight size={16} aria-hidden />}
            disabled={!nextUnanswered}
            onClick={() => nextUnanswered && goTo(nextUnanswered.pillarKey, nextUnanswered.question.code)}
          >
            {nextUnanswered ? t('questionnaire.nextUnanswered') : t('questionnaire.allAnswered')}
          </Button>
        )}
        <Button
          variant="default"
          component={Link}
          to="/questionnaire/print"
          leftSection={<IconPrinter size={16} aria-hidden />}
        >
          {t('questionnaire.print.link')}
        </Button>
        <Button
          variant="default"
          onClick={() => void downloadXlsx()}
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          {t('questionnaire.xlsx')}
        </Button>
        {editable && (
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => (marksReady ? void submit() : setConfirming(true))}
            data-testid={marksReady ? 'mark-ready' : 'open-submit'}
            loading={submitting}
          >
            {marksReady ? t('signoff.ready') : t('questionnaire.submit.button')}
          </Button>
        )}
      </Group>
      {signoff.required && editable && (
        <Alert color="blue" variant="light" data-testid="signoff-required">
          {t('signoff.requiredNotice')}
          {signoff.readyAt && (
            <Text size="sm" mt={4} data-testid="signoff-ready">
              {t('signoff.readyNotice', { name: signoff.readyBy ?? '', date: formatDate(signoff.readyAt, lang, true) })}
            </Text>
          )}
        </Alert>
      )}
      {signoff.declaredAt && (response.status === 'submitted' || response.status === 'verified') && (
        <Text size="sm" c="dimmed" data-testid="signoff-declared">
          {t('signoff.declaredNotice', {
            name: signoff.declaredBy ?? '',
            date: formatDate(signoff.declaredAt, lang, true),
          })}
        </Text>
      )}
      {response.status === 'submitted' || response.status === 'verified' ? (
        <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />} data-testid="submitted-notice">
          {t('questionnaire.submittedNotice', {
            date: response.submittedAt ? formatDate(response.submittedAt, lang, true) : '',
          })}
        </Alert>
      ) : deadlinePassed && response.deadline ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconClockX aria-hidden />}
          title={t('questionnaire.deadlinePassedTitle')}
          data-testid="deadline-passed"
        >
          {t('questionnaire.deadlinePassed', { date: formatDate(response.deadline, lang, true) })}
        </Alert>
      ) : !editable ? (
        <Alert color="gray" variant="light">
          {t('questionnaire.readOnly')}
        </Alert>
      ) : null}
      {returned && (
        <Alert color="red" variant="light" icon={<IconMessage aria-hidden />}>
          {t('questionnaire.returnedNotice')}
        </Alert>
      )}
      {generalComments.length > 0 && (
        <Alert color={returned ? 'red' : 'gray'} variant="light" title={t('questionnaire.comments.general')}>
          <Stack gap={4}>
            {generalComments.map((c) => (
              <Text key={c.id} size="sm">
                {c.comment}{' '}
                <Text span size="xs" c="dimmed">
                  — {c.author?.name ?? ''} · {formatDate(c.createdAt, lang)}
                </Text>
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {missing && missing.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={t('questionnaire.submit.incomplete', { count: missing.length })}
          // The default orange title is too light on its tint (axe color-contrast).
          styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
          data-testid="missing-list"
        >
          <List size="sm" spacing={4}>
            {missing.slice(0, 50).map((m) => (
              <List.Item key={`${m.questionCode}-${m.reason}`}>
                <Anchor
                  component={Link}
                  to={`/questionnaire?pillar=${encodeURIComponent(m.pillarKey)}&q=${encodeURIComponent(m.questionCode)}`}
                  aria-label={t('questionnaire.submit.goTo', { code: m.questionCode })}
                >
                  {m.questionCode}
                </Anchor>{' '}
                — {t(`questionnaire.submit.reason.${m.reason}`)}: {m.message[lang]}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );

  const othersCard = (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="others-title">
      <Group gap="xs" mb="xs">
        <IconUsers size={16} aria-hidden />
        <Title order={3} size="h6" id="others-title">
          {t('questionnaire.others.title')}
        </Title>
      </Group>
      {others.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('questionnaire.others.none')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="others">
          {others.map((o) => {
            const p = framework.pillars.find((x) => x.key === o.pillarKey);
            return (
              <Text key={o.userId} size="sm">
                {o.name}{' '}
                {p && (
                  <Text span size="xs" c="dimmed">
                    {t('questionnaire.others.at', { pillar: `${p.number}` })}
                  </Text>
                )}
              </Text>
            );
          })}
        </Stack>
      )}
    </Card>
  );

  const aside = (
    <Stack gap="md">
      <MaturityPreview result={result} pillar={pillarResult} />
      {othersCard}
    </Stack>
  );

  const nav = (
    <PillarNav
      framework={framework}
      indicatorsByPillar={indicatorsByPillar}
      completeness={result.pillars.map((p) => p.completeness)}
      overall={result.completeness}
      current={pillar?.key ?? ''}
      onSelect={(k) => {
        goTo(k);
        window.scrollTo({ top: 0 });
      }}
    />
  );

  const questions = pillar ? (
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
        const qs = questionsOfPillar.filter((x) => x.indicatorCode === ind.code);
        if (qs.length === 0) return null;
        return (
          <Stack key={ind.code} gap="md">
            <Title order={3} size="h5" id={`ind-${ind.code}`} pt="xs" style={{ scrollMarginTop: 80 }}>
              {ind.code} {ind.name[lang]}
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
                cycleId={cycle.id}
                responseId={responseId}
                onEdit={onEdit}
                onBlurQuestion={onBlurQuestion}
              />
            ))}
          </Stack>
        );
      })}
    </Stack>
  ) : null;

  return (
    <Stack gap="xl" maw={1600}>
      {header}
      <Grid gap="xl">
        {wide ? (
          <>
            <Grid.Col span={3}>
              <div style={{ position: 'sticky', top: 80 }}>{nav}</div>
            </Grid.Col>
            <Grid.Col span={6}>{questions}</Grid.Col>
            <Grid.Col span={3}>
              <div style={{ position: 'sticky', top: 80 }}>{aside}</div>
            </Grid.Col>
          </>
        ) : (
          <>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                {nav}
                {aside}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>{questions}</Grid.Col>
          </>
        )}
      </Grid>
      <ConflictDialog queue={queue} questions={byCode} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('questionnaire.submit.confirmTitle')}
        centered
      >
        <Stack>
          <Text>{t('questionnaire.submit.confirmBody')}</Text>
          {cioSubmits && (
            <Card withBorder padding="sm">
              <Text size="sm" lang="th">
                {SIGNOFF_DECLARATION.th}
              </Text>
              <Text size="sm" lang="en" mt="xs">
                {SIGNOFF_DECLARATION.en}
              </Text>
              <Checkbox
                mt="sm"
                label={t('signoff.declarationLabel')}
                checked={declared}
                onChange={(e) => setDeclared(e.currentTarget.checked)}
                data-testid="signoff-declaration"
              />
            </Card>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('questionnaire.submit.cancel')}
            </Button>
            <Button
              onClick={() => void submit()}
              loading={submitting}
              disabled={cioSubmits && signoff.required && !declared}
              data-testid="confirm-submit"
            >
              {t('questionnaire.submit.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
