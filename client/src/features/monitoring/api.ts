import type { RateRow } from '@dg/shared/schemas/analytics';
import { DeadlineOverrideSchema } from '@dg/shared/schemas/cycle-admin';
import { CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import { MonitoringBoardSchema } from '@dg/shared/schemas/monitoring';
import { NotSubmittedPageSchema } from '@dg/shared/schemas/monitoring-grid';
import { type ReportJob, ReportJobListSchema, ReportJobSchema } from '@dg/shared/schemas/report';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '../../lib/api';

export type { MonitoringBoard, NotSubmitted, TrendPoint } from '@dg/shared/schemas/monitoring';
// Kept for the not-submitted grid until its owner imports it from lib.
export { saveFile } from '../../lib/save-file';
export type { RateRow, ReportJob };

export const mk = {
  cycles: ['monitoring', 'cycles'] as const,
  board: (cycleId: number) => ['monitoring', 'board', cycleId] as const,
  job: (id: string) => ['monitoring', 'job', id] as const,
};

export function useMonitoringCycles() {
  return useQuery({ queryKey: mk.cycles, queryFn: () => getJson('/api/cycles', CycleSummaryListSchema) });
}

export function useBoard(cycleId: number | undefined) {
  return useQuery({
    queryKey: mk.board(cycleId ?? 0),
    queryFn: () => getJson(`/api/monitoring/cycles/${cycleId}/board`, MonitoringBoardSchema),
    enabled: cycleId !== undefined,
    placeholderData: (prev) => prev,
  });
}

/** One page of the agencies not yet submitted; `query` is the grid's URL view (page, sort, search, filters). */
export function useNotSubmittedPage(cycleId: number, query: string) {
  return useQuery({
    queryKey: ['monitoring', 'not-submitted', cycleId, query],
    queryFn: () => getJson(`/api/monitoring/cycles/${cycleId}/not-submitted?${query}`, NotSubmittedPageSchema),
    placeholderData: keepPreviousData,
  });
}

export function useStartReportsZip(cycleId: number) {
  return useMutation({
    mutationFn: (lang: 'th' | 'en') =>
      getJson(`/api/results/${cycleId}/reports-zip?lang=${lang}`, ReportJobSchema, { method: 'POST' }),
  });
}

const RUNNING = new Set(['queued', 'running']);

/**
 * The user's recent background jobs from the server (any app server answers), polled while one
 * runs: a job started before leaving the page is shown again on coming back.
 */
export function useMyJobs() {
  return useQuery({
    queryKey: ['jobs', 'mine'] as const,
    queryFn: () => getJson('/api/jobs', ReportJobListSchema),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
}

/** The job's progress, polled every 2 s until it is done or failed. */
export function useReportJob(id: string | null) {
  return useQuery({
    queryKey: mk.job(id ?? ''),
    queryFn: () => getJson(`/api/jobs/${id}`, ReportJobSchema),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 2000),
  });
}

/** An administrator sets (or clears, with null) one agency's deadline extension; the board reloads. */
export function useSetDeadline(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { agencyId: number; deadline: string | null }) =>
      getJson(`/api/admin/cycles/${cycleId}/agencies/${v.agencyId}/deadline`, DeadlineOverrideSchema, {
        method: 'PUT',
        body: JSON.stringify({ deadline: v.deadline }),
      }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: mk.board(cycleId) }),
        qc.invalidateQueries({ queryKey: ['monitoring', 'not-submitted', cycleId] }),
      ]),
  });
}
