import { validateAnswerValue } from '@dg/shared/domain/answer-validate';
import { normalizeAnswer } from '@dg/shared/domain/maturity-answers';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import type { Framework, Question, Track } from '@dg/shared/schemas/framework';
import { type ResponseDetail, SaveAnswerResultSchema } from '@dg/shared/schemas/questionnaire';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  EMPTY_STATE,
  justificationOk,
  type QuestionState,
  stateFromStored,
  stateToPayload,
  toEngineAnswer,
} from '../../components/questions/question-state';
import { rawOfValue, UNCONTROLLED_TYPES } from '../../components/questions/scalar-inputs';
import { sendJson } from '../../lib/api';
import type { FormValues, RawValues, TrackQuestion } from './form-types';
import { SaveQueue } from './save-queue';

const TYPED = new Set(['text', 'long_text', 'number', 'percentage', 'date']);

export function isAnswered(q: Question, a: AnswerMap[string] | undefined): boolean {
  const r = normalizeAnswer(q, a);
  return r.present || r.notApplicable;
}

/**
 * The answers being edited: the track's questions in document order, the outbox that saves
 * them, the two forms that hold them and the engine's view of them for the live preview.
 */
export function useAnswerState(framework: Framework, track: Track, detail: ResponseDetail, editable: boolean) {
  const responseId = detail.response.id;
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
          sendJson(
            `/api/responses/${responseId}/answers/${e.questionCode}`,
            SaveAnswerResultSchema,
            {
              value: e.value,
              notApplicable: e.notApplicable,
              baseRevision: e.baseRevision,
              idempotencyKey: e.idempotencyKey,
            },
            { method: 'PUT' },
          ),
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

  return {
    trackQuestions,
    byCode,
    indicatorsByPillar,
    queue,
    form,
    rawForm,
    setQuestionState,
    answers,
    publish,
    onEdit,
    onBlurQuestion,
  };
}
