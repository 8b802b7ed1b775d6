import type { Framework } from '@dg/shared/schemas/framework';
import {
  type CopyFrameworkBody,
  FrameworkChangesSchema,
  FrameworkDraftSchema,
  FrameworkImportResultSchema,
  SaveDraftResultSchema,
} from '@dg/shared/schemas/framework-authoring';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../lib/api';
import { adminKeys } from './api';

export const authoringKeys = {
  draft: (id: number) => ['admin', 'frameworks', id, 'draft'] as const,
  changes: (id: number) => ['admin', 'frameworks', id, 'changes'] as const,
};

export const useFrameworkDraft = (id: number) =>
  useQuery({
    queryKey: authoringKeys.draft(id),
    queryFn: () => getJson(`/api/frameworks/${id}/draft`, FrameworkDraftSchema),
    enabled: Number.isInteger(id) && id > 0,
    // The editor keeps its own copy; a refetch must not replace what the user is typing.
    refetchOnWindowFocus: false,
  });

export const useFrameworkChanges = (id: number) =>
  useQuery({
    queryKey: authoringKeys.changes(id),
    queryFn: () => getJson(`/api/frameworks/${id}/changes`, FrameworkChangesSchema),
    enabled: Number.isInteger(id) && id > 0,
  });

export function useCopyFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: CopyFrameworkBody }) =>
      sendJson(`/api/frameworks/${id}/copy`, FrameworkImportResultSchema, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: adminKeys.frameworks }),
  });
}

/** Saves with If-Match: the hash the editor loaded (or last saved), so nobody overwrites another's save. */
export function useSaveDraft(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ framework, hash }: { framework: Framework; hash: string }) =>
      sendJson(
        `/api/frameworks/${id}/draft`,
        SaveDraftResultSchema,
        { framework },
        { method: 'PUT', headers: { 'if-match': `"${hash}"` } },
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.frameworks });
      void qc.invalidateQueries({ queryKey: adminKeys.framework(id) });
      void qc.invalidateQueries({ queryKey: authoringKeys.changes(id) });
    },
  });
}

export const importWorkbook = (file: File) => {
  const body = new FormData();
  body.append('file', file, file.name);
  return getJson('/api/frameworks/import.xlsx', FrameworkImportResultSchema, { method: 'POST', body });
};
