import { CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import {
  CategorySchema,
  CodingListSchema,
  CodingResultSchema,
  type QueueStatus,
  ReviewActionResultSchema,
  ReviewDetailSchema,
  ReviewQueueSchema,
  VerificationResultSchema,
} from '@dg/shared/schemas/review';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api';
import { saveFile } from '../../lib/save-file';

export const rk = {
  cycles: ['review', 'cycles'] as const,
  queue: (cycleId: number, status: QueueStatus, track: string, q: string) =>
    ['review', 'queue', cycleId, status, track, q] as const,
  detail: (id: number) => ['review', 'response', id] as const,
  coding: (cycleId: number, questionCode: string) => ['review', 'coding', cycleId, questionCode] as const,
};

export function useReviewCycles() {
  return useQuery({ queryKey: rk.cycles, queryFn: () => getJson('/api/cycles', CycleSummaryListSchema) });
}

export function useQueue(cycleId: number | undefined, status: QueueStatus, track: string, q: string) {
  return useQuery({
    queryKey: rk.queue(cycleId ?? 0, status, track, q),
    queryFn: () => {
      const params = new URLSearchParams({ status });
      if (track) params.set('track', track);
      if (q.trim()) params.set('q', q.trim());
      return getJson(`/api/review/cycles/${cycleId}/queue?${params}`, ReviewQueueSchema);
    },
    enabled: cycleId !== undefined,
    placeholderData: (prev) => prev,
  });
}

export function useReviewDetail(id: number) {
  return useQuery({
    queryKey: rk.detail(id),
    queryFn: () => getJson(`/api/review/responses/${id}`, ReviewDetailSchema),
  });
}

export interface Decision {
  questionCode: string;
  /** One piece of evidence; without it the decision covers the whole answer. */
  evidenceId?: string;
  state: 'verified' | 'rejected' | 'self_reported';
  reasonCode?: string;
  comment?: string;
}

export function useVerify(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ questionCode, evidenceId, ...body }: Decision) =>
      sendJson(
        evidenceId
          ? `/api/review/responses/${id}/evidence/${evidenceId}/verification`
          : `/api/review/responses/${id}/answers/${questionCode}/verification`,
        VerificationResultSchema,
        body,
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rk.detail(id) });
      void qc.invalidateQueries({ queryKey: ['review', 'queue'] });
    },
  });
}

export function useReturn(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (comments: { questionCode: string | null; comment: string }[]) =>
      sendJson(`/api/review/responses/${id}/return`, ReviewActionResultSchema, { comments }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rk.detail(id) });
      void qc.invalidateQueries({ queryKey: ['review', 'queue'] });
    },
  });
}

export function useAccept(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (acceptPending: boolean) =>
      sendJson(`/api/review/responses/${id}/accept`, ReviewActionResultSchema, { acceptPending }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rk.detail(id) });
      void qc.invalidateQueries({ queryKey: ['review', 'queue'] });
    },
  });
}

export function useCoding(cycleId: number | undefined, questionCode: string) {
  return useQuery({
    queryKey: rk.coding(cycleId ?? 0, questionCode),
    queryFn: () =>
      getJson(
        `/api/review/cycles/${cycleId}/coding${questionCode ? `?questionCode=${encodeURIComponent(questionCode)}` : ''}`,
        CodingListSchema,
      ),
    enabled: cycleId !== undefined,
  });
}

export function useSetCoding(cycleId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { responseId: number; questionCode: string; category: string | null }) =>
      sendJson(
        `/api/review/responses/${v.responseId}/answers/${v.questionCode}/coding`,
        CodingResultSchema,
        { category: v.category },
        { method: 'PUT' },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['review', 'coding', cycleId ?? 0] }),
  });
}

export function useCreateCategory(cycleId: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { questionCode: string; code: string; labelTh: string; labelEn: string }) =>
      sendJson(`/api/review/cycles/${cycleId}/categories`, CategorySchema, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['review', 'coding', cycleId ?? 0] }),
  });
}

/** Files need the access token: fetched as a blob and handed to the browser (one helper, lib/save-file). */
export const downloadEvidence = saveFile;
