import { ReminderCancelledSchema } from '@dg/shared/schemas/reminder-schedule';
import {
  type ReminderLog,
  ReminderLogSchema,
  ReminderPreviewSchema,
  type ReminderRequest,
  ReminderSentSchema,
} from '@dg/shared/schemas/reminders';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api';

export type { ReminderAudience, ReminderLog, ReminderPreview, ReminderTarget } from '@dg/shared/schemas/reminders';

const key = (cycleId: number) => ['monitoring', 'reminders', cycleId] as const;

/** Who was reminded when in this cycle (the latest per agency and the recent sendings). */
export function useReminderLog(cycleId: number) {
  return useQuery({
    queryKey: key(cycleId),
    queryFn: () => getJson(`/api/reminders/cycles/${cycleId}`, ReminderLogSchema),
    // While the mail job works, follow it: each agency turns from scheduled to sent or failed. A
    // sending scheduled for later is looked at now and then until its time comes.
    refetchInterval: (q) => {
      const due = (q.state.data?.latest ?? []).filter((l) => l.status === 'scheduled');
      if (due.some((l) => Date.parse(l.lastRemindedAt) <= Date.now() + 5_000)) return 2000;
      return due.length ? 30_000 : false;
    },
  });
}

/** The latest reminder of each agency, by agency id. */
export const latestByAgency = (log: ReminderLog | undefined) =>
  new Map((log?.latest ?? []).map((l) => [l.agencyId, l]));

export function usePreviewReminders(cycleId: number, req: ReminderRequest, enabled: boolean) {
  return useQuery({
    queryKey: [...key(cycleId), 'preview', req.agencyIds ?? req.audience ?? 'pending'],
    queryFn: () => sendJson(`/api/reminders/cycles/${cycleId}/preview`, ReminderPreviewSchema, req),
    enabled,
    staleTime: 0,
  });
}

export function useSendReminders(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: ReminderRequest) => sendJson(`/api/reminders/cycles/${cycleId}/send`, ReminderSentSchema, req),
    onSettled: () => qc.invalidateQueries({ queryKey: key(cycleId) }),
  });
}

/** Cancels a sending scheduled for later (its reminders not yet mailed). */
export function useCancelSending(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      sendJson(`/api/reminders/cycles/${cycleId}/sendings/${jobId}/cancel`, ReminderCancelledSchema, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: key(cycleId) }),
  });
}
