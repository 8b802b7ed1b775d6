import type { Track } from '@dg/shared/schemas/framework';
import {
  FrameworkTrialSchema,
  type SaveTrialAnswersBody,
  TrialDiscardResultSchema,
} from '@dg/shared/schemas/framework-trial';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, getJson, sendJson } from '../../lib/api';

const trialKey = (id: number) => ['admin', 'frameworks', id, 'trial'] as const;

/** The draft's trial run, or null when none is open (the server answers 404). */
export const useFrameworkTrial = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: trialKey(id),
    queryFn: async () => {
      try {
        return await getJson(`/api/frameworks/${id}/trial`, FrameworkTrialSchema);
      } catch (e) {
        if (e instanceof ApiRequestError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: enabled && Number.isInteger(id) && id > 0,
    refetchOnWindowFocus: false,
  });

export function useTrialActions(id: number) {
  const qc = useQueryClient();
  const set = (data: unknown) => qc.setQueryData(trialKey(id), data);
  return {
    open: useMutation({
      mutationFn: () => sendJson(`/api/frameworks/${id}/trial`, FrameworkTrialSchema, {}),
      onSuccess: set,
    }),
    save: useMutation({
      mutationFn: ({ track, answers }: { track: Track; answers: SaveTrialAnswersBody['answers'] }) =>
        sendJson(`/api/frameworks/${id}/trial/${track}/answers`, FrameworkTrialSchema, { answers }, { method: 'PUT' }),
      onSuccess: set,
    }),
    discard: useMutation({
      mutationFn: () => getJson(`/api/frameworks/${id}/trial`, TrialDiscardResultSchema, { method: 'DELETE' }),
      onSuccess: () => set(null),
    }),
  };
}
