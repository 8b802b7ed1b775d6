import { RecomputeReportSchema } from '@dg/shared/schemas/cycle-admin';
import { ReportJobListSchema, ReportJobSchema } from '@dg/shared/schemas/report';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { getJson } from '../../lib/api';

const RUNNING = new Set(['queued', 'running']);
const MINE = ['jobs', 'mine'] as const;

/**
 * A cycle's recompute as a background job: started, followed (progress in results examined; a
 * run still going when the dialog was left is found again in the user's jobs), and its report
 * read from the job's download when done.
 */
export function useRecomputeJob(cycleId: number | null) {
  const qc = useQueryClient();
  const [started, setStarted] = useState<string | null>(null);
  const mine = useQuery({
    queryKey: MINE,
    queryFn: () => getJson('/api/jobs', ReportJobListSchema),
    enabled: cycleId !== null,
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
  const resumed = mine.data?.jobs.find(
    (j) => j.kind === 'cycle-recompute' && j.cycleId === cycleId && RUNNING.has(j.status),
  );
  const id = started ?? resumed?.id ?? null;
  const job = useQuery({
    queryKey: ['jobs', id],
    queryFn: () => getJson(`/api/jobs/${id}`, ReportJobSchema),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 1500),
  });
  const downloadUrl = job.data?.status === 'done' ? job.data.downloadUrl : undefined;
  const report = useQuery({
    queryKey: ['jobs', id, 'recompute-report'],
    queryFn: () => getJson(downloadUrl as string, RecomputeReportSchema),
    enabled: !!downloadUrl,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const start = useMutation({
    mutationFn: () => getJson(`/api/admin/cycles/${cycleId}/recompute-job`, ReportJobSchema, { method: 'POST' }),
    onSuccess: (j) => {
      setStarted(j.id);
      void qc.invalidateQueries({ queryKey: MINE });
      void qc.invalidateQueries({ queryKey: ['admin', 'cycles'] });
    },
  });
  const { reset: resetStart } = start;
  const reset = useCallback(() => {
    setStarted(null);
    resetStart();
  }, [resetStart]);
  const failed = job.data?.status === 'failed' ? new Error(job.data.error ?? 'failed') : null;
  return {
    start,
    job: id !== null ? job.data : undefined,
    report: report.data,
    error: start.error ?? failed ?? report.error ?? null,
    reset,
  };
}
