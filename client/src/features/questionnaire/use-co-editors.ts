import {
  AnswersEventSchema,
  PresenceEventSchema,
  type StreamTicket,
  StreamTicketSchema,
} from '@dg/shared/schemas/co-editing';
import type { Framework, Question } from '@dg/shared/schemas/framework';
import type { ResponseDetail, StoredAnswer } from '@dg/shared/schemas/questionnaire';
import { type Changes, ChangesSchema, PresenceResultSchema } from '@dg/shared/schemas/responses-routes';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type QuestionState, stateFromStored } from '../../components/questions/question-state';
import { getJson, sendJson } from '../../lib/api';
import type { Publish } from './form-types';
import type { SaveQueue as SaveQueueT } from './save-queue';

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
 * and who else is in the questionnaire, on which pillar, pushed by the server
 * (see server/src/modules/co-editing).
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
  const [others, setOthers] = useState<Changes['others']>([]);
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

  // Server push (Server-Sent Events) instead of polling: the server writes others' saves and who
  // is here as they happen. EventSource cannot send the access token, so each (re)connection first
  // trades it for a 30-second single-use ticket for this response's stream. On every (re)connection,
  // and when the server says something may have been missed ("stale"), /changes is read once.
  const mergeRef = useRef(mergeRemote);
  mergeRef.current = mergeRemote;
  useEffect(() => {
    const mergeRemote = (list: readonly StoredAnswer[]) => mergeRef.current(list);
    let stop = false;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let failures = 0;
    const catchUp = async () => {
      try {
        // A small overlap so an answer stored in the same instant is not missed; revisions dedupe.
        const since = new Date(new Date(sinceRef.current).getTime() - 2000).toISOString();
        const res = await getJson(
          `/api/responses/${responseId}/changes?since=${encodeURIComponent(since)}`,
          ChangesSchema,
        );
        if (stop) return;
        mergeRemote(res.answers);
        // Unchanged presence must not re-render the whole page under someone typing.
        setOthers((prev) => (JSON.stringify(prev) === JSON.stringify(res.others) ? prev : res.others));
      } catch {
        // Offline or transient: the next reconnection tries again.
      }
    };
    const reconnect = () => {
      source?.close();
      source = null;
      if (stop) return;
      // Backs off to 30 s (with jitter, so a restarted server is not met by every browser at once).
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)) * (0.5 + Math.random() / 2);
      failures++;
      retry = window.setTimeout(() => void connect(), delay);
    };
    const connect = async () => {
      let ticket: StreamTicket;
      try {
        ticket = await sendJson(`/api/responses/${responseId}/events/ticket`, StreamTicketSchema, {});
      } catch {
        return reconnect();
      }
      if (stop) return;
      const url = `/api/responses/${responseId}/events?ticket=${encodeURIComponent(ticket.ticket)}&pillar=${encodeURIComponent(pillarRef.current)}`;
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        failures = 0;
        void catchUp();
      };
      es.addEventListener('answers', (e) => {
        const data = AnswersEventSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
        if (data.success) mergeRemote(data.data.answers);
      });
      es.addEventListener('presence', (e) => {
        const data = PresenceEventSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
        if (!data.success) return;
        const next = data.data.others;
        setOthers((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
      });
      es.addEventListener('stale', () => void catchUp());
      // The browser's own retry would reuse a spent ticket: reconnect with a new one instead.
      es.onerror = () => {
        if (source === es) reconnect();
      };
    };
    void catchUp();
    void connect();
    return () => {
      stop = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [responseId]);

  // The stream itself says who is here; a move to another pillar is told once, when it happens.
  const openedOn = useRef(currentPillar);
  useEffect(() => {
    if (!editable || !currentPillar || openedOn.current === currentPillar) return;
    openedOn.current = currentPillar;
    void sendJson(`/api/responses/${responseId}/presence`, PresenceResultSchema, { pillarKey: currentPillar }).catch(
      () => undefined,
    );
  }, [responseId, editable, currentPillar]);

  return { others, currentPillar, mergeRemote };
}
