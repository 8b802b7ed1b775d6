import type { Framework, Question } from '@dg/shared/schemas/framework';
import type { ResponseDetail, StoredAnswer } from '@dg/shared/schemas/questionnaire';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type QuestionState, stateFromStored } from '../../components/questions/question-state';
import { api, postJson } from '../../lib/api';
import type { Publish } from './form-types';
import type { ChangesPayload } from './queries';
import type { SaveQueue as SaveQueueT } from './save-queue';

const POLL_MS = 10_000;

interface Args {
  responseId: number;
  editable: boolean;
  framework: Framework;
  detail: ResponseDetail;
  byCode: ReadonlyMap<string, Question>;
  queue: SaveQueueT;
  setQuestionState(code: string, s: QuestionState): void;
  publish: Publish;
}

/**
 * Other coordinators' saved answers (merged into the form unless a local edit is pending)
 * and who else is in the questionnaire, on which pillar.
 */
export function useCoEditors({
  responseId,
  editable,
  framework,
  detail,
  byCode,
  queue,
  setQuestionState,
  publish,
}: Args) {
  const [params] = useSearchParams();
  // ---- others' changes and presence
  const [others, setOthers] = useState<ChangesPayload['others']>([]);
  const sinceRef = useRef<string>(
    detail.answers.reduce((m, a) => (a.updatedAt > m ? a.updatedAt : m), new Date(0).toISOString()),
  );
  const currentPillar = params.get('pillar') ?? framework.pillars[0]?.key ?? '';
  const pillarRef = useRef(currentPillar);
  pillarRef.current = currentPillar;

  const mergeRemote = useCallback(
    (list: readonly StoredAnswer[]) => {
      for (const a of list) {
        if (a.updatedAt > sinceRef.current) sinceRef.current = a.updatedAt;
        if (!byCode.has(a.questionCode)) continue;
        if (a.revision <= queue.revisionOf(a.questionCode)) continue;
        // A field with a local edit keeps it; the save will meet the new revision and ask.
        if (queue.has(a.questionCode)) continue;
        queue.setRevision(a.questionCode, a.revision);
        const s = stateFromStored(a);
        setQuestionState(a.questionCode, s);
        publish(a.questionCode, s, false);
      }
    },
    [byCode, queue, setQuestionState, publish],
  );

  useEffect(() => {
    let stop = false;
    const tick = async () => {
      try {
        // A small overlap so an answer stored in the same instant is not missed; revisions dedupe.
        const since = new Date(new Date(sinceRef.current).getTime() - 2000).toISOString();
        const res = await api<ChangesPayload>(
          `/api/responses/${responseId}/changes?since=${encodeURIComponent(since)}`,
        );
        if (stop) return;
        mergeRemote(res.answers);
        // Unchanged presence must not re-render the whole page under someone typing.
        setOthers((prev) => (JSON.stringify(prev) === JSON.stringify(res.others) ? prev : res.others));
      } catch {
        // Offline or transient: the next tick tries again.
      }
    };
    const id = window.setInterval(() => void tick(), POLL_MS);
    void tick();
    return () => {
      stop = true;
      window.clearInterval(id);
    };
  }, [responseId, mergeRemote]);

  useEffect(() => {
    if (!editable || !currentPillar) return;
    const post = () =>
      void postJson(`/api/responses/${responseId}/presence`, { pillarKey: pillarRef.current }).catch(() => undefined);
    post();
    const id = window.setInterval(post, 30_000);
    return () => window.clearInterval(id);
  }, [responseId, editable, currentPillar]);

  return { others, currentPillar };
}
