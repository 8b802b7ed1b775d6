import {
  AnalystListSchema,
  type AssignBody,
  AssignResultSchema,
  type BulkReviewBody,
  BulkReviewResultSchema,
  type ReassignBody,
  ReviewQueuePageSchema,
} from '@dg/shared/schemas/review-queue';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api';

/** One page of the review queue; `query` is the grid's URL view (page, sort, search, filters). */
export function useQueuePage(cycleId: number | undefined, query: string) {
  return useQuery({
    queryKey: ['review', 'queue', cycleId ?? 0, query],
    queryFn: () => getJson(`/api/review/cycles/${cycleId}/queue?${query}`, ReviewQueuePageSchema),
    enabled: cycleId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useBulkReview(cycleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReviewBody) => sendJson(`/api/review/cycles/${cycleId}/bulk`, BulkReviewResultSchema, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review', 'queue'] }),
  });
}

export function useAnalysts() {
  return useQuery({
    queryKey: ['review', 'analysts'],
    queryFn: () => getJson('/api/review/analysts', AnalystListSchema),
  });
}

export function useAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignBody) => sendJson('/api/review/assignments', AssignResultSchema, body, { method: 'PUT' }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review'] }),
  });
}

export function useReassign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignBody) => sendJson('/api/review/assignments/reassign', AssignResultSchema, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['review'] }),
  });
}
