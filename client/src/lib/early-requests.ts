import type { QuestionnaireStart } from '@dg/shared/schemas/session-start';
import type { QueryClient } from '@tanstack/react-query';
import { cycleKeys } from './query-keys';

/**
 * Requests index.html's inline script sent before the app loaded (see the script there). Each is
 * handed out once: the first refresh of the page uses the early one, every later one is the app's.
 */
interface EarlyRequests {
  refresh?: Promise<Response>;
  framework?: Promise<{ path: string; response: Promise<Response> } | null>;
}

declare global {
  interface Window {
    __dgEarly?: EarlyRequests;
  }
}

export function takeEarlyRefresh(): Promise<Response> | null {
  const early = window.__dgEarly;
  const refresh = early?.refresh ?? null;
  if (early) early.refresh = undefined;
  return refresh;
}

/** The framework the page asked for early, if it is the one at `path`. */
export async function takeEarlyFramework(path: string): Promise<Response | null> {
  const early = window.__dgEarly;
  const pending = early?.framework;
  if (!early || !pending) return null;
  early.framework = undefined;
  const started = await pending.catch(() => null);
  return started && started.path === path ? started.response : null;
}

/** Puts the questionnaire's first reads that came with the session where its queries look. */
export function seedQuestionnaireStart(queryClient: QueryClient, start: QuestionnaireStart | undefined) {
  if (!start) return;
  queryClient.setQueryData(cycleKeys.cycles, start.cycles);
  const mine = start.current?.myResponse;
  if (start.current && mine) queryClient.setQueryData(cycleKeys.myResponse(start.current.cycleId), mine);
}
