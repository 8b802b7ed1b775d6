import type { RateRow, ResponseRates } from '@dg/shared/schemas/analytics';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import type { ReportJob, ReportJobList } from '@dg/shared/schemas/report';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** Mirrors server/src/modules/monitoring/monitoring.schemas.ts. */
export interface TrendPoint {
  date: string;
  started: number;
  submitted: number;
}

export interface NotSubmitted {
  agencyId: number;
  responseId: number | null;
  code: string;
  name: LocalizedText;
  track: 'department' | 'province';
  ministry: { code: string; name: LocalizedText } | null;
  status: 'not_started' | 'in_progress' | 'returned';
  answered: number;
  required: number;
  progress: number | null;
  lastActivityAt: string | null;
  deadline: string | null;
  deadlineOverridden: boolean;
}

export interface MonitoringBoard {
  cycle: { id: number; fiscalYear: number; name: LocalizedText; status: string; closesAt: string | null };
  rates: ResponseRates;
  trend: TrendPoint[];
  notSubmitted: NotSubmitted[];
  generatedAt: string;
}
export type { RateRow, ReportJob };

export const mk = {
  cycles: ['monitoring', 'cycles'] as const,
  board: (cycleId: number) => ['monitoring', 'board', cycleId] as const,
  job: (id: string) => ['monitoring', 'job', id] as const,
};

export function useMonitoringCycles() {
  return useQuery({ queryKey: mk.cycles, queryFn: () => api<CycleSummary[]>('/api/cycles') });
}

export function useBoard(cycleId: number | undefined) {
  return useQuery({
    queryKey: mk.board(cycleId ?? 0),
    queryFn: () => api<MonitoringBoard>(`/api/monitoring/cycles/${cycleId}/board`),
    enabled: cycleId !== undefined,
    placeholderData: (prev) => prev,
  });
}

export function useStartReportsZip(cycleId: number) {
  return useMutation({
    mutationFn: (lang: 'th' | 'en') =>
      api<ReportJob>(`/api/results/${cycleId}/reports-zip?lang=${lang}`, { method: 'POST' }),
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
    queryFn: () => api<ReportJobList>('/api/jobs'),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
}

/** The job's progress, polled every 2 s until it is done or failed. */
export function useReportJob(id: string | null) {
  return useQuery({
    queryKey: mk.job(id ?? ''),
    queryFn: () => api<ReportJob>(`/api/jobs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 2000),
  });
}

/** Exports need the access token: fetch with api() and hand the blob to the browser. */
export async function saveFile(path: string, name: string): Promise<void> {
  const blob = await api<Blob>(path);
  const data = blob instanceof Blob ? blob : new Blob([JSON.stringify(blob)], { type: 'application/json' });
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An administrator sets (or clears, with null) one agency's deadline extension; the board reloads. */
export function useSetDeadline(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { agencyId: number; deadline: string | null }) =>
      api<{ cycleId: number; agencyId: number; deadline: string | null }>(
        `/api/admin/cycles/${cycleId}/agencies/${v.agencyId}/deadline`,
        { method: 'PUT', body: JSON.stringify({ deadline: v.deadline }) },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: mk.board(cycleId) }),
  });
}
