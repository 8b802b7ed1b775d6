import {
  type CycleSummary,
  type MissingItem,
  type ResponseDetail,
  ResponseSummarySchema,
} from '@dg/shared/schemas/questionnaire';
import { SubmitResultSchema } from '@dg/shared/schemas/responses-routes';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, sendJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { errorMessage } from '../../lib/error-message';
import { qk } from './queries';
import type { SaveQueue as SaveQueueT } from './save-queue';

/**
 * Submission. Where the cycle requires sign-off, a coordinator marks the questionnaire ready
 * and the CIO submits it with the declaration of accuracy.
 */
export function useSubmission(
  cycle: CycleSummary,
  response: ResponseDetail['response'],
  queue: SaveQueueT,
  /** What the browser's copy of the server's check finds missing on the current answers. */
  missingNow: readonly MissingItem[],
) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const responseId = response.id;
  const { user } = useAuth();
  const signoff = response.signoff;
  const cioSubmits = user?.role === 'cio';
  const marksReady = signoff.required && !cioSubmits;
  const [declared, setDeclared] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverMissing, setMissing] = useState<MissingItem[] | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  // The live list; the server's answer only where it found more than the browser (say, evidence
  // another coordinator removed meanwhile).
  const missing: readonly MissingItem[] = missingNow.length > 0 ? missingNow : (serverMissing ?? []);
  /** The submit button: the list of what is missing, or (only when complete) the confirmation. */
  const start = () => {
    if (missingNow.length > 0) setShowMissing(true);
    else if (marksReady) void submit();
    else setConfirming(true);
  };
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
        await sendJson(`/api/responses/${responseId}/ready-for-signoff`, ResponseSummarySchema, {});
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'teal',
          message: t('signoff.readyDone'),
        });
        await qc.invalidateQueries({ queryKey: qk.myResponse(cycle.id) });
        setMissing(null);
        return;
      }
      await sendJson(
        `/api/responses/${responseId}/submit`,
        SubmitResultSchema,
        cioSubmits ? { declarationAccepted: declared } : {},
      );
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
        setShowMissing(items.length > 0);
      } else {
        notifications.show({
          closeButtonProps: { 'aria-label': t('questionnaire.close') },
          color: 'red',
          message: errorMessage(e, t),
        });
      }
    } finally {
      setSubmitting(false);
      setConfirming(false);
    }
  };

  return {
    signoff,
    cioSubmits,
    marksReady,
    declared,
    setDeclared,
    confirming,
    setConfirming,
    submitting,
    missing,
    remaining: missingNow.length,
    showMissing,
    setShowMissing,
    start,
    submit,
  };
}

export type Submission = ReturnType<typeof useSubmission>;
