import type { Framework, Track } from '@dg/shared/schemas/framework';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type Localized = { th: string; en: string };
export type CycleStatus = 'draft' | 'open' | 'closed' | 'published';

export interface AdminCycle {
  id: number;
  fiscalYear: number;
  name: Localized;
  status: CycleStatus;
  frameworkId: number;
  frameworkCode: string;
  opensAt: string | null;
  closesAt: string | null;
  publishedAt: string | null;
  counts: { invited: number; started: number; submitted: number; verified: number };
}

export interface FrameworkListItem {
  id: number;
  code: string;
  year: number;
  title: Localized;
  hash: string;
  frozen: boolean;
  createdAt: string;
  pillars: number;
  questions: Record<Track | 'total', number>;
}

export interface FrameworkIssue {
  path: (string | number)[];
  pathText: string;
  code: string;
  message: string;
  /** Thai text of the same problem; optional so an older server's issues still render. */
  messageTh?: string;
}

export interface AgencySummary {
  id: number;
  code: string;
  track: Track;
  name: Localized;
  ministryCode: string | null;
  ministryName: Localized | null;
  orgType: string | null;
  role: string | null;
  region: string | null;
  active: boolean;
  mergedIntoId: number | null;
  updatedAt: string;
}

export interface AgencyHistoryEntry {
  id: number;
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedBy: { id: number; name: string } | null;
  changedAt: string;
}

export const adminKeys = {
  cycles: ['admin', 'cycles'] as const,
  frameworks: ['admin', 'frameworks'] as const,
  framework: (id: number) => ['admin', 'frameworks', id] as const,
  agencies: (filter: Record<string, string | undefined>) => ['admin', 'agencies', filter] as const,
  history: (id: number) => ['admin', 'agencies', id, 'history'] as const,
};

export const useAdminCycles = () =>
  useQuery({ queryKey: adminKeys.cycles, queryFn: () => api<AdminCycle[]>('/api/admin/cycles') });

export function useCycleTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: CycleStatus }) =>
      api<AdminCycle>(`/api/admin/cycles/${id}`, { method: 'PATCH', body: JSON.stringify({ status }) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.cycles });
      void qc.invalidateQueries({ queryKey: adminKeys.frameworks });
    },
  });
}

export const useFrameworks = () =>
  useQuery({ queryKey: adminKeys.frameworks, queryFn: () => api<FrameworkListItem[]>('/api/frameworks') });

export const useFrameworkDocument = (id: number) =>
  useQuery({
    queryKey: adminKeys.framework(id),
    queryFn: () => api<{ id: number; framework: Framework; hash: string; frozen: boolean }>(`/api/frameworks/${id}`),
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
    queryFn: () => api<AgencySummary[]>(`/api/agencies${qs ? `?${qs}` : ''}`),
    placeholderData: (prev) => prev,
  });
}

export const useAgencyHistory = (id: number | null) =>
  useQuery({
    queryKey: adminKeys.history(id ?? 0),
    queryFn: () => api<AgencyHistoryEntry[]>(`/api/admin/agencies/${id}/history`),
    enabled: id !== null,
  });

export function useRenameAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, nameTh, nameEn }: { id: number; nameTh: string; nameEn: string }) =>
      api<AgencySummary>(`/api/admin/agencies/${id}`, { method: 'PATCH', body: JSON.stringify({ nameTh, nameEn }) }),
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
    queryFn: () => api<AgencySummary[]>(`/api/agencies?track=${track}&active=true`),
    enabled: track !== null,
  });

export function useMergeAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, intoAgencyId }: { id: number; intoAgencyId: number }) =>
      api<AgencySummary>(`/api/admin/agencies/${id}/merge`, {
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

type LevelOrNull = number | null;

export interface RecomputeReport {
  cycleId: number;
  engineVersion: string;
  frameworkHash: string;
  examined: number;
  recomputed: number;
  changed: {
    agencyId: number;
    agencyCode: string;
    agencyName: Localized;
    before: { self: LevelOrNull; verified: LevelOrNull };
    after: { self: LevelOrNull; verified: LevelOrNull };
    pillars: { pillarKey: string; from: LevelOrNull; to: LevelOrNull }[];
  }[];
}

export function useRecompute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cycleId: number) => api<RecomputeReport>(`/api/admin/cycles/${cycleId}/recompute`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: adminKeys.cycles }),
  });
}

/** Fetches a file with the bearer token (a plain link would not carry it) and saves it under the server's name. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const result = await api<Blob | unknown>(path);
  const blob =
    result instanceof Blob
      ? result
      : new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DisclosurePolicy {
  cycleId: number;
  minSegmentSize: number;
  isDefault: boolean;
  updatedAt: string | null;
}

const disclosureKey = (cycleId: number) => ['admin', 'cycles', cycleId, 'disclosure'] as const;

export const useDisclosurePolicy = (cycleId: number | null) =>
  useQuery({
    queryKey: disclosureKey(cycleId ?? 0),
    queryFn: () => api<DisclosurePolicy>(`/api/admin/cycles/${cycleId}/disclosure`),
    enabled: cycleId !== null,
  });

export function useSetDisclosurePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, minSegmentSize }: { cycleId: number; minSegmentSize: number }) =>
      api<DisclosurePolicy>(`/api/admin/cycles/${cycleId}/disclosure`, {
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
