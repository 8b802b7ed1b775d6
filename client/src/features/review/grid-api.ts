import type { BulkResult } from '@dg/shared/schemas/data-grid';
import type {
  Analyst,
  AssignBody,
  BulkReviewBody,
  ReassignBody,
  ReviewQueuePage,
} from '@dg/shared/schemas/review-queue';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postJson } from '../../lib/api';

/** One page of the review queue; `query` is the grid's URL view (page, sort, search, filters). */
export function useQueuePage(cycleId: number | undefined, query: string) {
  return useQuery({
    queryKey: ['review', 'queue', cycleId ?? 0, query],
    queryFn: () => api<ReviewQueuePage>(`/api/review/cycles/${cycleId}/queue?${query}`),
    enabled: cycleId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBulkReview(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReviewBody) => postJson<BulkResult>(`/api/review/cycles/${cycleId}/bulk`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review', 'queue'] }),
  });
}

export function useAnalysts() {
  return useQuery({ queryKey: ['review', 'analysts'], queryFn: () => api<Analyst[]>('/api/review/analysts') });
}

export function useAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignBody) =>
      api<{ assigned: number }>('/api/review/assignments', { method: 'PUT', body: JSON.stringify(body) }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review'] }),
  });
}

export function useReassign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignBody) => postJson<{ assigned: number }>('/api/review/assignments/reassign', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review'] }),
  });
}
