import {
  type CycleFramework,
  CycleFrameworkSchema,
  CycleSummaryListSchema,
} from '@dg/shared/schemas/frameworks-routes';
import { type CycleSummary, ResponseDetailSchema } from '@dg/shared/schemas/questionnaire';
import type { Changes } from '@dg/shared/schemas/responses-routes';
import { useQuery } from '@tanstack/react-query';
import { expectShape, getBlob, getJson, readResponse } from '../../lib/api';
import { takeEarlyFramework } from '../../lib/early-requests';
import { cycleKeys } from '../../lib/query-keys';

export const qk = cycleKeys;

export type FrameworkPayload = CycleFramework;
export type ChangesPayload = Changes;

export function useCycles(enabled: boolean) {
  return useQuery({ queryKey: qk.cycles, queryFn: () => getJson('/api/cycles', CycleSummaryListSchema), enabled });
}

/**
 * Asked for by its hash, which the browser then keeps for good (the server says the answer never
 * changes); on a first visit the page may have asked already (lib/early-requests.ts).
 */
export function useFramework(cycle: CycleSummary | null) {
  const path = cycle ? `/api/cycles/${cycle.id}/framework?hash=${encodeURIComponent(cycle.frameworkHash)}` : '';
  return useQuery({
    queryKey: qk.framework(cycle?.id ?? 0),
    queryFn: async () => {
      const early = await takeEarlyFramework(path);
      return early
        ? expectShape(path, CycleFrameworkSchema, await readResponse(await early))
        : getJson(path, CycleFrameworkSchema);
    },
    enabled: cycle !== null,
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
