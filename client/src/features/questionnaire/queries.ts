import {
  type CycleFramework,
  CycleFrameworkSchema,
  CycleSummaryListSchema,
} from '@dg/shared/schemas/frameworks-routes';
import { type CycleSummary, ResponseDetailSchema } from '@dg/shared/schemas/questionnaire';
import type { Changes } from '@dg/shared/schemas/responses-routes';
import { useQuery } from '@tanstack/react-query';
import { getBlob, getJson } from '../../lib/api';

export const qk = {
  cycles: ['cycles'] as const,
  framework: (cycleId: number) => ['cycles', cycleId, 'framework'] as const,
  myResponse: (cycleId: number) => ['cycles', cycleId, 'my-response'] as const,
};

export type FrameworkPayload = CycleFramework;
export type ChangesPayload = Changes;

/** The open cycle, or the newest one when none is open. */
export function pickCycle(cycles: readonly CycleSummary[]): CycleSummary | null {
  const open = cycles.filter((c) => c.status === 'open').sort((a, b) => b.fiscalYear - a.fiscalYear);
  if (open[0]) return open[0];
  const visible = cycles.filter((c) => c.status !== 'draft').sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id);
  return visible[0] ?? null;
}

export function useCycles(enabled: boolean) {
  return useQuery({ queryKey: qk.cycles, queryFn: () => getJson('/api/cycles', CycleSummaryListSchema), enabled });
}

export function useFramework(cycleId: number | undefined) {
  return useQuery({
    queryKey: qk.framework(cycleId ?? 0),
    queryFn: () => getJson(`/api/cycles/${cycleId}/framework`, CycleFrameworkSchema),
    enabled: cycleId !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMyResponse(cycleId: number | undefined) {
  return useQuery({
    queryKey: qk.myResponse(cycleId ?? 0),
    queryFn: () => getJson(`/api/cycles/${cycleId}/my-response`, ResponseDetailSchema),
    enabled: cycleId !== undefined,
    // The form owns the answers once loaded; polling `changes` keeps it fresh.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Fetches a file with the bearer token (plain links cannot carry it) and hands it to the browser to save. */
export async function downloadBlob(path: string, fallbackName: string): Promise<void> {
  const blob = await getBlob(path);
  const data = blob instanceof Blob ? blob : new Blob([JSON.stringify(blob)], { type: 'application/json' });
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
