import {
  type ReminderLog,
  ReminderLogSchema,
  ReminderPreviewSchema,
  type ReminderRequest,
  ReminderSentSchema,
} from '@dg/shared/schemas/reminders';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api';

export type { ReminderLog, ReminderPreview, ReminderTarget } from '@dg/shared/schemas/reminders';

const key = (cycleId: number) => ['monitoring', 'reminders', cycleId] as const;

/** Who was reminded when in this cycle (the latest per agency and the recent sendings). */
export function useReminderLog(cycleId: number) {
  return useQuery({
    queryKey: key(cycleId),
    queryFn: () => getJson(`/api/reminders/cycles/${cycleId}`, ReminderLogSchema),
    // While the mail job works, follow it: each agency turns from scheduled to sent or failed.
    refetchInterval: (q) => (q.state.data?.latest.some((l) => l.status === 'scheduled') ? 2000 : false),
  });
}

/** The latest reminder of each agency, by agency id. */
export const latestByAgency = (log: ReminderLog | undefined) =>
  new Map((log?.latest ?? []).map((l) => [l.agencyId, l]));

export function usePreviewReminders(cycleId: number, req: ReminderRequest, enabled: boolean) {
  return useQuery({
    queryKey: [...key(cycleId), 'preview', req.agencyIds ?? 'all'],
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
