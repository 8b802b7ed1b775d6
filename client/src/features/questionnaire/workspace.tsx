import { visibleQuestions } from '@dg/shared/domain/conditions';
import { compileFramework } from '@dg/shared/domain/criteria';
import { computeResults } from '@dg/shared/domain/maturity-engine';
import { missingItems } from '@dg/shared/domain/submission-check';
import type { Framework } from '@dg/shared/schemas/framework';
import type { CycleSummary, Evidence, ResponseDetail } from '@dg/shared/schemas/questionnaire';
import { useCallback, useEffect, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { stateFromStored } from '../../components/questions/question-state';
import { useAuth } from '../../lib/auth';
import { CoEditorsCard } from './co-editors-card';
import { ConflictDialog } from './conflict-dialog';
import type { Comment } from './form-types';
import { MaturityPreview } from './maturity-preview';
import { PillarNav } from './pillar-nav';
import { QuestionList } from './question-list';
import { MissingDrawer, SubmitModal } from './submission';
import { isAnswered, useAnswerState } from './use-answer-state';
import { useCoEditors } from './use-co-editors';
import { useSubmission } from './use-submission';
import { WorkspaceHeader } from './workspace-header';
import { WorkspaceLayout } from './workspace-layout';

/*
 * The questionnaire screen. Where things are:
 * - use-answer-state.ts   the forms, the save outbox and the answers the preview computes on
 * - use-co-editors.ts     other coordinators' changes and presence
 * - use-submission.ts     submitting / marking ready for sign-off; submission.tsx its dialogs
 * - workspace-header.tsx  title, status, actions, notices
 * - workspace-layout.tsx  where contents (pillar-nav.tsx), questions (question-list.tsx,
 *                         question-item.tsx) and the preview (maturity-preview.tsx) sit
 */

interface Props {
  cycle: CycleSummary;
  framework: Framework;
  hash: string;
  detail: ResponseDetail;
}

export function QuestionnaireWorkspace({ cycle, framework, hash, detail }: Props) {
  const location = useLocation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const response = detail.response;
  const responseId = response.id;
  const track = response.track;
  const editable = response.editable;
  const returned = response.status === 'returned';

  const {
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
  } = useAnswerState(framework, track, detail, editable);

  const { others, currentPillar } = useCoEditors({
    responseId,
    editable,
    framework,
    detail,
    byCode,
    queue,
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
  const pillarOfCode = useMemo(
    () => new Map(trackQuestions.map((x) => [x.question.code, x.pillarKey])),
    [trackQuestions],
  );

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

  const evidenceCodes = useMemo(() => new Set(detail.evidence.map((e) => e.questionCode)), [detail.evidence]);
  const missingNow = useMemo(
    () => missingItems(compiled, (code) => pillarOfCode.get(code) ?? '', answers, evidenceCodes),
    [compiled, pillarOfCode, answers, evidenceCodes],
  );
  const submission = useSubmission(cycle, response, queue, missingNow);

  const questionsOfPillar = trackQuestions.filter((x) => x.pillarKey === pillar?.key && visible.has(x.question.code));
  const indicators = indicatorsByPillar.get(pillar?.key ?? '') ?? [];
  const pillarResult = result.pillars[pillarIndex];

  return (
    <WorkspaceLayout
      header={
        <WorkspaceHeader
          cycle={cycle}
          response={response}
          queue={queue}
          submission={submission}
          nextUnanswered={nextUnanswered}
          generalComments={generalComments}
          goTo={goTo}
        />
      }
      nav={
        <PillarNav
          showCodes={user?.role === 'analyst' || user?.role === 'admin'}
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
      }
      preview={<MaturityPreview result={result} pillar={pillarResult} />}
      coEditors={<CoEditorsCard others={others} framework={framework} />}
      overall={result.completeness}
      questions={
        pillar ? (
          <QuestionList
            pillar={pillar}
            questionsOfPillar={questionsOfPillar}
            indicators={indicators}
            form={form}
            rawForm={rawForm}
            queue={queue}
            editable={editable}
            returned={returned}
            evidenceBy={evidenceBy}
            commentsBy={commentsBy}
            cycleId={cycle.id}
            responseId={responseId}
            onEdit={onEdit}
            onBlurQuestion={onBlurQuestion}
            showCodes={user?.role === 'analyst' || user?.role === 'admin'}
          />
        ) : null
      }
    >
      <ConflictDialog queue={queue} questions={byCode} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
      <SubmitModal submission={submission} />
      <MissingDrawer submission={submission} framework={framework} track={track} goTo={goTo} />
    </WorkspaceLayout>
  );
}
