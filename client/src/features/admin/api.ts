import type { FrameworkIssue as DomainFrameworkIssue } from '@dg/shared/domain/framework-validate';
import { type DisclosurePolicy, DisclosurePolicySchema } from '@dg/shared/schemas/analytics';
import {
  type AdminCycle,
  AdminCycleListSchema,
  AdminCycleSchema,
  type RecomputeReport,
} from '@dg/shared/schemas/cycle-admin';
import type { Track } from '@dg/shared/schemas/framework';
import {
  FrameworkDetailSchema,
  type FrameworkListItem,
  FrameworkListSchema,
} from '@dg/shared/schemas/frameworks-routes';
import type { CycleStatusSchema } from '@dg/shared/schemas/questionnaire';
import {
  type AgencyHistoryEntry,
  AgencyHistorySchema,
  type AgencySummary,
  AgencySummaryListSchema,
  AgencySummarySchema,
} from '@dg/shared/schemas/registry';
import { AgencyPageSchema } from '@dg/shared/schemas/registry-grid';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson } from '../../lib/api';
import { saveFile } from '../../lib/save-file';

export type { AdminCycle, AgencyHistoryEntry, AgencySummary, DisclosurePolicy, FrameworkListItem, RecomputeReport };
export type CycleStatus = z.infer<typeof CycleStatusSchema>;
/** A validation issue of a framework document, as the server lists it in an error's details. */
export type FrameworkIssue = Omit<DomainFrameworkIssue, 'messageTh'> & {
  /** Thai text of the same problem; optional so an older server's issues still render. */
  messageTh?: string;
};

export const adminKeys = {
  cycles: ['admin', 'cycles'] as const,
  frameworks: ['admin', 'frameworks'] as const,
  framework: (id: number) => ['admin', 'frameworks', id] as const,
  agencies: (filter: Record<string, string | undefined>) => ['admin', 'agencies', filter] as const,
  history: (id: number) => ['admin', 'agencies', id, 'history'] as const,
};

export const useAdminCycles = () =>
  useQuery({ queryKey: adminKeys.cycles, queryFn: () => getJson('/api/admin/cycles', AdminCycleListSchema) });

export function useCycleTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: CycleStatus }) =>
      getJson(`/api/admin/cycles/${id}`, AdminCycleSchema, { method: 'PATCH', body: JSON.stringify({ status }) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.cycles });
      void qc.invalidateQueries({ queryKey: adminKeys.frameworks });
    },
  });
}

export const useFrameworks = () =>
  useQuery({ queryKey: adminKeys.frameworks, queryFn: () => getJson('/api/frameworks', FrameworkListSchema) });

export const useFrameworkDocument = (id: number) =>
  useQuery({
    queryKey: adminKeys.framework(id),
    queryFn: () => getJson(`/api/frameworks/${id}`, FrameworkDetailSchema),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: 5 * 60_000,
  });

export function useAgencies(filter: { q?: string; track?: string }) {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.track) params.set('track', filter.track);
  const qs = params.toString();
  return useQuery({
    queryKey: adminKeys.agencies(filter),
    queryFn: () => getJson(`/api/agencies${qs ? `?${qs}` : ''}`, AgencySummaryListSchema),
    placeholderData: (prev) => prev,
  });
}

/** One page of the registry; `query` is the grid's URL view (page, sort, search, filters). */
export function useAgencyPage(query: string) {
  return useQuery({
    queryKey: ['admin', 'agencies', 'page', query],
    queryFn: () => getJson(`/api/agencies/page?${query}`, AgencyPageSchema),
    placeholderData: keepPreviousData,
  });
}

export const useAgencyHistory = (id: number | null) =>
  useQuery({
    queryKey: adminKeys.history(id ?? 0),
    queryFn: () => getJson(`/api/admin/agencies/${id}/history`, AgencyHistorySchema),
    enabled: id !== null,
  });

export function useRenameAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, nameTh, nameEn }: { id: number; nameTh: string; nameEn: string }) =>
      getJson(`/api/admin/agencies/${id}`, AgencySummarySchema, {
        method: 'PATCH',
        body: JSON.stringify({ nameTh, nameEn }),
      }),
    onSuccess: (_a, v) => {
      void qc.invalidateQueries({ queryKey: ['admin', 'agencies'] });
      void qc.invalidateQueries({ queryKey: adminKeys.history(v.id) });
    },
  });
}

/** Active agencies of a track, for choosing the agency another one merges into. */
export const useMergeTargets = (track: Track | null) =>
  useQuery({
    queryKey: [...adminKeys.agencies({ track: track ?? undefined, active: 'true' })],
    queryFn: () => getJson(`/api/agencies?track=${track}&active=true`, AgencySummaryListSchema),
    enabled: track !== null,
  });

export function useMergeAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, intoAgencyId }: { id: number; intoAgencyId: number }) =>
      getJson(`/api/admin/agencies/${id}/merge`, AgencySummarySchema, {
        method: 'POST',
        body: JSON.stringify({ intoAgencyId }),
      }),
    onSuccess: (_a, v) => {
      void qc.invalidateQueries({ queryKey: ['admin', 'agencies'] });
      void qc.invalidateQueries({ queryKey: adminKeys.history(v.id) });
      void qc.invalidateQueries({ queryKey: adminKeys.history(v.intoAgencyId) });
    },
  });
}

/** Files need the access token: fetched as a blob and handed to the browser (one helper, lib/save-file). */
export const downloadFile = saveFile;

const disclosureKey = (cycleId: number) => ['admin', 'cycles', cycleId, 'disclosure'] as const;

export const useDisclosurePolicy = (cycleId: number | null) =>
  useQuery({
    queryKey: disclosureKey(cycleId ?? 0),
    queryFn: () => getJson(`/api/admin/cycles/${cycleId}/disclosure`, DisclosurePolicySchema),
    enabled: cycleId !== null,
  });

export function useSetDisclosurePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, minSegmentSize }: { cycleId: number; minSegmentSize: number }) =>
      getJson(`/api/admin/cycles/${cycleId}/disclosure`, DisclosurePolicySchema, {
        method: 'PUT',
        body: JSON.stringify({ minSegmentSize }),
      }),
    onSuccess: (p) => {
      qc.setQueryData(disclosureKey(p.cycleId), p);
      // Analytics pages read figures under the policy: they are stale now.
      void qc.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
